package io.sluice.core.engine;

import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.core.spi.DriverConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * The engine's async face: the same operations as the blocking face, each run on its own virtual
 * thread (no platform thread is held while waiting on the network) and returned as a
 * CompletableFuture. Cancelling a returned future stops the statement on the server (KILL QUERY /
 * CancelRequest over a side connection); the pooled connection stays usable.
 */
public final class AsyncEngine {
    private final Engine engine;

    AsyncEngine(Engine engine) {
        this.engine = engine;
    }

    public CompletableFuture<Result> execute(String sql, Object... params) {
        return withConnection(c -> c.execute(sql, params));
    }

    public CompletableFuture<Result> execute(String sql, Map<String, ?> params) {
        return withConnection(c -> c.execute(sql, params));
    }

    public <R extends Record> CompletableFuture<List<R>> queryAs(Class<R> type, String sql, Object... params) {
        return withConnection(c -> c.queryAs(type, sql, params));
    }

    public CompletableFuture<Long> executeMany(String sql, List<?> paramSets, LongConsumer progress) {
        return withConnection(c -> c.executeMany(sql, paramSets, progress));
    }

    public <T> CompletableFuture<T> inTransaction(Function<Transaction, T> body) {
        return inTransaction(TxOptions.DEFAULT, body);
    }

    /** Retries (when configured) happen inside the returned future. */
    public <T> CompletableFuture<T> inTransaction(TxOptions options, Function<Transaction, T> body) {
        Task<T> f = new Task<>();
        Thread.ofVirtual().name("sluice-async").start(() -> {
            try {
                f.complete(engine.inTransaction(options, tx -> {
                    f.attach(tx.connection().driver());
                    try {
                        return body.apply(tx);
                    } finally {
                        f.detach();
                    }
                }));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /**
     * Runs {@code body} with a pooled connection on a virtual thread. The future completes once the
     * connection is back in the pool, so a caller who joins it and then looks at the pool (or
     * disposes the engine) finds the connection idle; completing first left it in use for a moment.
     */
    public <T> CompletableFuture<T> withConnection(Function<Connection, T> body) {
        Task<T> f = new Task<>();
        Thread.ofVirtual().name("sluice-async").start(() -> {
            T v = null;
            boolean ran = false;
            Throwable failure = null;
            try (Connection c = engine.connect()) {
                if (f.isDone()) {
                    return; // cancelled while waiting for a connection
                }
                f.attach(c.driver());
                try {
                    v = body.apply(c);
                    ran = true;
                } finally {
                    f.detach(); // waits for an in-flight cancel before the connection goes back
                }
            } catch (Throwable t) {
                if (!ran) {
                    failure = t; // a failure giving the connection back does not undo the body's result
                }
            }
            if (failure != null) {
                f.completeExceptionally(failure);
            } else {
                f.complete(v);
            }
        });
        return f;
    }

    /**
     * Streams rows as a {@link Flow.Publisher} honouring demand: rows are read from the socket only
     * as fast as the subscriber requests them, so memory stays bounded. Cancelling the subscription
     * stops the statement on the server.
     */
    public Flow.Publisher<Row> stream(String sql, Object... params) {
        return subscriber -> {
            RowPublisher.Subscription s = new RowPublisher.Subscription(engine, sql, params, subscriber);
            subscriber.onSubscribe(s);
            Thread.ofVirtual().name("sluice-stream").start(s::run);
        };
    }

    /** A future whose cancel() stops the running statement on the server. */
    static final class Task<T> extends CompletableFuture<T> {
        private final ReentrantLock lock = new ReentrantLock();
        private DriverConnection running;
        private Thread canceller;

        void attach(DriverConnection dc) {
            lock.lock();
            try {
                running = dc;
            } finally {
                lock.unlock();
            }
        }

        void detach() {
            Thread k;
            lock.lock();
            try {
                running = null;
                k = canceller;
                canceller = null;
            } finally {
                lock.unlock();
            }
            if (k != null) {
                try {
                    k.join(); // a KILL QUERY must land before the connection serves anyone else
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean r = super.cancel(mayInterruptIfRunning);
            if (r) {
                lock.lock();
                try {
                    DriverConnection dc = running;
                    if (dc != null && canceller == null) {
                        canceller = Thread.ofVirtual().name("sluice-cancel").start(() -> Executor.cancelQuietly(dc));
                    }
                } finally {
                    lock.unlock();
                }
            }
            return r;
        }
    }
}
