package io.sluice.core.engine;

import io.sluice.core.error.SluiceException;
import io.sluice.core.error.TimeoutException;
import io.sluice.core.error.UsageException;
import io.sluice.core.result.ColumnIndex;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.RowCursor;
import io.sluice.core.sql.BoundSql;
import io.sluice.core.sql.SqlText;
import io.sluice.core.transport.Watchdog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Runs statements for {@link Connection}s: parses SQL text once (LRU cache), binds parameters,
 * fires events, records statistics, enforces statement timeouts by cancelling on the server, and
 * marks connections broken when the driver says so.
 */
final class Executor {
    private final Engine engine;
    private final SqlCache cache;

    Executor(Engine engine, int cacheSize, io.sluice.core.sql.Syntax syntax) {
        this.engine = engine;
        this.cache = new SqlCache(cacheSize, syntax);
    }

    List<Result> run(Connection c, String sql, Object[] params) {
        DriverConnection dc = c.driver();
        BoundSql b = bind(cache.get(sql), sql, params, dc.dialect());
        return timed(c, b.sql(), b.values().size(), () -> b.values().isEmpty() && !hasPlaceholders(sql)
                ? dc.query(b.sql()) : dc.execute(b.sql(), b.values()), Executor::rowsOf);
    }

    /** BEGIN / COMMIT / SAVEPOINT...: text protocol, with events and statistics. */
    void control(Connection c, String sql) {
        DriverConnection dc = c.driver();
        timed(c, sql, 0, () -> dc.query(sql), Executor::rowsOf);
    }

    RowCursor stream(Connection c, String sql, Object[] params) {
        DriverConnection dc = c.driver();
        BoundSql b = bind(cache.get(sql), sql, params, dc.dialect());
        String sent = b.sql();
        int paramCount = b.values().size();
        before(sent, paramCount, dc);
        long t0 = System.nanoTime();
        RowCursor inner;
        try {
            inner = dc.stream(sent, b.values());
        } catch (SluiceException e) {
            after(dc, sent, paramCount, t0, -1, e);
            throw e;
        }
        return new CountingCursor(inner, c, sent, paramCount, t0);
    }

    /**
     * Binds rows as the driver consumes them ({@link BoundRows}) rather than all up front: a million
     * rows then start flowing at once instead of after a binding pass over all of them, and never
     * sit in memory twice. A row that binds to a different statement shape fails the batch at that
     * row (run it in a transaction for all or nothing, as for any row the server rejects).
     */
    long many(Connection c, String sql, List<?> paramSets, LongConsumer progress) {
        DriverConnection dc = c.driver();
        if (paramSets.isEmpty()) {
            return 0;
        }
        List<?> sets = paramSets instanceof java.util.RandomAccess ? paramSets : new ArrayList<>(paramSets);
        SqlText st = cache.get(sql); // once, not per row
        Dialect dialect = dc.dialect();
        BoundSql first = bind(st, sql, rowParams(sets.get(0)), dialect);
        String finalSql = first.sql();
        List<List<Object>> rows = new BoundRows(sets, first, r -> bind(st, sql, rowParams(r), dialect));
        int width = first.values().size();
        return timed(c, finalSql, width, () -> dc.executeBatch(finalSql, rows, progress), n -> n);
    }

    private static Object[] rowParams(Object set) {
        return set instanceof List<?> l ? l.toArray() : new Object[] {set};
    }

    /** A read-only view of parameter rows, each bound when the driver reads it. */
    private static final class BoundRows extends java.util.AbstractList<List<Object>> implements java.util.RandomAccess {
        private final List<?> sets;
        private final BoundSql first;
        private final java.util.function.Function<Object, BoundSql> binder;

        BoundRows(List<?> sets, BoundSql first, java.util.function.Function<Object, BoundSql> binder) {
            this.sets = sets;
            this.first = first;
            this.binder = binder;
        }

        @Override
        public List<Object> get(int i) {
            if (i == 0) {
                return first.values();
            }
            BoundSql b = binder.apply(sets.get(i));
            if (b.sql() != first.sql() && !b.sql().equals(first.sql())) {
                throw new UsageException("executeMany needs the same statement shape for every row; "
                        + "a collection parameter expanded differently in row " + (i + 1));
            }
            return b.values();
        }

        @Override
        public int size() {
            return sets.size();
        }
    }

    private static final Object[] NO_PARAMS = new Object[0];

    private static BoundSql bind(SqlText st, String sql, Object[] params, Dialect dialect) {
        Object[] p = params == null ? NO_PARAMS : params;
        if (st.isNamed()) {
            if (p.length == 1 && (p[0] instanceof Map<?, ?> || p[0] instanceof Record)) {
                return st.bind(p[0], dialect);
            }
            throw new UsageException("statement uses :name parameters " + st.parameterNames()
                    + "; pass one Map or record, not " + p.length + " positional value(s)");
        }
        if (p.length == 1 && p[0] instanceof Map<?, ?> m && !m.isEmpty()) {
            throw new UsageException("a Map was given but the statement has no :name parameters");
        }
        if (st.positionalCount() == 0 && p.length > 0 && dialect.sqlSyntax() == io.sluice.core.sql.Syntax.POSTGRES) {
            // native $1, $2 placeholders (asyncpg style): passed through, the server checks the count
            return new BoundSql(sql, Arrays.asList(p));
        }
        return st.bind(Arrays.asList(p), dialect);
    }

    private static boolean hasPlaceholders(String sql) {
        return sql.indexOf('?') >= 0 || sql.indexOf(':') >= 0;
    }

