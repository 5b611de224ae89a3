package io.sluice.mysql.wire;

import java.util.EnumSet;

/**
 * Server status flags carried by OK and EOF packets
 * (dev.mysql.com/doc/dev/mysql-server/latest/mysql__com_8h.html, enum SERVER_STATUS_flags_enum).
 * The session reads {@link #IN_TRANS} and {@link #MORE_RESULTS_EXISTS} after every response.
 */
public enum ServerStatus {
    IN_TRANS(0x0001),
    AUTOCOMMIT(0x0002),
    MORE_RESULTS_EXISTS(0x0008),
    NO_GOOD_INDEX_USED(0x0010),
    NO_INDEX_USED(0x0020),
    CURSOR_EXISTS(0x0040),
    LAST_ROW_SENT(0x0080),
    DB_DROPPED(0x0100),
    NO_BACKSLASH_ESCAPES(0x0200),
    METADATA_CHANGED(0x0400),
    QUERY_WAS_SLOW(0x0800),
    PS_OUT_PARAMS(0x1000),
    IN_TRANS_READONLY(0x2000),
    SESSION_STATE_CHANGED(0x4000);

    private final int bit;

    ServerStatus(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** True when this flag is set in {@code flags}. */
    public boolean in(int flags) {
        return (flags & bit) != 0;
    }

    public static EnumSet<ServerStatus> of(int flags) {
        EnumSet<ServerStatus> set = EnumSet.noneOf(ServerStatus.class);
        for (ServerStatus s : values()) {
            if ((flags & s.bit) != 0) {
                set.add(s);
            }
        }
        return set;
    }
}
