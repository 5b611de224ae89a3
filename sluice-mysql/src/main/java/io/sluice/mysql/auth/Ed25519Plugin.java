package io.sluice.mysql.auth;

import io.sluice.core.error.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * MariaDB's {@code client_ed25519} (mariadb.com/kb/en/authentication-plugin-ed25519/,
 * mariadb.com/kb/en/connection/#client_ed25519-plugin): the server sends a 32-byte random nonce
 * (in the AuthSwitchRequest, without a trailing NUL) and the client answers with the 64-byte
 * Ed25519 signature of that nonce, using the UTF-8 password itself as the Ed25519 secret (SHA-512
 * of the password, clamped). The server stores only the public key, as unpadded base64.
 *
 * <p>The password never leaves the client, so this plugin is safe without TLS.
 */
public final class Ed25519Plugin implements AuthPlugin {
    static final int NONCE_LENGTH = 32;

    @Override
    public String name() {
        return AuthPlugins.CLIENT_ED25519;
    }

    /**
     * Signs the seed when it is the 32-byte nonce. With the 20-byte greeting scramble (the session
     * offered client_ed25519 up front) there is nothing to sign yet: send an empty response and sign
     * the nonce when it arrives.
     */
    @Override
    public byte[] initialResponse(AuthContext ctx) {
        if (ctx.seed().length != NONCE_LENGTH) {
            return new byte[0];
        }
        return signature(ctx, ctx.seed());
    }

    @Override
    public AuthStep onMoreData(AuthContext ctx, byte[] data) {
        if (data.length != NONCE_LENGTH) {
            throw new ProtocolException("client_ed25519 expects a " + NONCE_LENGTH + "-byte nonce, got "
                    + data.length + " bytes");
        }
        return AuthStep.send(signature(ctx, data));
    }

    private static byte[] signature(AuthContext ctx, byte[] nonce) {
        byte[] pw = ctx.passwordBytes();
        try {
            return Ed25519.sign(pw, nonce);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /**
     * The public key MariaDB stores for {@code password} (what {@code ed25519_password('...')} and
     * {@code IDENTIFIED VIA ed25519 USING PASSWORD('...')} compute); base64 of it, unpadded, is the
     * authentication_string.
     */
    public static byte[] ed25519PublicKey(String password) {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        try {
            return Ed25519.publicKey(pw);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }
}
