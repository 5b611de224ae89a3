package io.sluice.mysql.auth;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;

/**
 * What an authentication plugin may use for one exchange. Passwords are encoded as UTF-8 (the
 * session always runs utf8mb4) and never appear in {@link #toString()}.
 *
 * @param password {@code null} or empty for no password
 * @param seed the scramble/nonce from the greeting or the latest AuthSwitchRequest, raw (plugins
 *     that use a 20-byte scramble drop a trailing NUL themselves)
 * @param secureTransport true over TLS or a unix socket: the password may be sent in clear
 * @param allowPublicKeyRetrieval may the plugin ask the server for its RSA key over plain TCP (open
 *     to a man in the middle substituting the key; off by default in the URL options)
 * @param serverRsaKey the server's RSA public key supplied by the caller, or {@code null}
 */
public record AuthContext(String user, String password, byte[] seed, boolean secureTransport,
        boolean allowPublicKeyRetrieval, PublicKey serverRsaKey) {

    public AuthContext {
        seed = seed == null ? new byte[0] : seed;
        password = password == null ? "" : password;
    }

    /** A fresh copy of the password's UTF-8 bytes; callers wipe it after use. */
    public byte[] passwordBytes() {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    public boolean hasPassword() {
        return !password.isEmpty();
    }

    /** The same context with the seed of an AuthSwitchRequest. */
    public AuthContext withSeed(byte[] newSeed) {
        return new AuthContext(user, password, newSeed, secureTransport, allowPublicKeyRetrieval, serverRsaKey);
    }

    @Override
    public String toString() {
        return "AuthContext[user=" + user + ", password=" + (password.isEmpty() ? "<none>" : "<redacted>")
                + ", secureTransport=" + secureTransport + ", allowPublicKeyRetrieval=" + allowPublicKeyRetrieval
                + ", serverRsaKey=" + (serverRsaKey != null) + "]";
    }
}
