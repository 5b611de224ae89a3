package io.sluice.mysql.wire;

import java.util.Arrays;

/**
 * Reusable arrays for resolving one parameter list ({@link StmtExecute#encode}): the wire type,
 * unsigned flag and normalised value of each parameter. A session owns one and encodes one command
 * at a time, so a point query allocates nothing for its parameters. The arrays grow to the widest
 * statement seen up to {@link #MAX_KEPT} parameters; a wider list gets arrays of its own, so one
 * huge statement does not pin memory for the connection's life.
 */
public final class ParamScratch {
    static final int MAX_KEPT = 256;

    ColumnType[] types = new ColumnType[4];
    boolean[] unsigned = new boolean[4];
    Object[] values = new Object[4];

    void ensure(int n) {
        if (types.length < n) {
            int size = n > MAX_KEPT ? n : Math.min(MAX_KEPT, Math.max(n, 2 * types.length));
            types = new ColumnType[size];
            unsigned = new boolean[size];
            values = new Object[size];
        }
    }

    /** Drops the references to the values just encoded. */
    void clear(int n) {
        Arrays.fill(values, 0, n, null);
    }
}
