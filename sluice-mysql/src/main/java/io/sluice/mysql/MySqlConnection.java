package io.sluice.mysql;

import io.sluice.core.error.SluiceException;
import io.sluice.core.error.TimeoutException;
import io.sluice.core.error.UsageException;
import io.sluice.core.result.ColumnIndex;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.mysql.session.MySqlSession;
import io.sluice.mysql.session.PreparedInfo;
import io.sluice.mysql.session.ResultCursor;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A MySQL/MariaDB connection with a blocking face and an async face over the same session.
 *
 * <p>Blocking calls are meant for virtual threads: socket I/O parks the virtual thread, and callers
 * wait for the connection on java.util.concurrent primitives rather than {@code synchronized}, so
 * no carrier thread is pinned. Async calls run the same code on a fresh virtual thread and return a
 * {@link CompletableFuture}; no platform thread is held while a query waits on the network.
 *
 * <p>Concurrent callers on one connection are served in arrival order. Executions of cached
 * prepared SELECT/INSERT/UPDATE/DELETE/REPLACE/WITH/VALUES/TABLE statements ({@link #execute}),
 * and text queries starting with those words ({@link #query(String)}, without multiStatements),
 * are pipelined: each is written at once, behind the answers still in flight, and its caller reads
 * its own answer in turn, so concurrent callers do not wait for each other's round trips.
 * Everything else (other statements, the first execution that prepares, streams, batches, LOAD
 * DATA) has the connection to itself. The server runs the commands in the order they were sent, as
 * if one caller had sent them.
 *
 * <p>{@link #query} uses the text protocol (COM_QUERY) and accepts no values; {@link #execute}
 * binds values through the binary protocol with a per-connection LRU statement cache. Values are
 * never spliced into SQL text.
 */
public final class MySqlConnection implements AutoCloseable {
    private static final ExecutorService ASYNC = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sluice-mysql-async-", 0).factory());

    private final MySqlSession session;

    private MySqlConnection(MySqlSession session) {
        this.session = session;
    }

    public static MySqlConnection connect(String url) {
        return connect(MySqlConfig.fromUrl(url));
    }

    public static MySqlConnection connect(MySqlConfig config) {
        return new MySqlConnection(MySqlSession.open(config));
    }

    public static CompletableFuture<MySqlConnection> connectAsync(MySqlConfig config) {
        return CompletableFuture.supplyAsync(() -> connect(config), ASYNC);
    }

    // ---------------------------------------------------------------- blocking face

    /** Runs SQL text (one statement, or several with {@code multiStatements=true}); one Result per result. */
    public List<Result> query(String sql) {
        ResultCursor c;
        try {
            c = session.queryInTurn(sql);
        } catch (TimeoutException e) {
            throw killAfterTimeout(e);
        }
        return collectInTurn(c, sql);
    }

    /**
     * Like {@link #query(String)}, answering a {@code LOAD DATA LOCAL INFILE} request of this statement
     * with {@code localInfile}. Without a stream such requests are refused: a server can never read a
     * local file on its own initiative.
     */
    public List<Result> query(String sql, InputStream localInfile) {
        return locked(() -> collect(session.query(sql, localInfile), sql));
    }

    /** Executes with bound values (binary protocol) and returns the first result. */
    public Result execute(String sql, Object... params) {
        List<Result> all = executeAll(sql, params);
        return all.get(0);
    }

    /** Executes with bound values and returns every result (e.g. of a CALL). */
    public List<Result> executeAll(String sql, Object... params) {
        // the hot path of every prepared query: spelled out rather than locked(lambda), which costs
        // an allocation and three stack frames that each park/unpark of the virtual thread copies
        ResultCursor c;
        try {
            c = session.executeInTurn(sql, params);
        } catch (TimeoutException e) {
            throw killAfterTimeout(e);
        }
        return collectInTurn(c, sql);
    }

    /** Executes a LOAD DATA LOCAL INFILE statement with bound values, feeding it {@code data}. */
    public Result executeWithInfile(String sql, InputStream data, Object... params) {
        return locked(() -> collect(session.execute(sql, params, data), sql)).get(0);
    }

    /**
     * Runs one statement for many parameter rows without a round trip per row: multi-row INSERT
     * rewriting for {@code INSERT ... VALUES (...)}, pipelined prepared executions otherwise.
     * Returns the total affected rows; {@code progress} receives the rows done after each batch.
     */
    public long executeBatch(String sql, List<? extends List<?>> rows, java.util.function.LongConsumer progress) {
        return locked(() -> session.executeBatch(sql, rows, progress == null ? n -> { } : progress));
    }

    /** Streams the rows of a query with bound values without buffering them. Close the stream. */
    public RowStream stream(String sql, Object... params) {
        return openStream(() -> session.execute(sql, params, null));
    }

    /** Streams the rows of SQL text (text protocol) without buffering them. Close the stream. */
    public RowStream streamText(String sql) {
        return openStream(() -> session.query(sql, null));
    }

    private RowStream openStream(Supplier<ResultCursor> start) {
        session.enterExclusive();
        try {
            ResultCursor c = watch(start);
            ResultCursor.Header h = c.nextResult();
            ColumnIndex cols = h != null && h.hasRows() ? h.columns() : null;
            return new RowStream(c, cols, session::leaveExclusive);
        } catch (RuntimeException e) {
            session.leaveExclusive();
            throw e;
        }
    }

    /** Prepares a statement owned by the caller (not cached); close it when done. */
    public MySqlStatement prepare(String sql) {
        PreparedInfo p = locked(() -> session.prepare(sql));
        return new MySqlStatement(this, p);
    }

    List<Result> executePrepared(PreparedInfo p, Object[] params) {
        return locked(() -> collect(session.execute(p, params, null), p.sql()));
    }

    void resetStatement(PreparedInfo p) {
        locked(() -> {
            session.resetStatement(p);
            return null;
        });
    }

    void closeStatement(PreparedInfo p) {
        if (session.state() == MySqlSession.State.READY) {
            locked(() -> {
                session.closeStatement(p);
                return null;
            });
        }
    }

    /** COM_PING: checks the server answers. */
    public void ping() {
        locked(() -> {
            session.ping();
            return null;
        });
    }

    /** COM_RESET_CONNECTION, then re-applies this connection's configured settings. */
    public void resetConnection() {
        locked(() -> {
            session.resetConnection();
            return null;
        });
    }

    /** COM_INIT_DB: changes the default database. */
    public void initDb(String database) {
        locked(() -> {
            session.initDb(database);
            return null;
        });
    }

    /**
     * Stops the statement running on this connection (KILL QUERY over a side connection); the
     * interrupted call fails with a QueryCancelledException and the connection stays usable.
     */
    public void cancel() {
        Killer.kill(session.config(), session.info().connectionId(), true);
    }

    // ---------------------------------------------------------------- async face

    public CompletableFuture<List<Result>> queryAsync(String sql) {
        return CompletableFuture.supplyAsync(() -> query(sql), ASYNC);
    }

    public CompletableFuture<Result> executeAsync(String sql, Object... params) {
        return CompletableFuture.supplyAsync(() -> execute(sql, params), ASYNC);
    }

    public CompletableFuture<Void> pingAsync() {
        return CompletableFuture.runAsync(this::ping, ASYNC);
    }

    public CompletableFuture<Void> closeAsync() {
        return CompletableFuture.runAsync(this::close, ASYNC);
    }

    // ---------------------------------------------------------------- state

    public ConnectionInfo info() {
        return session.info();
    }

    /** False once closed or broken; a broken connection refuses every further call. */
    public boolean isUsable() {
        return session.state() == MySqlSession.State.READY;
    }

    public boolean isBroken() {
        return session.state() == MySqlSession.State.BROKEN;
    }

    public boolean isClosed() {
        return session.state() == MySqlSession.State.CLOSED;
    }

    /** True when session state (variables, schema, temporary tables) changed since connect or the last reset. */
    public boolean sessionStateChanged() {
        return session.sessionStateChanged();
    }

    public boolean inTransaction() {
        return session.inTransaction();
    }

    public boolean autocommit() {
        return session.autocommit();
    }

    public boolean noBackslashEscapes() {
        return session.noBackslashEscapes();
    }

    /** The session time zone used to turn TIMESTAMP values into Instants. */
    public ZoneId sessionZone() {
        return session.zone();
    }

    /** Number of statements in the LRU statement cache. */
    public int cachedStatements() {
        return session.cachedStatements();
    }

    public MySqlConfig config() {
        return session.config();
    }

    /** Calls sent (or holding the connection) whose answers are not read yet: above 1 only while pipelining. */
    long callsInFlight() {
        return session.callsInFlight();
    }

    /** Hard-closes the socket from any thread; the connection becomes broken. */
    public void abort() {
        session.abort("aborted by caller");
    }

    /**
     * Sends COM_QUIT and closes. Waits up to a second for a call in progress on another thread;
     * after that the socket is closed under it.
     */
    @Override
    public void close() {
        if (session.state() != MySqlSession.State.READY) {
            session.close();
            return;
        }
        // a call in progress (or an unclosed RowStream) holds the connection: wait a little, then close hard
        if (!session.tryEnterExclusive(1000)) {
            session.abort("closed while in use");
            return;
        }
        try {
            session.close();
        } finally {
            session.leaveExclusive();
        }
    }

    @Override
    public String toString() {
        ConnectionInfo i = session.info();
        return "MySqlConnection[" + session.config().describe() + ", id=" + (i == null ? "?" : i.connectionId()) + ", "
                + session.state() + "]";
    }

    // ---------------------------------------------------------------- plumbing

    private <T> T locked(Supplier<T> body) {
        session.enterExclusive();
        try {
            return watch(body);
        } finally {
            session.leaveExclusive();
        }
    }

    /** On a read timeout the socket is gone but the server may still run the statement: kill it there too. */
    private <T> T watch(Supplier<T> body) {
        try {
            return body.get();
        } catch (TimeoutException e) {
            throw killAfterTimeout(e);
        }
    }

    private TimeoutException killAfterTimeout(TimeoutException e) {
        if (session.info() != null) {
            Killer.killInBackground(session.config(), session.info().connectionId());
        }
        return e;
    }

    /** Reads every result of a cursor whose turn has come, then passes the turn on. */
    private List<Result> collectInTurn(ResultCursor c, String sql) {
        try {
            return collect(c, sql);
        } catch (TimeoutException e) {
            throw killAfterTimeout(e);
        } finally {
            session.endTurn(c);
        }
    }

    private static List<Result> collect(ResultCursor c, String sql) {
        ResultCursor.Header h = c.nextResult();
        if (h == null) {
            throw noResult(c, sql);
        }
        Result first = result(c, h);
        h = c.nextResult();
        if (h == null && c.refusedInfile() == null) {
            return List.of(first); // the usual single result: no list to grow
        }
        List<Result> out = new ArrayList<>(4);
        out.add(first);
        for (; h != null; h = c.nextResult()) {
            out.add(result(c, h));
        }
        if (c.refusedInfile() != null) {
            throw noResult(c, sql);
        }
        return out;
    }

    private static Result result(ResultCursor c, ResultCursor.Header h) {
        if (!h.hasRows()) {
            return Result.update(h.affectedRows(), h.lastInsertId(), h.warnings(), h.info());
        }
        ColumnIndex cols = h.columns();
        Object[] v = c.nextRow();
        List<Row> rows;
        if (v == null) {
            rows = List.of();
        } else {
            Row one = new Row(cols, v);
            v = c.nextRow();
            if (v == null) {
                rows = List.of(one); // point queries: one row, no ArrayList and no backing array to grow
            } else {
                rows = new ArrayList<>();
                rows.add(one);
                for (; v != null; v = c.nextRow()) {
                    rows.add(new Row(cols, v));
                }
            }
        }
        return new Result(cols, rows, rows.size(), 0, c.lastWarnings(), "");
    }

    /** Why a command yielded nothing usable: a refused LOAD DATA LOCAL request, or no result at all. */
    private static SluiceException noResult(ResultCursor c, String sql) {
        if (c.refusedInfile() != null) {
            return new UsageException("server asked to read local file '" + c.refusedInfile() + "' for LOAD DATA LOCAL INFILE; "
                    + "refused because no input stream was supplied (use query(sql, stream) or executeWithInfile)");
        }
        return new SluiceException("server returned no result for: " + sql);
    }
}
