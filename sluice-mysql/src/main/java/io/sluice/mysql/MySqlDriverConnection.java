package io.sluice.mysql;

import io.sluice.core.result.Result;
import io.sluice.core.spi.ConnectionMeta;
import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.RowCursor;
import java.io.InputStream;
import java.util.List;
import java.util.function.LongConsumer;

/** Adapts {@link MySqlConnection} to the engine's {@link DriverConnection}. */
final class MySqlDriverConnection implements DriverConnection {
    private final MySqlConnection c;
    private final ConnectionMeta meta;

    MySqlDriverConnection(MySqlConnection c) {
        this.c = c;
        ConnectionInfo i = c.info();
        this.meta = new ConnectionMeta(i.mariaDb() ? "MariaDB" : "MySQL", i.serverVersion(), i.connectionId(),
                i.database(), i.user(), i.tlsProtocol());
    }

    MySqlConnection connection() {
        return c;
    }

    @Override
    public List<Result> query(String sql) {
        return c.query(sql);
    }

    @Override
    public List<Result> execute(String sql, List<?> params) {
        return c.executeAll(sql, params.toArray());
    }

    @Override
    public RowCursor stream(String sql, List<?> params) {
        return c.stream(sql, params.toArray());
    }

    @Override
    public long executeBatch(String sql, List<? extends List<?>> rows, LongConsumer progress) {
        return c.executeBatch(sql, rows, progress);
    }

    @Override
    public Result load(String sql, InputStream data) {
        return c.query(sql, data).get(0);
    }

    /**
     * Executions of cached prepared statements are pipelined (see {@link MySqlConnection}): the
     * server answers them in order, an error confined to its own statement.
     */
    @Override
    public boolean pipelinesConcurrentCalls() {
        return true;
    }

    @Override
    public void ping() {
        c.ping();
    }

    @Override
    public void resetSession() {
        c.resetConnection();
    }

    @Override
    public boolean sessionStateChanged() {
        return c.sessionStateChanged();
    }

    @Override
    public void cancel() {
        c.cancel();
    }

    @Override
    public void abort() {
        c.abort();
    }

    @Override
    public boolean isUsable() {
        return c.isUsable();
    }

    @Override
    public boolean inTransaction() {
        return c.inTransaction();
    }

    @Override
    public ConnectionMeta meta() {
        return meta;
    }

    @Override
    public Dialect dialect() {
        return MySqlDialect.INSTANCE;
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // closing a connection must not fail the caller
        }
    }

    @Override
    public String toString() {
        return c.toString();
    }
}
