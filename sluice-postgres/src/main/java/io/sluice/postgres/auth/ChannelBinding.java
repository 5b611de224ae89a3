package io.sluice.postgres.auth;

import io.sluice.core.error.AuthenticationException;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASL;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASLContinue;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASLFinal;

/**
 * SCRAM channel binding policy (libpq's {@code channel_binding}; RFC 5802 section 6, RFC 5929
 * tls-server-end-point). Binding ties the SCRAM exchange to the TLS session, so a man in the middle
 * holding another certificate cannot relay the authentication.
 *
 * <p>{@link #REQUIRE} is never silently downgraded. A server (or an attacker impersonating it) can
 * try to avoid binding by offering plain SCRAM, md5, cleartext, or no authentication at all
 * (AuthenticationOk straight away, "trust"); all of these fail under REQUIRE. The session calls:
 * <ol>
 *   <li>{@link #checkTls} once TLS negotiation is done, before the StartupMessage;</li>
 *   <li>{@link #checkAuthAllowed} on the server's first authentication message;</li>
 *   <li>{@link #checkAuthOk} when AuthenticationOk arrives, with the SCRAM client if one ran.</li>
 * </ol>
 */
public enum ChannelBinding {
    /** Never bind, even when the server offers SCRAM-SHA-256-PLUS. */
    DISABLE,
    /** Bind when the connection uses TLS and the server offers SCRAM-SHA-256-PLUS (libpq's default). */
    PREFER,
    /** Authenticate only through SCRAM-SHA-256-PLUS over TLS; anything else fails. */
    REQUIRE;

    /**
     * Fails under REQUIRE when the connection is not encrypted: there is nothing to bind to, and
     * failing before the StartupMessage sends nothing to an unauthenticated peer.
     */
    public static void checkTls(ChannelBinding mode, boolean tlsActive) {
        if (mode == REQUIRE && !tlsActive) {
            throw new AuthenticationException("channel binding is required, but the connection does not use TLS");
        }
    }

    /**
     * Checks the server's first authentication message against the policy. Under REQUIRE only
     * AuthenticationSASL offering SCRAM-SHA-256-PLUS passes (and SASL continuation messages, which
     * belong to an exchange already accepted); AuthenticationOk ("trust"), cleartext, md5 and
     * unsupported methods fail. Other modes accept everything here.
     *
     * <p>Do not call this for the AuthenticationOk that concludes a SASL exchange: use
     * {@link #checkAuthOk} for that.
     */
    public static void checkAuthAllowed(ChannelBinding mode, BackendMessage authRequest) {
        if (mode != REQUIRE) {
            return;
        }
        switch (authRequest) {
            case AuthenticationSASL sasl when sasl.mechanisms().contains(ScramClient.SCRAM_SHA_256_PLUS) -> {
            }
            case AuthenticationSASL sasl -> throw new AuthenticationException(
                    "channel binding is required, but the server offered only SASL mechanisms "
                            + sasl.mechanisms() + " (no " + ScramClient.SCRAM_SHA_256_PLUS + ")");
            case AuthenticationSASLContinue c -> {
            }
            case AuthenticationSASLFinal f -> {
            }
            default -> throw new AuthenticationException("channel binding is required, but the server asked for "
                    + describe(authRequest) + " instead of " + ScramClient.SCRAM_SHA_256_PLUS);
        }
    }

    /**
     * Checks AuthenticationOk. Whatever the mode, once SCRAM started the server must have proven
     * knowledge of the password (a verified server-final message) before it may declare success;
     * under REQUIRE the exchange must also have used channel binding.
     *
     * @param scram the SCRAM client used for this connection, or {@code null} when none ran
     */
    public static void checkAuthOk(ChannelBinding mode, ScramClient scram) {
        if (scram != null && !scram.isComplete()) {
            throw new AuthenticationException(
                    "server sent AuthenticationOk before the SCRAM exchange completed (server signature not verified)");
        }
        if (mode == REQUIRE && (scram == null || !scram.channelBindingUsed())) {
            throw new AuthenticationException(
                    "channel binding is required, but the server completed authentication without it");
        }
    }

    private static String describe(BackendMessage m) {
        return switch (m) {
            case BackendMessage.AuthenticationOk ok -> "no authentication (AuthenticationOk)";
            case BackendMessage.AuthenticationCleartextPassword c -> "a cleartext password";
            case BackendMessage.AuthenticationMD5Password md5 -> "an MD5 password";
            case BackendMessage.AuthenticationUnsupported u -> "authentication method " + u.code();
            default -> m.getClass().getSimpleName();
        };
    }
}
