package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;

/**
 * Encodes MariaDB's {@code COM_STMT_BULK_EXECUTE} (mariadb.com/kb/en/com_stmt_bulk_execute/, MariaDB
 * 10.2.7+, needs {@link MariaDbCapability#STMT_BULK_OPERATIONS}): one command that runs a prepared
 * statement for many parameter rows, so the server neither parses SQL text nor answers per row.
 *
 * <pre>
 * int&lt;1&gt; 0xfa, int&lt;4&gt; statement id, int&lt;2&gt; bulk flags (128 = SEND_TYPES_TO_SERVER)
 * per parameter: int&lt;1&gt; type, int&lt;1&gt; flags (0x80 = unsigned)
 * until the end of the packet, per row, per parameter:
 *   int&lt;1&gt; indicator (0 NONE: a value follows, 1 NULL), then the binary value as in COM_STMT_EXECUTE
 * </pre>
 *
 * The types are sent once for the whole command, so every row must agree with them: a row whose
 * non-NULL values have other types is refused by {@link #add} and starts the next command. A column
 * that is NULL in every row is typed VAR_STRING. The answer is one OK packet (affected rows summed)
 * or an ERR packet for the first failing row; a statement that returns rows is an error.
 */
public final class StmtBulkExecute {
    public static final int COM_STMT_BULK_EXECUTE = 0xfa;
    static final int SEND_TYPES_TO_SERVER = 128;
    private static final int INDICATOR_NONE = 0;
    private static final int INDICATOR_NULL = 1;

    private final ByteWriter w;
    private final EncodeContext ctx;
    private final int typesAt;
    private final ColumnType[] types;
    private final boolean[] unsigned;
    // one row's resolved types and values, reused for every row
    private final ColumnType[] rowTypes;
    private final boolean[] rowUnsigned;
    private final Object[] rowValues;
    private int rows;

    /** Starts a command in {@code w} (after whatever it holds, e.g. a reserved packet header). */
    public StmtBulkExecute(ByteWriter w, long statementId, int parameterCount, EncodeContext ctx) {
        if (statementId < 0 || statementId > 0xffff_ffffL) {
            throw new UsageException("statement id " + statementId + " is not an unsigned 32-bit value");
        }
        if (parameterCount < 1) {
            throw new UsageException("COM_STMT_BULK_EXECUTE needs a statement with parameters");
        }
        this.w = w;
        this.ctx = ctx;
        w.u8(COM_STMT_BULK_EXECUTE).u32le(statementId).u16le(SEND_TYPES_TO_SERVER);
        this.typesAt = w.skip(2 * parameterCount); // filled in by finish(): later rows may type a NULL column
        this.types = new ColumnType[parameterCount];
        this.unsigned = new boolean[parameterCount];
        this.rowTypes = new ColumnType[parameterCount];
        this.rowUnsigned = new boolean[parameterCount];
        this.rowValues = new Object[parameterCount];
    }

    /**
     * Appends one row. Returns false, writing nothing, when a value's type differs from the type
     * this command already gave its column (the row belongs in a new command). Throws
     * {@link UsageException}, writing nothing, for a wrong value count or a value MySQL cannot take.
     */
    public boolean add(Object[] row) {
        int n = types.length;
        if (row.length != n) {
            throw new UsageException("row has " + row.length + " values; the statement takes " + n);
        }
        for (int i = 0; i < n; i++) {
            rowValues[i] = StmtExecute.resolve(row[i], i + 1, ctx, rowTypes, rowUnsigned, i);
            ColumnType t = types[i];
            if (rowValues[i] != null && t != null && (t != rowTypes[i] || unsigned[i] != rowUnsigned[i])) {
                return false;
            }
        }
        for (int i = 0; i < n; i++) {
            Object v = rowValues[i];
            rowValues[i] = null;
            if (v == null) {
                w.u8(INDICATOR_NULL);
                continue;
            }
            if (types[i] == null) {
                types[i] = rowTypes[i];
                unsigned[i] = rowUnsigned[i];
            }
            w.u8(INDICATOR_NONE);
            StmtExecute.writeValue(w, types[i], v);
        }
        rows++;
        return true;
    }

    /** Rows added so far. */
    public int rows() {
        return rows;
    }

    /** Writes the parameter types; call once, after the last row. */
    public void finish() {
        for (int i = 0; i < types.length; i++) {
            ColumnType t = types[i] == null ? ColumnType.VAR_STRING : types[i];
            w.put(typesAt + 2 * i, (byte) t.code());
            w.put(typesAt + 2 * i + 1, (byte) (unsigned[i] ? StmtExecute.UNSIGNED : 0));
        }
    }
}
