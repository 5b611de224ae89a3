package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Protocol::HandshakeResponse41
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_response.html):
 *
 * <pre>
 * int&lt;4&gt;  client_flag          int&lt;4&gt;  max_packet_size      int&lt;1&gt;  character_set
 * string[23] filler (MariaDB: 19 zero bytes + int&lt;4&gt; extended capabilities, see {@link MariaDbCapability})
 * string&lt;NUL&gt; username
 * auth_response: lenenc if PLUGIN_AUTH_LENENC_CLIENT_DATA; else int&lt;1&gt; length if
 *                SECURE_CONNECTION; else string&lt;NUL&gt;
 * if CONNECT_WITH_DB: string&lt;NUL&gt; database
 * if PLUGIN_AUTH:     string&lt;NUL&gt; client_plugin_name
 * if CONNECT_ATTRS:   int&lt;lenenc&gt; total length, then lenenc key / lenenc value pairs
 * </pre>
 *
 * The flags decide the layout, so the record validates that the optional values agree with them:
 * a database without CONNECT_WITH_DB (or the reverse) is a caller mistake, not silently dropped.
 * Strings are written as UTF-8 (the session always asks for a utf8mb4 collation).
 *
 * @param capabilities the client flags (already intersected with the server's)
 * @param authResponse the plugin's initial response; not copied, never printed
 * @param database initial schema, non-null exactly when CONNECT_WITH_DB is set
 * @param pluginName client plugin name, non-null exactly when PLUGIN_AUTH is set
 * @param connectAttributes written when CONNECT_ATTRS is set (iteration order preserved)
 * @param mariaDbCapabilities MariaDB extended flags (already intersected with the server's); must be 0
 *                            unless CLIENT_MYSQL is clear, since only then does a server read them
 */
public record HandshakeResponse41(long capabilities, int maxPacketSize, int collationId, String user,
        byte[] authResponse, String database, String pluginName, Map<String, String> connectAttributes,
        long mariaDbCapabilities) {

    private static final int FILLER = 23;
    private static final int MARIADB_FILLER = 19;

    /** Without MariaDB extended capabilities. */
    public HandshakeResponse41(long capabilities, int maxPacketSize, int collationId, String user,
                               byte[] authResponse, String database, String pluginName,
                               Map<String, String> connectAttributes) {
        this(capabilities, maxPacketSize, collationId, user, authResponse, database, pluginName, connectAttributes, 0);
    }

    public HandshakeResponse41 {
        checkFixedFields(capabilities, maxPacketSize, collationId, mariaDbCapabilities);
        if (user == null || user.indexOf('\0') >= 0) {
            throw new UsageException("user must be non-null and contain no NUL character");
        }
        authResponse = authResponse == null ? new byte[0] : authResponse;
        if (Capability.CONNECT_WITH_DB.in(capabilities) != (database != null)) {
            throw new UsageException(database == null
                    ? "CLIENT_CONNECT_WITH_DB is set but no database was given"
                    : "a database was given but CLIENT_CONNECT_WITH_DB is not set (send COM_INIT_DB instead)");
        }
        if (database != null && database.indexOf('\0') >= 0) {
            throw new UsageException("database name must not contain a NUL character");
        }
        if (Capability.PLUGIN_AUTH.in(capabilities) != (pluginName != null)) {
            throw new UsageException("pluginName must be given exactly when CLIENT_PLUGIN_AUTH is set");
        }
        if (!Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA.in(capabilities)) {
            if (Capability.SECURE_CONNECTION.in(capabilities)) {
                if (authResponse.length > 255) {
                    throw new UsageException("auth response of " + authResponse.length
                            + " bytes needs CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA");
                }
            } else {
                for (byte b : authResponse) {
                    if (b == 0) {
                        throw new UsageException("auth response contains NUL but neither "
                                + "CLIENT_SECURE_CONNECTION nor CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA is set");
                    }
                }
            }
        }
        connectAttributes = connectAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(connectAttributes));
        if (!connectAttributes.isEmpty() && !Capability.CONNECT_ATTRS.in(capabilities)) {
            throw new UsageException("connect attributes given but CLIENT_CONNECT_ATTRS is not set");
        }
    }

    public void encode(ByteWriter w) {
        writeFixedPart(w, capabilities, maxPacketSize, collationId, mariaDbCapabilities);
        w.cString(user, StandardCharsets.UTF_8);
        if (Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA.in(capabilities)) {
            Lenenc.writeBytes(w, authResponse);
        } else if (Capability.SECURE_CONNECTION.in(capabilities)) {
            w.u8(authResponse.length).bytes(authResponse);
        } else {
            w.bytes(authResponse).u8(0);
        }
        if (database != null) {
            w.cString(database, StandardCharsets.UTF_8);
        }
        if (pluginName != null) {
            w.cString(pluginName, StandardCharsets.US_ASCII);
        }
        if (Capability.CONNECT_ATTRS.in(capabilities)) {
            ByteWriter attrs = new ByteWriter();
            for (Map.Entry<String, String> e : connectAttributes.entrySet()) {
                Lenenc.writeString(attrs, e.getKey(), StandardCharsets.UTF_8);
                Lenenc.writeString(attrs, e.getValue(), StandardCharsets.UTF_8);
            }
            Lenenc.writeInt(w, attrs.size());
            w.bytes(attrs.array(), 0, attrs.size());
        }
    }

    static void checkFixedFields(long capabilities, int maxPacketSize, int collationId, long mariaDbCapabilities) {
        if (mariaDbCapabilities != 0 && (Capability.LONG_PASSWORD.in(capabilities)
                || (mariaDbCapabilities & ~0xFFFF_FFFFL) != 0)) {
            throw new UsageException("MariaDB extended capabilities need CLIENT_MYSQL clear and must fit 32 bits");
        }
        if (!Capability.PROTOCOL_41.in(capabilities)) {
            throw new UsageException("Sluice only speaks the 4.1 protocol: CLIENT_PROTOCOL_41 must be set");
        }
        if (Capability.ZSTD_COMPRESSION_ALGORITHM.in(capabilities)) {
            throw new UsageException("CLIENT_ZSTD_COMPRESSION_ALGORITHM is not supported");
        }
        if ((capabilities & ~0xFFFF_FFFFL) != 0) {
            throw new UsageException("capabilities must fit 32 bits, was 0x" + Long.toHexString(capabilities));
        }
        if (maxPacketSize < 1) {
            throw new UsageException("maxPacketSize must be >= 1, was " + maxPacketSize);
        }
        if (collationId < 1 || collationId > 255) {
            throw new UsageException("collation id must be in 1..255, was " + collationId);
        }
    }

    /** The 32 bytes shared with {@link SslRequest}. */
    static void writeFixedPart(ByteWriter w, long capabilities, int maxPacketSize, int collationId,
                               long mariaDbCapabilities) {
        w.u32le(capabilities).u32le(maxPacketSize).u8(collationId);
        w.bytes(new byte[MARIADB_FILLER]).u32le(mariaDbCapabilities);
    }

    @Override
    public String toString() {
        return "HandshakeResponse41[capabilities=0x" + Long.toHexString(capabilities)
                + (mariaDbCapabilities == 0 ? "" : ", mariaDbCapabilities=0x" + Long.toHexString(mariaDbCapabilities))
                + ", user=" + user
                + ", database=" + database + ", plugin=" + pluginName + ", authResponse=<" + authResponse.length
                + " bytes>]";
    }
}