    private static long rowsOf(List<Result> rs) {
        long n = 0;
        for (Result r : rs) {
            n += r.hasRows() ? r.rows().size() : r.affectedRows();
        }
        return n;
    }

    /** Runs one driver call with events, stats, the statement timeout and broken-connection marking. */
    private <T> T timed(Connection c, String sql, int paramCount, Supplier<T> call, java.util.function.ToLongFunction<T> rows) {
        DriverConnection dc = c.driver();
        before(sql, paramCount, dc);
        Duration timeout = c.statementTimeout();
        Canceller canceller = timeout.isZero() ? null : new Canceller(dc, timeout);
        long t0 = System.nanoTime();
        T out;
        try {
            out = call.get();
        } catch (SluiceException e) {
            SluiceException reported = e;
            if (canceller != null && canceller.finish() && !e.isConnectionBroken()) {
                reported = new TimeoutException("statement exceeded the statement timeout of " + timeout.toMillis()
                        + " ms and was cancelled on the server", false, e);
            }
            if (e.isConnectionBroken()) {
                c.markBroken();
                if (Thread.currentThread().isInterrupted()) {
                    // an interrupt closed the socket; stop the statement on the server too
                    Thread.ofVirtual().start(() -> cancelQuietly(dc));
                }
            }
            after(dc, sql, paramCount, t0, -1, reported);
            throw reported;
        }
        if (canceller != null && canceller.finish()) {
            // the statement finished (MariaDB's SLEEP returns 1 when killed) but the deadline passed
            SluiceException late = new TimeoutException("statement exceeded the statement timeout of "
                    + timeout.toMillis() + " ms and was cancelled on the server", false, null);
            after(dc, sql, paramCount, t0, -1, late);
            throw late;
        }
        after(dc, sql, paramCount, t0, rows.applyAsLong(out), null);
        return out;
    }

    /** beforeExecute for listeners; no event is built when there are none. */
    private void before(String sql, int paramCount, DriverConnection dc) {
        if (engine.hasListeners()) {
            engine.fireBefore(new ExecuteEvent(sql, paramCount, dc.meta(), 0, -1, null));
        }
    }

    private void after(DriverConnection dc, String sql, int paramCount, long t0, long rows, Throwable error) {
        engine.afterExecute(sql, paramCount, dc.meta(), System.nanoTime() - t0, rows, error);
    }

    static void cancelQuietly(DriverConnection dc) {
        try {
            dc.cancel();
        } catch (RuntimeException ignored) {
            // best effort: the connection may already be gone on the server
        }
    }

    /**
     * Cancels the statement on the server when the timeout expires. The cancel runs on its own
     * virtual thread (it opens a side connection); {@link #finish()} waits for it, so a late KILL
     * can never hit the connection's next statement.
     */
    private static final class Canceller {
        private static final int ARMED = 0;
        private static final int FIRED = 1;
        private static final int DISARMED = 2;

        private final ScheduledFuture<?> timer;
        /**
         * Who won, the timer or the statement. Not the timer future's own state: a task still running
         * (descheduled right after starting the killer) can be "cancelled" successfully, which once
         * reported a statement stopped by our own cancel as cancelled by someone else, and left the
         * killer unawaited (DocSnippetsTest, tx-statement-timeout on a loaded 2-core machine).
         */
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger(ARMED);
        private volatile Thread killer;

        Canceller(DriverConnection dc, Duration timeout) {
            timer = Watchdog.arm(timeout, () -> {
                if (state.compareAndSet(ARMED, FIRED)) {
                    killer = Thread.ofVirtual().name("sluice-statement-timeout").start(() -> cancelQuietly(dc));
                }
            });
        }

        /** Stops the timer; true when it fired (then the server-side cancel has completed). Idempotent. */
        boolean finish() {
            if (state.compareAndSet(ARMED, DISARMED)) {
                timer.cancel(false);
                return false;
            }
            if (state.get() == DISARMED) {
                return false;
            }
            Thread k = killer;
            while (k == null) { // the timer task is assigning it right now (its thread may be descheduled)
                java.util.concurrent.locks.LockSupport.parkNanos(10_000);
                k = killer;
            }
            try {
                k.join(); // returns at once on a second call
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }
    }

    /** Counts rows and reports the statement when the stream is closed. */
    private final class CountingCursor implements RowCursor {
        private final RowCursor inner;
        private final Connection c;
        private final DriverConnection dc;
        private final String sql;
        private final int paramCount;
        private final long t0;
        private long rows;
        private boolean closed;

        CountingCursor(RowCursor inner, Connection c, String sql, int paramCount, long t0) {
            this.inner = inner;
            this.c = c;
            this.dc = c.driver();
            this.sql = sql;
            this.paramCount = paramCount;
            this.t0 = t0;
        }

        @Override
        public ColumnIndex columns() {
            return inner.columns();
        }

        @Override
        public boolean hasNext() {
            try {
                return inner.hasNext();
            } catch (SluiceException e) {
                fail(e);
                throw e;
            }
        }

        @Override
        public Row next() {
            try {
                Row r = inner.next();
                rows++;
                return r;
            } catch (SluiceException e) {
                fail(e);
                throw e;
            }
        }

        private void fail(SluiceException e) {
            if (e.isConnectionBroken()) {
                c.markBroken();
            }
            if (!closed) {
                closed = true;
                after(dc, sql, paramCount, t0, -1, e);
            }
        }

        @Override
        public void close() {
            try {
                inner.close();
            } finally {
                if (!closed) {
                    closed = true;
                    after(dc, sql, paramCount, t0, rows, null);
                }
            }
        }
    }
}
