package io.sluice.core.engine;

import io.sluice.core.error.UsageException;
import io.sluice.core.pool.Lease;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.core.spi.ConnectionMeta;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.RowCursor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A pooled connection handle (SQLAlchemy's Connection). SQL is text with {@code :name} parameters
 * (bound from a Map or a record) or {@code ?} positional ones; values are always bound, never
 * spliced. {@link #close()} returns the connection to the pool, which rolls back an open transaction
 * and resets changed session state; the handle is then detached and any further use is an error.
 *
 * <p>One handle is for one thread at a time (like the connection it wraps).
 */
public final class Connection implements AutoCloseable {
    private final Engine engine;
    private final Lease<DriverConnection> lease;
    private final DriverConnection dc;
    private Duration statementTimeout;
    private boolean closed;
    /** Volatile: a shared handle (see {@link SharedExecution}) is marked by one caller and read by others. */
    private volatile boolean invalid;
    private Transaction tx;

    Connection(Engine engine, Lease<DriverConnection> lease) {
        this.engine = engine;
        this.lease = lease;
        this.dc = lease.resource();
        this.statementTimeout = engine.config().statementTimeout();
    }

    DriverConnection driver() {
        ensureOpen();
        return dc;
    }

    Engine engine() {
        return engine;
    }

    // ------------------------------------------------------------------ statements

    /** Executes SQL with positional ({@code ?}) values, or a single Map / record for {@code :name} parameters. */
    public Result execute(String sql, Object... params) {
        return executeAll(sql, params).get(0);
    }

    public Result execute(String sql, Map<String, ?> params) {
        return execute(sql, (Object) params);
    }

    /** Every result of the statement (stored procedures, multi-statements). */
    public List<Result> executeAll(String sql, Object... params) {
        ensureOpen();
        return engine.executor().run(this, sql, params);
    }

    /** Rows mapped onto a record type by column name. */
    public <R extends Record> List<R> queryAs(Class<R> type, String sql, Object... params) {
        return execute(sql, params).as(type);
    }

    /**
     * Streams rows with bounded memory (unbuffered reading). The connection is busy until the
     * returned cursor is closed; use try-with-resources.
     */
    public RowCursor stream(String sql, Object... params) {
        ensureOpen();
        return engine.executor().stream(this, sql, params);
    }

    /** Lambda-scoped streaming: the cursor is closed when {@code body} returns. */
    public <T> T stream(String sql, Object[] params, Function<Stream<Row>, T> body) {
        try (RowCursor c = stream(sql, params)) {
            Stream<Row> s = java.util.stream.StreamSupport.stream(
                    java.util.Spliterators.spliteratorUnknownSize(c, java.util.Spliterator.ORDERED), false);
            return body.apply(s);
        }
    }

    /**
     * Runs one statement for every parameter set (each a Map, a record or a List of positional
     * values) without a round trip per row. Returns affected rows; {@code progress} gets the rows done.
     */
    public long executeMany(String sql, List<?> paramSets, LongConsumer progress) {
        ensureOpen();
        return engine.executor().many(this, sql, paramSets, progress == null ? n -> { } : progress);
    }

    public long executeMany(String sql, List<?> paramSets) {
        return executeMany(sql, paramSets, null);
    }

    /** Statement timeout for this handle (0 = none); on expiry the statement is killed on the server. */
    public Connection statementTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new UsageException("statementTimeout must be >= 0");
        }
        this.statementTimeout = timeout;
        return this;
    }

    Duration statementTimeout() {
        return statementTimeout;
    }

    // ------------------------------------------------------------------ transactions

    /** Starts a transaction; commit or roll it back (or use {@link #inTransaction}). */
    public Transaction begin() {
        return begin(TxOptions.DEFAULT);
    }

    public Transaction begin(TxOptions options) {
        ensureOpen();
        if (tx != null && tx.isActive()) {
            return tx.begin(); // nested: a savepoint
        }
        tx = Transaction.start(this, options);
        return tx;
    }

    /**
     * Runs {@code body} in a transaction: commit when it returns, rollback when it throws. Inside an
     * active transaction this nests as a savepoint. Retries are an engine-level feature
     * ({@link Engine#inTransaction(TxOptions, Function)}), because a retry needs a fresh transaction.
     */
    public <T> T inTransaction(Function<Transaction, T> body) {
        return inTransaction(TxOptions.DEFAULT, body);
    }

    public <T> T inTransaction(TxOptions options, Function<Transaction, T> body) {
        Transaction t = begin(options);
        return t.run(body);
    }

    /** True while a transaction started through this handle is open. */
    public boolean inTransaction() {
        return tx != null && tx.isActive();
    }

    // ------------------------------------------------------------------ state

    /** Server identity of the underlying connection. */
    public ConnectionMeta info() {
        ensureOpen();
        return dc.meta();
    }

    /** Discards the underlying connection instead of returning it to the pool; the handle detaches. */
    public void invalidate() {
        if (!closed) {
            invalid = true;
            close();
        }
    }

    void markBroken() {
        invalid = true;
    }

    /** Marked broken, or the driver says the connection is no longer usable. */
    boolean isBroken() {
        return invalid || !dc.isUsable();
    }

    public boolean isClosed() {
        return closed;
    }

    /** Returns the connection to the pool (rolled back and reset there). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.checkin(lease, isBroken());
    }

    void ensureOpen() {
        if (closed) {
            throw new UsageException("connection handle used after it was returned to the pool");
        }
    }

    @Override
    public String toString() {
        return "Connection[" + (closed ? "returned" : dc.meta().product() + " id=" + dc.meta().connectionId()) + "]";
    }
}
