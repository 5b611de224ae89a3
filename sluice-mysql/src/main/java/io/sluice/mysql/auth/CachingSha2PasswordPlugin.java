package io.sluice.mysql.auth;

import io.sluice.core.error.AuthenticationException;
import java.util.Arrays;

/**
 * {@code caching_sha2_password}
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html).
 *
 * <ol>
 * <li>Initial response: {@code XOR(SHA256(password), SHA256(SHA256(SHA256(password)), nonce))}
 *     (the digest first, then the nonce); empty for an empty password.</li>
 * <li>AuthMoreData {@code 0x03}: fast auth succeeded, an OK follows: send nothing.</li>
 * <li>AuthMoreData {@code 0x04}: full authentication: over TLS/unix socket the password + NUL in
 *     clear; else RSA with the caller's key; else, if allowed, request the key with {@code 0x02}
 *     and encrypt once the PEM arrives in the next AuthMoreData; else refuse.</li>
 * </ol>
 * Servers before MySQL 8.0.5 used PKCS#1 v1.5 padding here; only OAEP is implemented.
 */
final class CachingSha2PasswordPlugin implements AuthPlugin {
    static final int FAST_AUTH_SUCCESS = 0x03;
    static final int PERFORM_FULL_AUTH = 0x04;
    static final int REQUEST_PUBLIC_KEY = 0x02;

    private enum State { SCRAMBLE_SENT, FAST_AUTH_OK, KEY_REQUESTED, PASSWORD_SENT }

    private State state = State.SCRAMBLE_SENT;

    @Override
    public String name() {
        return AuthPlugins.CACHING_SHA2_PASSWORD;
    }

    @Override
    public byte[] initialResponse(AuthContext ctx) {
        state = State.SCRAMBLE_SENT;
        return scramble(ctx.passwordBytes(), Scrambles.scramble(ctx.seed()));
    }

    @Override
    public AuthStep onMoreData(AuthContext ctx, byte[] data) {
        if (state == State.KEY_REQUESTED) {
            state = State.PASSWORD_SENT;
            return AuthStep.send(RsaPasswords.encrypt(ctx.passwordBytes(), Scrambles.scramble(ctx.seed()),
                    RsaPasswords.parsePem(data)));
        }
        if (state != State.SCRAMBLE_SENT || data.length != 1) {
            throw Scrambles.unexpected(name(), data);
        }
        return switch (data[0]) {
            case FAST_AUTH_SUCCESS -> {
                state = State.FAST_AUTH_OK;
                yield AuthStep.awaitServer();
            }
            case PERFORM_FULL_AUTH -> fullAuthentication(ctx);
            default -> throw Scrambles.unexpected(name(), data);
        };
    }

    private AuthStep fullAuthentication(AuthContext ctx) {
        if (ctx.secureTransport()) {
            state = State.PASSWORD_SENT;
            byte[] pw = ctx.passwordBytes();
            byte[] out = Scrambles.withNul(pw);
            Arrays.fill(pw, (byte) 0);
            return AuthStep.send(out);
        }
        if (ctx.serverRsaKey() != null) {
            state = State.PASSWORD_SENT;
            return AuthStep.send(RsaPasswords.encrypt(ctx.passwordBytes(), Scrambles.scramble(ctx.seed()),
                    ctx.serverRsaKey()));
        }
        if (ctx.allowPublicKeyRetrieval()) {
            state = State.KEY_REQUESTED;
            return AuthStep.send(new byte[] {REQUEST_PUBLIC_KEY});
        }
        throw new AuthenticationException(insecureMessage(name()));
    }

    static String insecureMessage(String plugin) {
        return plugin + " needs the password on the server but the connection is not encrypted: enable TLS "
                + "(sslMode=require or stricter), supply the server's key (serverRsaPublicKeyFile), or allow "
                + "fetching it (allowPublicKeyRetrieval=true, exposed to a man in the middle)";
    }

    /** The fast-auth token for {@code password} (UTF-8) and the 20-byte {@code nonce}; wipes {@code password}. */
    static byte[] scramble(byte[] password, byte[] nonce) {
        if (password.length == 0) {
            return new byte[0];
        }
        byte[] stage1 = Scrambles.sha256(password);
        Arrays.fill(password, (byte) 0);
        byte[] stage2 = Scrambles.sha256(stage1);
        byte[] mix = Scrambles.sha256(stage2, nonce);
        return Scrambles.xor(stage1, mix);
    }
}
