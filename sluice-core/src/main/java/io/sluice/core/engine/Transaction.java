package io.sluice.core.engine;

import io.sluice.core.error.CommitOutcomeUnknownException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.UsageException;
import io.sluice.core.result.Result;
import io.sluice.core.spi.DriverConnection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * An open transaction on a {@link Connection}, or a savepoint nested in one. Statements run through
 * it or through its connection alike. Finish it exactly once with {@link #commit()} or
 * {@link #rollback()}; {@link #run} does that for a lambda.
 *
 * <p>A connection lost while COMMIT is in flight raises {@link CommitOutcomeUnknownException}: the
 * transaction may or may not have committed, and nothing retries it automatically.
 */
public final class Transaction {
    private final Connection conn;
    private final Transaction parent;
    private final String savepoint;
    private final TxOptions options;
    private int nextSavepoint;
    private Transaction child;
    private boolean active = true;

    private Transaction(Connection conn, Transaction parent, String savepoint, TxOptions options) {
        this.conn = conn;
        this.parent = parent;
        this.savepoint = savepoint;
        this.options = options;
    }

    static Transaction start(Connection conn, TxOptions options) {
        DriverConnection dc = conn.driver();
        if (dc.inTransaction()) {
            throw new UsageException("a transaction is already open on this connection (started with SQL text?); "
                    + "commit or roll it back first");
        }
        for (String sql : dc.dialect().begin(options.isolation(), options.readOnly())) {
            conn.engine().executor().control(conn, sql);
        }
        return new Transaction(conn, null, null, options);
    }

    public boolean isActive() {
        return active && (parent == null || parent.isActive());
    }

    public boolean isNested() {
        return parent != null;
    }

    public TxOptions options() {
        return options;
    }

    public Connection connection() {
        return conn;
    }

    // ---------------------------------------------------------------- statements (delegate)

    public Result execute(String sql, Object... params) {
        ensureActive();
        return conn.execute(sql, params);
    }

    public Result execute(String sql, Map<String, ?> params) {
        ensureActive();
        return conn.execute(sql, params);
    }

    public List<Result> executeAll(String sql, Object... params) {
        ensureActive();
        return conn.executeAll(sql, params);
    }

    public <R extends Record> List<R> queryAs(Class<R> type, String sql, Object... params) {
        ensureActive();
        return conn.queryAs(type, sql, params);
    }

    public long executeMany(String sql, List<?> paramSets, LongConsumer progress) {
        ensureActive();
        return conn.executeMany(sql, paramSets, progress);
    }

    // ---------------------------------------------------------------- nesting

    /** A nested transaction: a SAVEPOINT that can be rolled back alone. */
    public Transaction begin() {
        ensureActive();
        if (child != null && child.active) {
            return child.begin();
        }
        Transaction root = root();
        String name = "sluice_sp_" + (++root.nextSavepoint);
        conn.engine().executor().control(conn, conn.driver().dialect().savepoint(name));
        child = new Transaction(conn, this, name, options);
        return child;
    }

    /** Runs {@code body} in a nested savepoint: released when it returns, rolled back to when it throws. */
    public <T> T inTransaction(Function<Transaction, T> body) {
        return begin().run(body);
    }

    <T> T run(Function<Transaction, T> body) {
        T out;
        try {
            out = body.apply(this);
        } catch (RuntimeException | Error e) {
            if (active) {
                try {
                    rollback();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        if (active) {
            commit();
        }
        return out;
    }

    private Transaction root() {
        return parent == null ? this : parent.root();
    }

    // ---------------------------------------------------------------- ending

    public void commit() {
        ensureActive();
        closeChildren();
        active = false;
        if (savepoint != null) {
            conn.engine().executor().control(conn, conn.driver().dialect().releaseSavepoint(savepoint));
            return;
        }
        try {
            conn.engine().executor().control(conn, conn.driver().dialect().commit());
        } catch (SluiceException e) {
            if (e.isConnectionBroken()) {
                conn.markBroken();
                throw new CommitOutcomeUnknownException("the connection was lost during COMMIT; the transaction may or "
                        + "may not have been committed: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    public void rollback() {
        if (!active) {
            throw new UsageException("transaction already " + (savepoint != null ? "released or rolled back" : "finished"));
        }
        closeChildren();
        active = false;
        if (savepoint != null) {
            if (parent.isActive()) {
                conn.engine().executor().control(conn, conn.driver().dialect().rollbackToSavepoint(savepoint));
            }
            return;
        }
        try {
            conn.engine().executor().control(conn, conn.driver().dialect().rollback());
        } catch (SluiceException e) {
            if (e.isConnectionBroken()) {
                conn.markBroken(); // the server rolls back on disconnect; nothing is lost
                return;
            }
            throw e;
        }
    }

    private void closeChildren() {
        if (child != null && child.active) {
            child.active = false; // an outer commit/rollback ends every savepoint inside it
        }
    }

    private void ensureActive() {
        if (!isActive()) {
            throw new UsageException("transaction is no longer active");
        }
    }
}
