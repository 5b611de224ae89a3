package io.sluice.postgres;

import io.sluice.core.result.Result;
import io.sluice.core.spi.ConnectionMeta;
import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.RowCursor;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Adapts {@link PgConnection} to the engine's {@link DriverConnection}. */
final class PgDriverConnection implements DriverConnection {
    /** {@code INSERT INTO t (a, b) VALUES ($1, $2)}: plain enough to become COPY FROM STDIN. */
    private static final Pattern PLAIN_INSERT = Pattern.compile(
            "(?is)\\s*INSERT\\s+INTO\\s+([A-Za-z_\"][\\w.\"]*)\\s*\\(([^)]*)\\)\\s*VALUES\\s*\\(([\\s$\\d,]*)\\)\\s*;?\\s*");
    private static final int COPY_THRESHOLD = 200;

    private final PgConnection c;
    private final ConnectionMeta meta;

    PgDriverConnection(PgConnection c) {
        this.c = c;
        PgConfig cfg = c.config();
        this.meta = new ConnectionMeta("PostgreSQL", c.serverVersion(), c.backendPid(),
                cfg.database() == null ? cfg.user() : cfg.database(), cfg.user(), c.session().tlsProtocol());
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

    /**
     * Large batches of a plain INSERT go through COPY FROM STDIN (binary format when the values
     * allow, else text; one row in memory at a time), which is several times faster than pipelined
     * Bind/Execute; anything else is pipelined.
     */
    @Override
    public long executeBatch(String sql, List<? extends List<?>> rows, LongConsumer progress) {
        Matcher m = PLAIN_INSERT.matcher(sql);
        if (rows.size() >= COPY_THRESHOLD && m.matches() && placeholdersInOrder(m.group(3), rows.get(0).size())) {
            Iterable<List<?>> reporting = () -> new Iterator<>() {
                private final Iterator<? extends List<?>> it = rows.iterator();
                private long n;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public List<?> next() {
                    List<?> r = it.next();
                    if (++n % 10_000 == 0) {
                        progress.accept(n);
                    }
                    return r;
                }
            };
            List<String> cols = List.of(m.group(2).split("\\s*,\\s*"));
            long n = c.copyInsertRows(m.group(1), cols.stream().map(String::trim).toList(), sql, rows.get(0), reporting);
            progress.accept(rows.size());
            return n;
        }
        return c.executeBatch(sql, rows, progress);
    }

    private static boolean placeholdersInOrder(String values, int width) {
        String[] parts = values.trim().split("\\s*,\\s*");
        if (parts.length != width) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].equals("$" + (i + 1))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Result load(String sql, InputStream data) {
        long n = c.copyIn(sql, data);
        return Result.update(n, 0, 0, "COPY " + n);
    }

    @Override
    public void ping() {
        c.ping();
    }

    @Override
    public void resetSession() {
        c.resetSession();
    }

    @Override
    public boolean sessionStateChanged() {
        return c.session().sessionStateChanged();
    }

    @Override
    public void cancel() {
        c.cancel();
    }

    @Override
    public void abort() {
        c.abort();
    }

    /**
     * Concurrent calls are pipelined (each Bind/Execute with its own Sync, answers handed out in
     * order), except in pooler mode: behind pgbouncer's transaction pooling every request may land on
     * a different server connection, so requests are not stacked there.
     */
    @Override
    public boolean pipelinesConcurrentCalls() {
        return !c.config().poolerMode();
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
        return PgDialect.INSTANCE;
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (RuntimeException ignored) {
            // closing must not fail the caller
        }
    }

    @Override
    public String toString() {
        return c.toString();
    }
}
