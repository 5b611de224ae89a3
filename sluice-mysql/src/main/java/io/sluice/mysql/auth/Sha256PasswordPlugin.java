package io.sluice.mysql.auth;

import io.sluice.core.error.AuthenticationException;
import java.util.Arrays;

/**
 * {@code sha256_password} (deprecated in MySQL 8; mariadb.com/kb/en/sha256_password-plugin/,
 * dev.mysql.com/doc/refman/8.0/en/sha256-pluggable-authentication.html):
 *
 * <ul>
 * <li>empty password: a single {@code 0x00};</li>
 * <li>TLS or unix socket: the password + NUL in clear;</li>
 * <li>with the caller's RSA key: {@code RSA-OAEP((password + NUL) XOR scramble)} right away;</li>
 * <li>if key retrieval is allowed: {@code 0x01} to request the key, then the encrypted password
 *     once the PEM arrives in AuthMoreData;</li>
 * <li>otherwise refused: never a cleartext password over plain TCP.</li>
 * </ul>
 */
final class Sha256PasswordPlugin implements AuthPlugin {
    static final int REQUEST_PUBLIC_KEY = 0x01;

    private boolean keyRequested;

    @Override
    public String name() {
        return AuthPlugins.SHA256_PASSWORD;
    }

    @Override
    public byte[] initialResponse(AuthContext ctx) {
        keyRequested = false;
        if (!ctx.hasPassword()) {
            return new byte[] {0};
        }
        if (ctx.secureTransport()) {
            byte[] pw = ctx.passwordBytes();
            byte[] out = Scrambles.withNul(pw);
            Arrays.fill(pw, (byte) 0);
            return out;
        }
        if (ctx.serverRsaKey() != null) {
            return RsaPasswords.encrypt(ctx.passwordBytes(), Scrambles.scramble(ctx.seed()), ctx.serverRsaKey());
        }
        if (ctx.allowPublicKeyRetrieval()) {
            keyRequested = true;
            return new byte[] {REQUEST_PUBLIC_KEY};
        }
        throw new AuthenticationException(CachingSha2PasswordPlugin.insecureMessage(name()));
    }

    @Override
    public AuthStep onMoreData(AuthContext ctx, byte[] data) {
        if (!keyRequested) {
            throw Scrambles.unexpected(name(), data);
        }
        keyRequested = false;
        return AuthStep.send(RsaPasswords.encrypt(ctx.passwordBytes(), Scrambles.scramble(ctx.seed()),
                RsaPasswords.parsePem(data)));
    }
}
