package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;

/**
 * Protocol::AuthMoreData
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_auth_more_data.html):
 * {@code 0x01, string<EOF> authentication method data}. Carries plugin-specific steps such as
 * caching_sha2_password's fast-auth result or the server's RSA public key.
 */
public record AuthMoreData(byte[] data) {

    public static boolean isAuthMoreData(byte[] payload) {
        return payload.length > 0 && payload[0] == 0x01;
    }

    public static AuthMoreData decode(byte[] payload) {
        ByteReader r = new ByteReader(payload);
        int header = r.u8();
        if (header != 0x01) {
            throw new ProtocolException("AuthMoreData must start with 0x01, got 0x" + Integer.toHexString(header));
        }
        return new AuthMoreData(r.rest());
    }
}
