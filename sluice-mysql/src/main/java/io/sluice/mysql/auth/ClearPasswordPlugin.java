package io.sluice.mysql.auth;

import io.sluice.core.error.AuthenticationException;
import java.util.Arrays;

/**
 * {@code mysql_clear_password}
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_authentication_methods_clear_text_password.html):
 * the password followed by NUL. Refused outright unless the transport is TLS or a unix socket: a
 * server (or a man in the middle) asking for it over plain TCP must not obtain the password.
 */
final class ClearPasswordPlugin implements AuthPlugin {

    @Override
    public String name() {
        return AuthPlugins.MYSQL_CLEAR_PASSWORD;
    }

    @Override
    public byte[] initialResponse(AuthContext ctx) {
        if (!ctx.secureTransport()) {
            throw new AuthenticationException("the server asked for mysql_clear_password, which would send the "
                    + "password in clear over an unencrypted connection; enable TLS (sslMode=require or stricter)");
        }
        byte[] pw = ctx.passwordBytes();
        byte[] out = Scrambles.withNul(pw);
        Arrays.fill(pw, (byte) 0);
        return out;
    }

    @Override
    public AuthStep onMoreData(AuthContext ctx, byte[] data) {
        throw Scrambles.unexpected(name(), data);
    }
}
