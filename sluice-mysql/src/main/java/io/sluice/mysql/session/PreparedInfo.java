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
    private final boolean pipelinable;
    private ResultShape shape;

    /**
     * Statements that may be pipelined: their answer never asks the client for anything (only LOAD
     * DATA LOCAL does, and a command sent behind it would be read as file data). Recognized by the
     * very first word, so a statement starting with a comment or an executable comment is not.
     */
    private static final String[] PIPELINABLE = {"SELECT", "INSERT", "UPDATE", "DELETE", "REPLACE", "WITH", "VALUES",
        "TABLE"};

    PreparedInfo(String sql, long statementId, int parameterCount, ResultShape shape) {
        this.sql = sql;
        this.statementId = statementId;
        this.parameterCount = parameterCount;
        this.shape = shape;
        this.pipelinable = pipelinable(sql);
    }

    /** True when {@code sql} starts with a keyword whose statements never ask the client for anything. */
    static boolean pipelinable(String sql) {
        return leadingKeywordIn(sql, PIPELINABLE);
    }

    /** True when executions may be sent behind others without waiting for their answers. */
    boolean pipelinable() {
        return pipelinable;
    }

    static boolean leadingKeywordIn(String sql, String[] keywords) {
        int i = 0;
        int n = sql.length();
        while (i < n && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        for (String k : keywords) {
            int end = i + k.length();
            if (end <= n && sql.regionMatches(true, i, k, 0, k.length())
                    && (end == n || !Character.isLetterOrDigit(sql.charAt(end)) && sql.charAt(end) != '_')) {
                return true;
            }
        }
        return false;
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
