package io.sluice.mysql;

import io.sluice.core.result.Result;
import io.sluice.mysql.session.PreparedInfo;
import java.util.List;

/**
 * A server-side prepared statement owned by the caller (COM_STMT_PREPARE), executed any number of
 * times with new values, reset with COM_STMT_RESET and released with COM_STMT_CLOSE on close.
 */
public final class MySqlStatement implements AutoCloseable {
    private final MySqlConnection conn;
    private final PreparedInfo info;
    private boolean closed;

    MySqlStatement(MySqlConnection conn, PreparedInfo info) {
        this.conn = conn;
        this.info = info;
    }

    public int parameterCount() {
        return info.parameterCount();
    }

    public String sql() {
        return info.sql();
    }

    public Result execute(Object... params) {
        return executeAll(params).get(0);
    }

    public List<Result> executeAll(Object... params) {
        ensureOpen();
        return conn.executePrepared(info, params);
    }

    /** COM_STMT_RESET. */
    public void reset() {
        ensureOpen();
        conn.resetStatement(info);
    }

    private void ensureOpen() {
        if (closed) {
            throw new io.sluice.core.error.UsageException("statement is closed: " + info.sql());
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            conn.closeStatement(info);
        }
    }
}
