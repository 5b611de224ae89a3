package io.sluice.core.engine;

import io.sluice.core.config.ConnectionUrl;
import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.pool.Lease;
import io.sluice.core.pool.Pool;
import io.sluice.core.pool.PoolStatus;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.core.spi.ConnectionMeta;
import io.sluice.core.spi.Driver;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.DriverConnector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The entry point: a pool of connections to one database, SQL text with {@code :name} parameters,
 * transactions with savepoints and retries, bulk execution, streaming, events and statistics
 * (SQLAlchemy's {@code create_engine}). Thread-safe; create one per database and {@link #dispose()}
 * it at shutdown. The blocking methods are cheap on virtual threads; {@link #async()} gives the
 * same operations returning CompletableFutures.
 *
 * <pre>{@code
 * try (Engine engine = Engine.create("mysql://app:pw@db:3306/shop?poolSize=20&maxOverflow=10")) {
 *     long id = engine.inTransaction(tx -> {
 *         tx.execute("update accounts set balance = balance - :amt where id = :id", Map.of("amt", 10, "id", 1));
 *         return tx.execute("insert into transfers (amount) values (?)", 10).lastInsertId();
 *     });
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final EngineConfig config;
    private final DriverConnector connector;
    private final Pool<DriverConnection> pool;
    private final Executor executor;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder queries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder slow = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram checkoutWait = new LatencyHistogram();
    private final AsyncEngine async;
    /** Connection sharing for autocommit statements (pipelineDepth > 1, no statement timeout), else null. */
    private final SharedExecution shared;
    /** config.slowQueryThreshold() in nanoseconds, 0 when off (read per statement). */
    private final long slowNanos;

    private Engine(EngineConfig config, DriverConnector connector) {
        this.config = config;
        this.connector = connector;
        this.executor = new Executor(this, config.sqlCacheSize(), connector.dialect().sqlSyntax());
        EngineResources resources = new EngineResources(this, connector);
        this.pool = new Pool<>(config.pool(), resources, resources);
        this.async = new AsyncEngine(this);
        this.slowNanos = config.slowQueryThreshold().isZero() ? 0 : config.slowQueryThreshold().toNanos();
        this.shared = config.pipelineDepth() > 1 && config.statementTimeout().isZero()
                ? new SharedExecution(this, config.pipelineDepth(), config.pool().poolSize()) : null;
    }

    /** An engine for {@code mysql://}, {@code mariadb://} (and later {@code postgresql://}) URLs with pool options. */
    public static Engine create(String url) {
        return create(EngineConfig.fromUrl(url));
    }

    public static Engine create(EngineConfig config) {
        ConnectionUrl url = config.driverUrl();
        for (Driver d : ServiceLoader.load(Driver.class, Engine.class.getClassLoader())) {
            if (d.schemes().contains(url.scheme())) {
                return new Engine(config, d.configure(url));
            }
        }
        throw new ConfigurationException("no driver for URL scheme '" + url.scheme() + "://' (is sluice-mysql or "
                + "sluice-postgres on the classpath?)");
    }

    public EngineConfig config() {
        return config;
    }

    int poolWaiters() {
        return pool.waiterCount();
    }

    Executor executor() {
        return executor;
    }

    // ------------------------------------------------------------------ connections

    /** Borrows a connection (waiting at most poolTimeout); close it to return it. Prefer {@link #withConnection}. */
    public Connection connect() {
        long t0 = System.nanoTime();
        return checkedOut(pool.borrow(), t0);
    }

    /** An idle pooled connection if there is one right now (no waiting), else null. */
    Connection tryConnect() {
        long t0 = System.nanoTime();
        Lease<DriverConnection> lease = pool.tryBorrowIdle();
        return lease == null ? null : checkedOut(lease, t0);
    }

    private Connection checkedOut(Lease<DriverConnection> lease, long t0) {
        long waited = System.nanoTime() - t0;
        checkoutWait.record(waited);
        DriverConnection dc = lease.resource();
        if (!listeners.isEmpty()) {
            for (EngineListener l : listeners) {
                safe(() -> l.onCheckout(dc.meta(), Duration.ofNanos(waited)));
            }
        }
        return new Connection(this, lease);
    }

    public <T> T withConnection(Function<Connection, T> body) {
        try (Connection c = connect()) {
            return body.apply(c);
        }
    }

    public void useConnection(Consumer<Connection> body) {
        try (Connection c = connect()) {
            body.accept(c);
        }
    }

    void checkin(Lease<DriverConnection> lease, boolean broken) {
        DriverConnection dc = lease.resource();
        boolean tell = !listeners.isEmpty();
        Duration held = tell ? lease.heldFor() : null; // measured before the release, as the listener expects
        if (broken) {
            lease.invalidate("connection broken");
        } else {
            lease.release();
            if (tell) {
                for (EngineListener l : listeners) {
                    safe(() -> l.onCheckin(dc.meta(), held));
                }
            }
        }
    }

    // ------------------------------------------------------------------ shortcuts (autocommit)

    /**
     * Executes one statement on a pooled connection (autocommit). With {@code pipelineDepth} &gt; 1
     * a plain query or DML statement may share the connection with other callers' statements
     * (see {@link SharedExecution}).
     */
    public Result execute(String sql, Object... params) {
        if (shared != null && SharedExecution.shareable(sql)) {
            return shared.run(sql, params).get(0);
        }
        return withConnection(c -> c.execute(sql, params));
    }

    public Result execute(String sql, Map<String, ?> params) {
        return execute(sql, (Object) params); // one Map is one parameter source, as on Connection
    }

    public <R extends Record> List<R> queryAs(Class<R> type, String sql, Object... params) {
        return execute(sql, params).as(type);
    }

    /** Bulk: one statement for every parameter set, batched (see {@link Connection#executeMany}). */
    public long executeMany(String sql, List<?> paramSets, LongConsumer progress) {
        return withConnection(c -> c.executeMany(sql, paramSets, progress));
    }

    /** Streams a large result with bounded memory; the connection is returned when {@code body} returns. */
    public <T> T stream(String sql, Object[] params, Function<Stream<Row>, T> body) {
        return withConnection(c -> c.stream(sql, params, body));
    }

    // ------------------------------------------------------------------ transactions

    public <T> T inTransaction(Function<Transaction, T> body) {
        return inTransaction(TxOptions.DEFAULT, body);
    }

    /**
     * Runs {@code body} in a transaction on a pooled connection: commit on return, rollback on
     * exception. With {@code options.retry(n)} the whole lambda runs again (on a fresh transaction)
     * when it fails with a retryable error, after an exponential, jittered backoff.
     */
    public <T> T inTransaction(TxOptions options, Function<Transaction, T> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return withConnection(c -> c.inTransaction(options, body));
            } catch (SluiceException e) {
                if (!e.isRetryable() || attempt >= options.maxAttempts()) {
                    throw e;
                }
                Duration wait = options.backoffFor(attempt);
                LOG.log(System.Logger.Level.DEBUG, "retrying transaction after {0} (attempt {1}, backoff {2} ms)",
                        e.getMessage(), attempt + 1, wait.toMillis());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    // ------------------------------------------------------------------ monitoring

    public void addListener(EngineListener l) {
        listeners.add(l);
    }

    public void removeListener(EngineListener l) {
        listeners.remove(l);
    }

    List<EngineListener> listeners() {
        return listeners;
    }

    public PoolStatus poolStatus() {
        return pool.status();
    }

    public EngineStats stats() {
        return new EngineStats(queries.sum(), errors.sum(), slow.sum(), latency.snapshot(), checkoutWait.snapshot(),
                pool.status());
    }

    /** Borrows a connection and pings it; never throws. */
    public HealthReport health() {
        long t0 = System.nanoTime();
        try (Connection c = connect()) {
            c.driver().ping();
            return new HealthReport(true, Duration.ofNanos(System.nanoTime() - t0), c.info(), pool.status(), null);
        } catch (RuntimeException e) {
            return new HealthReport(false, Duration.ofNanos(System.nanoTime() - t0), null, pool.status(),
                    e.getMessage());
        }
    }

    /** Server identity (version, connection id, database, user) of a pooled connection. */
    public ConnectionMeta info() {
        return withConnection(Connection::info);
    }

    /**
     * Receives notifications (PostgreSQL LISTEN/NOTIFY) on a dedicated connection outside the pool;
     * the listener reconnects and listens again after a connection loss. Close the handle to stop.
     */
    public AutoCloseable listen(java.util.Collection<String> channels,
                                java.util.function.Consumer<io.sluice.core.spi.Notification> handler) {
        return connector.listen(channels, handler);
    }

    /** The target without credentials. */
    public String describe() {
        return connector.describe();
    }

    public AsyncEngine async() {
        return async;
    }

    /** True when listeners want statement events (without any, no event object is built). */
    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Tells listeners a statement starts; the caller builds the event only when {@link #hasListeners()}. */
    void fireBefore(ExecuteEvent e) {
        for (EngineListener l : listeners) {
            safe(() -> l.beforeExecute(e));
        }
    }

    /**
     * Records a finished statement (count, errors, latency, slow-query log) and tells listeners.
     * The event object is built only when a listener or the slow-query log needs it.
     */
    void afterExecute(String sql, int parameterCount, ConnectionMeta connection, long nanos, long rows, Throwable error) {
        queries.increment();
        if (error != null) {
            errors.increment();
        }
        latency.record(nanos);
        long threshold = slowNanos;
        boolean isSlow = threshold > 0 && nanos >= threshold;
        if (listeners.isEmpty() && !isSlow) {
            return;
        }
        ExecuteEvent e = new ExecuteEvent(sql, parameterCount, connection, nanos, rows, error);
        for (EngineListener l : listeners) {
            safe(() -> l.afterExecute(e));
        }
        if (isSlow) {
            slow.increment();
            LOG.log(System.Logger.Level.WARNING, "slow query ({0} ms, {1} rows) on {2}: {3}",
                    e.durationNanos() / 1_000_000, e.rows(), describe(), e.sql());
            for (EngineListener l : listeners) {
                safe(() -> l.onSlowQuery(e));
            }
        }
    }

    static void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "engine listener failed: " + e, e);
        }
    }

    /** Closes idle connections now and in-use ones when they are returned. */
    public void dispose() {
        pool.dispose();
    }

    @Override
    public void close() {
        dispose();
    }

    @Override
    public String toString() {
        return "Engine[" + describe() + ", " + pool.status() + "]";
    }
}
