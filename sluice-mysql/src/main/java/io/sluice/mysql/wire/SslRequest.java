package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;

/**
 * Protocol::SSLRequest
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_ssl_request.html):
 * the first 32 bytes of a HandshakeResponse41 ({@code int<4> capabilities, int<4> max_packet_size,
 * int<1> character_set, string[23] filler}; the filler's last 4 bytes carry MariaDB's extended
 * capabilities), sent in clear before the TLS handshake. The full
 * {@link HandshakeResponse41} follows over TLS with the next sequence id and the same flags.
 */
public record SslRequest(long capabilities, int maxPacketSize, int collationId, long mariaDbCapabilities) {
    public static final int LENGTH = 32;

    public SslRequest(long capabilities, int maxPacketSize, int collationId) {
        this(capabilities, maxPacketSize, collationId, 0);
    }

    public SslRequest {
        if (!Capability.SSL.in(capabilities)) {
            throw new UsageException("an SslRequest must carry CLIENT_SSL");
        }
        HandshakeResponse41.checkFixedFields(capabilities, maxPacketSize, collationId, mariaDbCapabilities);
    }

    public void encode(ByteWriter w) {
        HandshakeResponse41.writeFixedPart(w, capabilities, maxPacketSize, collationId, mariaDbCapabilities);
    }
}
