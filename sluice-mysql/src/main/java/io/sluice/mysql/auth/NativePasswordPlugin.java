package io.sluice.mysql.auth;

import java.util.Arrays;

/**
 * {@code mysql_native_password}
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_native_password_authentication.html):
 * {@code SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password)))}; an empty password sends an
 * empty response. Single step: any AuthMoreData is a protocol error.
 */
final class NativePasswordPlugin implements AuthPlugin {

    @Override
    public String name() {
        return AuthPlugins.MYSQL_NATIVE_PASSWORD;
    }

    @Override
    public byte[] initialResponse(AuthContext ctx) {
        return scramble(ctx.passwordBytes(), Scrambles.scramble(ctx.seed()));
    }

    @Override
    public AuthStep onMoreData(AuthContext ctx, byte[] data) {
        throw Scrambles.unexpected(name(), data);
    }

    /** The token for {@code password} (UTF-8) and the 20-byte {@code scramble}; wipes {@code password}. */
    static byte[] scramble(byte[] password, byte[] scramble) {
        if (password.length == 0) {
            return new byte[0];
        }
        byte[] stage1 = Scrambles.sha1(password);
        Arrays.fill(password, (byte) 0);
        byte[] stage2 = Scrambles.sha1(stage1);
        byte[] mix = Scrambles.sha1(scramble, stage2);
        return Scrambles.xor(stage1, mix);
    }
}
