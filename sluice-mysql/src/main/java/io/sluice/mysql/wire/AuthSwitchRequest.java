package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import java.nio.charset.StandardCharsets;

/**
 * Protocol::AuthSwitchRequest
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_switch_request.html):
 * {@code 0xFE, string<NUL> plugin_name, string<EOF> auth_plugin_data}. During authentication a 0xFE
 * packet is always this, never an EOF.
 *
 * <p>Old servers send a lone {@code 0xFE} (Protocol::OldAuthSwitchRequest): switch to
 * {@code mysql_old_password} with the handshake seed. That is decoded with the plugin name
 * {@value #OLD_PASSWORD_PLUGIN} and empty data; Sluice does not implement that plugin.
 *
 * <p>The data is kept raw: for 20-byte scramble plugins it usually carries a trailing NUL, but
 * MariaDB's ed25519 nonce is 32 random bytes that may legitimately end in 0x00, so each plugin
 * trims what it knows to trim.
 */
public record AuthSwitchRequest(String pluginName, byte[] pluginData) {
    public static final String OLD_PASSWORD_PLUGIN = "mysql_old_password";

    public static boolean isAuthSwitch(byte[] payload) {
        return payload.length > 0 && (payload[0] & 0xFF) == 0xFE;
    }

    public static AuthSwitchRequest decode(byte[] payload) {
        ByteReader r = new ByteReader(payload);
        int header = r.u8();
        if (header != 0xFE) {
            throw new ProtocolException("AuthSwitchRequest must start with 0xFE, got 0x" + Integer.toHexString(header));
        }
        if (!r.hasRemaining()) {
            return new AuthSwitchRequest(OLD_PASSWORD_PLUGIN, new byte[0]);
        }
        String name = r.cString(StandardCharsets.US_ASCII);
        if (name.isEmpty()) {
            throw new ProtocolException("AuthSwitchRequest with an empty plugin name");
        }
        return new AuthSwitchRequest(name, r.rest());
    }

    /** True for the pre-4.1 lone-0xFE form. */
    public boolean isOldStyle() {
        return OLD_PASSWORD_PLUGIN.equals(pluginName) && pluginData.length == 0;
    }
}
