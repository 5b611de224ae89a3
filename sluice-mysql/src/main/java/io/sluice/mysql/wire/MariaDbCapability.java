package io.sluice.mysql.wire;

/**
 * MariaDB's extended capability flags (mariadb.com/kb/en/connection/#capabilities, "MariaDB
 * Protocol Differences with MySQL"): a second 32-bit word that a MariaDB server sends in the last 4
 * reserved bytes of its greeting and a client answers in the last 4 filler bytes of its handshake
 * response, both only when CLIENT_MYSQL ({@link Capability#LONG_PASSWORD}, bit 0) is clear. In
 * MariaDB's headers the flags are bits 32 and up of a 64-bit word; here they are numbered within
 * the extended word (MARIADB_CLIENT_CACHE_METADATA = 1 << 36 is bit 4).
 */
public enum MariaDbCapability {
    /** Progress report packets during long statements. */
    PROGRESS(0),
    COM_MULTI(1),
    /** COM_STMT_BULK_EXECUTE. */
    STMT_BULK_OPERATIONS(2),
    /** Extended type information (e.g. JSON) in column definitions. */
    EXTENDED_METADATA(3),
    /**
     * MariaDB 10.6+: COM_STMT_EXECUTE result sets resend column definitions only when they changed; the
     * column count packet then carries a "metadata follows" byte.
     */
    CACHE_METADATA(4);

    private final long bit;

    MariaDbCapability(int shift) {
        this.bit = 1L << shift;
    }

    /** The flag's bit in the extended 32-bit word. */
    public long bit() {
        return bit;
    }

    public boolean in(long extendedFlags) {
        return (extendedFlags & bit) != 0;
    }
}
