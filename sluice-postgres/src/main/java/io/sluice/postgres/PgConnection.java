package io.sluice.postgres;

import io.sluice.core.result.Result;
import io.sluice.postgres.session.PgCursor;
import io.sluice.postgres.session.PgSession;
import io.sluice.postgres.wire.PgErrorFields;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A PostgreSQL connection (the asyncpg counterpart) with a blocking face and an async face.
 *
 * <p>Requests are pipelined automatically: calls from several threads (or several async calls)
 * go out without waiting for earlier responses, each with its own Sync, so one failing statement
 * does not disturb the others. Values are bound in the binary format as the server's parameter
 * types ask; results decode with per-statement cached decoders.
 */
public final class PgConnection implements AutoCloseable {
    private static final ExecutorService ASYNC = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sluice-pg-async-", 0).factory());

    private final PgSession session;

    private PgConnection(PgSession session) {
        this.session = session;
    }

    public static PgConnection connect(String url) {
        return connect(PgConfig.fromUrl(url));
    }

    public static PgConnection connect(PgConfig config) {
        return new PgConnection(PgSession.open(config));
    }

    public static CompletableFuture<PgConnection> connectAsync(PgConfig config) {
        return CompletableFuture.supplyAsync(() -> connect(config), ASYNC);
    }

    /** Simple query protocol: SQL text (several statements allowed), text-format rows. */
    public List<Result> query(String sql) {
        return watch(() -> session.simpleQuery(sql));
    }

    /** Extended protocol with {@code $1, $2...} parameters; the first result. */
    public Result execute(String sql, Object... params) {
        return executeAll(sql, params).get(0);
    }

    public List<Result> executeAll(String sql, Object... params) {
        return watch(() -> session.execute(sql, Arrays.asList(params)));
    }

    /** One statement for many parameter rows, pipelined; returns affected rows. */
    public long executeBatch(String sql, List<? extends List<?>> rows, java.util.function.LongConsumer progress) {
        return watch(() -> session.executeBatch(sql, rows, progress == null ? n -> { } : progress));
    }

    /** Streams rows through a portal, {@code fetchSize} (the config's by default) at a time. Close it. */
    public PgCursor stream(String sql, Object... params) {
        return watch(() -> session.stream(sql, Arrays.asList(params), session.config().fetchSize()));
    }

    public PgCursor stream(int fetchSize, String sql, Object... params) {
        return watch(() -> session.stream(sql, Arrays.asList(params), fetchSize));
    }

    /** COPY ... FROM STDIN with the caller's bytes (text, CSV or binary as the SQL says). */
    public long copyIn(String sql, InputStream data) {
        return watch(() -> session.copyIn(sql, data));
    }

    /** COPY table (cols) FROM STDIN in text format from rows of values (null = NULL). */
    public long copyInRows(String table, List<String> columns, Iterable<? extends List<?>> rows) {
        return watch(() -> session.copyInRows(copyFromStdin(table, columns), rows));
    }

    /** {@code COPY table (columns) FROM STDIN}, without the list when {@code columns} is empty; no options. */
    private static String copyFromStdin(String table, List<String> columns) {
        return "COPY " + table + (columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")") + " FROM STDIN";
    }

    /**
     * {@code rows} for {@code insertSql}, a plain INSERT with one {@code $n} per listed column in
     * order, by COPY into {@code table (columns)}: in binary format when the first row's values
     * have the column types' binary forms (see {@link PgSession#copyInsertRows}), else text.
     */
    long copyInsertRows(String table, List<String> columns, String insertSql, List<?> firstRow,
                        Iterable<? extends List<?>> rows) {
        return watch(() -> session.copyInsertRows(copyFromStdin(table, columns), insertSql, firstRow, rows));
    }

    /** COPY ... TO STDOUT into {@code out}. */
    public long copyOut(String sql, OutputStream out) {
        return watch(() -> session.copyOut(sql, out));
    }

    /** LISTEN on a channel; notifications go to listeners added with {@link #onNotification}. */
    public void listen(String channel) {
        query("LISTEN " + quoteIdent(channel));
    }

    public void unlisten(String channel) {
        query("UNLISTEN " + quoteIdent(channel));
    }

    public void notify(String channel, String payload) {
        execute("SELECT pg_notify($1, $2)", channel, payload);
    }

    /**
     * Receives notifications. They arrive with any response on this connection; to receive them while
     * idle, call {@link #waitForNotifications(java.time.Duration)} or use {@link PgListener}, which
     * keeps a dedicated connection reading.
     */
    public void onNotification(Consumer<PgSession.Notification> listener) {
        session.addNotificationListener(listener);
    }

    /** Waits up to {@code d} for notifications by pinging (a Sync round trip) until one arrives. */
    public void waitForNotifications(java.time.Duration d) {
        Notifications.await(session, d);
    }

    public void onNotice(Consumer<PgErrorFields> handler) {
        session.onNotice(handler);
    }

    public void ping() {
        watch(() -> {
            session.ping();
            return null;
        });
    }

    /** Undoes session changes (SET, LISTEN, temporary tables, ...) with the cheapest statement. */
    public void resetSession() {
        watch(() -> {
            session.resetSession();
            return null;
        });
    }

    /** CancelRequest: the running statement fails with QueryCancelledException; the connection stays usable. */
    public void cancel() {
        session.cancel();
    }

    // async face

    public CompletableFuture<List<Result>> queryAsync(String sql) {
        return CompletableFuture.supplyAsync(() -> query(sql), ASYNC);
    }

    public CompletableFuture<Result> executeAsync(String sql, Object... params) {
        return CompletableFuture.supplyAsync(() -> execute(sql, params), ASYNC);
    }

    // state

    public PgSession session() {
        return session;
    }

    public int backendPid() {
        return session.backendPid();
    }

    public String serverVersion() {
        return session.serverVersion();
    }

    public boolean isUsable() {
        return session.state() == PgSession.State.READY;
    }

    public boolean inTransaction() {
        return session.txStatus() != io.sluice.postgres.wire.TxStatus.IDLE;
    }

    public PgConfig config() {
        return session.config();
    }

    public void abort() {
        session.abort("aborted by caller");
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "PgConnection[" + session.config().describe() + ", pid=" + session.backendPid() + ", " + session.state() + "]";
    }

    /** On a read timeout the socket is gone: cancel the statement on the server too. */
    private <T> T watch(Supplier<T> body) {
        try {
            return body.get();
        } catch (io.sluice.core.error.TimeoutException e) {
            if (e.isConnectionBroken()) {
                Thread.ofVirtual().start(() -> {
                    try {
                        session.cancel();
                    } catch (RuntimeException ignored) {
                        // best effort
                    }
                });
            }
            throw e;
        }
    }

    static String quoteIdent(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new io.sluice.core.error.UsageException("identifier contains NUL");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
