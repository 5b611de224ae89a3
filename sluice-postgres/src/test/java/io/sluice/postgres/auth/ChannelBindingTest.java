package io.sluice.postgres.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.AuthenticationException;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.BackendMessage.AuthenticationCleartextPassword;
import io.sluice.postgres.wire.BackendMessage.AuthenticationMD5Password;
import io.sluice.postgres.wire.BackendMessage.AuthenticationOk;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASL;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASLContinue;
import io.sluice.postgres.wire.BackendMessage.AuthenticationUnsupported;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channel-binding rules as a table: mode x first authentication request -> allowed or refused. */
class ChannelBindingTest {
    private static final BackendMessage PLUS = new AuthenticationSASL(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"));
    private static final BackendMessage PLAIN = new AuthenticationSASL(List.of("SCRAM-SHA-256"));
    private static final BackendMessage MD5 = new AuthenticationMD5Password(new byte[4]);

    @Test
    void firstRequestTable() {
        Map<BackendMessage, Boolean> requireAllows = Map.of(
                PLUS, true,
                PLAIN, false,
                MD5, false,
                AuthenticationCleartextPassword.INSTANCE, false,
                AuthenticationOk.INSTANCE, false, // trust: no authentication at all
                new AuthenticationUnsupported(7), false,
                new AuthenticationSASLContinue(new byte[0]), true);
        requireAllows.forEach((msg, allowed) -> {
            for (ChannelBinding mode : ChannelBinding.values()) {
                boolean expectOk = mode != ChannelBinding.REQUIRE || allowed;
                if (expectOk) {
                    assertDoesNotThrow(() -> ChannelBinding.checkAuthAllowed(mode, msg), mode + " " + msg);
                } else {
                    assertThrows(AuthenticationException.class, () -> ChannelBinding.checkAuthAllowed(mode, msg),
                            mode + " " + msg);
                }
            }
        });
    }

    @Test
    void tlsIsRequiredBeforeAnythingIsSent() {
        assertThrows(AuthenticationException.class, () -> ChannelBinding.checkTls(ChannelBinding.REQUIRE, false));
        assertDoesNotThrow(() -> ChannelBinding.checkTls(ChannelBinding.REQUIRE, true));
        assertDoesNotThrow(() -> ChannelBinding.checkTls(ChannelBinding.PREFER, false));
        assertDoesNotThrow(() -> ChannelBinding.checkTls(ChannelBinding.DISABLE, false));
    }

    @Test
    void authenticationOkChecks() {
        // no SCRAM ran (trust / md5 / cleartext): fine unless REQUIRE
        assertDoesNotThrow(() -> ChannelBinding.checkAuthOk(ChannelBinding.PREFER, null));
        assertThrows(AuthenticationException.class, () -> ChannelBinding.checkAuthOk(ChannelBinding.REQUIRE, null));

        // SCRAM started but the server skipped SASLFinal: refused in every mode
        ScramClient half = new ScramClient("user", "pencil", ChannelBinding.DISABLE, null, 10_000, "rOprNGfwEbeRWgbNEkqO");
        half.chooseMechanism(List.of("SCRAM-SHA-256"));
        half.clientFirst();
        half.clientFinal(("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
                .getBytes(StandardCharsets.UTF_8));
        for (ChannelBinding mode : ChannelBinding.values()) {
            assertThrows(AuthenticationException.class, () -> ChannelBinding.checkAuthOk(mode, half));
        }
        half.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".getBytes(StandardCharsets.UTF_8));
        assertDoesNotThrow(() -> ChannelBinding.checkAuthOk(ChannelBinding.PREFER, half));
        // completed, but without binding: not enough for REQUIRE
        assertThrows(AuthenticationException.class, () -> ChannelBinding.checkAuthOk(ChannelBinding.REQUIRE, half));
    }

    @Test
    void messagesNameTheOffer() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> ChannelBinding.checkAuthAllowed(ChannelBinding.REQUIRE, MD5));
        assertEquals("channel binding is required, but the server asked for an MD5 password instead of "
                + "SCRAM-SHA-256-PLUS", e.getMessage());
    }
}
