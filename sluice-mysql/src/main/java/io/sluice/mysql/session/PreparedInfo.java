package io.sluice.mysql.session;

import io.sluice.mysql.wire.ColumnDefinition;

/**
 * A statement prepared on the server (COM_STMT_PREPARE response): its id, parameter count and
 * result columns. Owned by one session; the id means nothing on another connection.
 *
 * <p>It also remembers the shape of its latest result set ({@link ResultShape}), first from the
 * prepare response, then from each execution that sends new column definitions: with MariaDB's
 * CACHE_METADATA the server omits unchanged definitions and the client must hold them.
 */
public final class PreparedInfo {
    private final String sql;
    private final long statementId;
    private final int parameterCount;
    private ResultShape shape;

    PreparedInfo(String sql, long statementId, int parameterCount, ResultShape shape) {
        this.sql = sql;
        this.statementId = statementId;
        this.parameterCount = parameterCount;
        this.shape = shape;
    }

    public String sql() {
        return sql;
    }

    public long statementId() {
        return statementId;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** The result columns as the latest prepare or execution described them (empty when none). */
    public ColumnDefinition[] columns() {
        ResultShape s = shape;
        return s == null ? new ColumnDefinition[0] : s.definitions();
    }

    /** The latest result shape, or null when the statement returns no rows. Session-confined. */
    ResultShape shape() {
        return shape;
    }

    void shape(ResultShape s) {
        shape = s;
    }

    @Override
    public String toString() {
        return "PreparedInfo[id=" + statementId + ", params=" + parameterCount + ", sql=" + MySqlSession.abbreviate(sql) + "]";
    }
}
