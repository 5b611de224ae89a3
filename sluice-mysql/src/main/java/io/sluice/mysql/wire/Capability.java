package io.sluice.mysql.wire;

import java.util.EnumSet;
import java.util.Set;

/**
 * Client/server capability flags exchanged in the connection phase
 * (dev.mysql.com/doc/dev/mysql-server/latest/group__group__cs__capabilities__flags.html). The
 * server announces its set in {@link HandshakeV10}; the client answers with a subset in
 * {@link HandshakeResponse41} and both sides then use the intersection.
 *
 * <p>MariaDB reuses bit 0 as {@code CLIENT_MYSQL}: a MariaDB server leaves it clear to say "I have
 * MariaDB extended capabilities" (mariadb.com/kb/en/connection/#initial-handshake-packet). Those
 * extended bits live outside these 32 bits: {@link HandshakeV10#mariaDbExtendedCapabilities()}
 * exposes them raw and {@link MariaDbCapability} names the ones Sluice requests.
 */
public enum Capability {
    /** Old "long password" flag; MariaDB: CLIENT_MYSQL (cleared by MariaDB servers). */
    LONG_PASSWORD(0),
    /** Affected rows = rows matched instead of rows changed. */
    FOUND_ROWS(1),
    LONG_FLAG(2),
    /** The handshake response carries an initial database. */
    CONNECT_WITH_DB(3),
    NO_SCHEMA(4),
    COMPRESS(5),
    ODBC(6),
    /** LOAD DATA LOCAL INFILE may be requested by the server. */
    LOCAL_FILES(7),
    IGNORE_SPACE(8),
    /** The 4.1 protocol: SQLSTATE in ERR, status + warnings in OK/EOF. Sluice requires it. */
    PROTOCOL_41(9),
    INTERACTIVE(10),
    /** TLS: the client sends an SslRequest and upgrades before the handshake response. */
    SSL(11),
    IGNORE_SIGPIPE(12),
    /** Status flags in OK packets. */
    TRANSACTIONS(13),
    RESERVED(14),
    /** 4.1 authentication: length-prefixed auth response (a.k.a. RESERVED2). */
    SECURE_CONNECTION(15),
    MULTI_STATEMENTS(16),
    MULTI_RESULTS(17),
    PS_MULTI_RESULTS(18),
    /** Pluggable authentication: plugin names in the handshake, AuthSwitchRequest. */
    PLUGIN_AUTH(19),
    CONNECT_ATTRS(20),
    /** Auth response as a length-encoded string (may exceed 255 bytes). */
    PLUGIN_AUTH_LENENC_CLIENT_DATA(21),
    CAN_HANDLE_EXPIRED_PASSWORDS(22),
    /** Session state information in OK packets. */
    SESSION_TRACK(23),
    /** Result sets end with an OK packet (0xFE header) instead of EOF packets. */
    DEPRECATE_EOF(24),
    OPTIONAL_RESULTSET_METADATA(25),
    ZSTD_COMPRESSION_ALGORITHM(26),
    QUERY_ATTRIBUTES(27),
    MULTI_FACTOR_AUTHENTICATION(28),
    CAPABILITY_EXTENSION(29),
    SSL_VERIFY_SERVER_CERT(30),
    REMEMBER_OPTIONS(31);

    private final long bit;

    Capability(int shift) {
        this.bit = 1L << shift;
    }

    /** The flag's bit in the 32-bit capability word. */
    public long bit() {
        return bit;
    }

    /** True when this flag is set in {@code flags}. */
    public boolean in(long flags) {
        return (flags & bit) != 0;
    }

    public static long mask(Set<Capability> caps) {
        long m = 0;
        for (Capability c : caps) {
            m |= c.bit;
        }
        return m;
    }

    public static long mask(Capability... caps) {
        long m = 0;
        for (Capability c : caps) {
            m |= c.bit;
        }
        return m;
    }

    /** The known flags set in {@code flags}; bits without a constant are dropped. */
    public static EnumSet<Capability> of(long flags) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (Capability c : values()) {
            if ((flags & c.bit) != 0) {
                set.add(c);
            }
        }
        return set;
    }
}
