package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * The server greeting, Protocol::HandshakeV10
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html;
 * MariaDB: mariadb.com/kb/en/connection/#initial-handshake-packet):
 *
 * <pre>
 * int&lt;1&gt;     protocol version (10)
 * string&lt;NUL&gt; server version
 * int&lt;4&gt;     connection id
 * string[8]  auth-plugin-data-part-1
 * int&lt;1&gt;     filler 0x00
 * int&lt;2&gt;     capability flags, lower 2 bytes
 * -- the rest only "if more data in the packet" (pre-4.1 servers stop here) --
 * int&lt;1&gt;     character set (collation id)
 * int&lt;2&gt;     status flags
 * int&lt;2&gt;     capability flags, upper 2 bytes
 * int&lt;1&gt;     auth_plugin_data_len if PLUGIN_AUTH, else 0x00
 * string[6]  reserved
 * string[4]  reserved; MariaDB without CLIENT_MYSQL (bit 0): int&lt;4&gt; extended capabilities
 * if SECURE_CONNECTION: auth-plugin-data-part-2, $len = MAX(13, auth_plugin_data_len - 8)
 * if PLUGIN_AUTH: string&lt;NUL&gt; auth_plugin_name (MySQL 5.5.7-5.5.9 omit the NUL)
 * </pre>
 *
 * The seed is part 1 + part 2 without part 2's trailing NUL: 20 bytes from every current server.
 *
 * @param serverVersion the version string exactly as sent (MariaDB 10.x prefixes "5.5.5-")
 * @param seed the authentication scramble; do not modify
 * @param capabilities both capability halves as an unsigned 32-bit value
 * @param collationId the server's default collation id (lower 8 bits only)
 * @param authPluginName the default auth plugin, or {@code null} when the server predates PLUGIN_AUTH
 * @param mariaDbExtendedCapabilities MariaDB's extra capability bits (0 for MySQL)
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] seed, long capabilities,
        int collationId, int statusFlags, String authPluginName, long mariaDbExtendedCapabilities) {

    /** MariaDB 10.x sends this before its real version so old replication clients accept it. */
    private static final String MARIADB_RPL_HACK = "5.5.5-";
    /** What a pre-PLUGIN_AUTH server authenticates with. */
    public static final String DEFAULT_AUTH_PLUGIN = "mysql_native_password";

    /**
     * Decodes the greeting. A greeting that is an ERR packet (0xFF: "Too many connections", "Host
     * ... is not allowed to connect") is thrown as the exception {@link ErrorMapper} gives it;
     * callers that want the packet itself test {@link ErrPacket#isErr} first.
     *
     * @throws ProtocolException on a protocol version other than 10 or a truncated/malformed greeting
     */
    public static HandshakeV10 decode(byte[] payload) {
        if (ErrPacket.isErr(payload)) {
            if (ErrPacket.isProgressReport(payload)) {
                throw new ProtocolException("progress report in place of the server greeting");
            }
            throw ErrPacket.decode(payload).toException();
        }
        ByteReader r = new ByteReader(payload);
        int protocol = r.u8();
        if (protocol != 10) {
            throw new ProtocolException("unsupported protocol version " + protocol + " in server greeting (need 10)");
        }
        String version = r.cString(StandardCharsets.UTF_8);
        long connectionId = r.u32le();
        byte[] part1 = r.bytes(8);
        r.skip(1); // filler
        long caps = r.u16le();
        int collation = 0;
        int status = 0;
        int authDataLen = 0;
        long mariaExt = 0;
        byte[] part2 = new byte[0];
        String plugin = null;
        if (r.hasRemaining()) {
            collation = r.u8();
            status = r.u16le();
            caps |= (long) r.u16le() << 16;
            authDataLen = r.u8();
            r.skip(6);
            long reserved = r.u32le();
            if (!Capability.LONG_PASSWORD.in(caps)) {
                mariaExt = reserved; // MariaDB: no CLIENT_MYSQL bit => extended capabilities here
            }
            if (Capability.SECURE_CONNECTION.in(caps)) {
                int len = Math.max(13, authDataLen - 8);
                part2 = r.bytes(len);
                if (part2[part2.length - 1] == 0) {
                    part2 = Arrays.copyOf(part2, part2.length - 1);
                }
            }
            if (Capability.PLUGIN_AUTH.in(caps) && r.hasRemaining()) {
                plugin = r.cStringOrRest(StandardCharsets.US_ASCII);
                if (plugin.isEmpty()) {
                    plugin = null;
                }
            }
        }
        byte[] seed = new byte[part1.length + part2.length];
        System.arraycopy(part1, 0, seed, 0, part1.length);
        System.arraycopy(part2, 0, seed, part1.length, part2.length);
        return new HandshakeV10(version, connectionId, seed, caps, collation, status, plugin, mariaExt);
    }

    /** True for a MariaDB server (its version string says so). */
    public boolean isMariaDb() {
        return serverVersion.contains("MariaDB");
    }

    /** The version for display: MariaDB's "5.5.5-" replication prefix removed. */
    public String displayVersion() {
        if (isMariaDb() && serverVersion.startsWith(MARIADB_RPL_HACK)) {
            return serverVersion.substring(MARIADB_RPL_HACK.length());
        }
        return serverVersion;
    }

    /** The server's default plugin, or mysql_native_password when it predates PLUGIN_AUTH. */
    public String authPluginNameOrDefault() {
        return authPluginName == null ? DEFAULT_AUTH_PLUGIN : authPluginName;
    }

    public boolean has(Capability c) {
        return c.in(capabilities);
    }

    public EnumSet<Capability> capabilitySet() {
        return Capability.of(capabilities);
    }

    @Override
    public String toString() {
        return "HandshakeV10[version=" + serverVersion + ", connectionId=" + connectionId + ", capabilities=0x"
                + Long.toHexString(capabilities) + ", collation=" + collationId + ", status=0x"
                + Integer.toHexString(statusFlags) + ", plugin=" + authPluginName + "]";
    }
}
