package io.sluice.mysql.wire;

import java.util.EnumSet;
import java.util.Set;

/**
 * Bits of the two-byte {@code flags} field of {@code Protocol::ColumnDefinition41}
 * (dev.mysql.com/doc/dev/mysql-server/latest/group__group__cs__column__definition__flags.html). Only
 * the low 16 bits travel in a column definition, so server-internal flags above {@code NUM} are not
 * listed.
 */
public enum ColumnFlag {
    NOT_NULL(1),
    PRI_KEY(1 << 1),
    UNIQUE_KEY(1 << 2),
    MULTIPLE_KEY(1 << 3),
    BLOB(1 << 4),
    UNSIGNED(1 << 5),
    ZEROFILL(1 << 6),
    BINARY(1 << 7),
    ENUM(1 << 8),
    AUTO_INCREMENT(1 << 9),
    TIMESTAMP(1 << 10),
    SET(1 << 11),
    NO_DEFAULT_VALUE(1 << 12),
    ON_UPDATE_NOW(1 << 13),
    PART_KEY(1 << 14),
    /** Numeric column; the server also calls this bit GROUP_FLAG. */
    NUM(1 << 15);

    private final int mask;

    ColumnFlag(int mask) {
        this.mask = mask;
    }

    public int mask() {
        return mask;
    }

    /** True when this flag's bit is set in {@code flags}. */
    public boolean isSet(int flags) {
        return (flags & mask) != 0;
    }

    /** The flags present in a raw flags word; unknown bits are ignored. */
    public static Set<ColumnFlag> decode(int flags) {
        EnumSet<ColumnFlag> out = EnumSet.noneOf(ColumnFlag.class);
        for (ColumnFlag f : values()) {
            if (f.isSet(flags)) {
                out.add(f);
            }
        }
        return out;
    }
}
