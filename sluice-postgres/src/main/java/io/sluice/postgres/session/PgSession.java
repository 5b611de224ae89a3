package io.sluice.postgres.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.result.Result;
import io.sluice.core.transport.Deadline;
import io.sluice.core.transport.Pipeline;
import io.sluice.core.transport.Transport;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.PgConfig;
import io.sluice.postgres.types.CodecRegistry;
import io.sluice.postgres.types.PgCodec;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.Frontend;
import io.sluice.postgres.wire.PgErrorFields;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One PostgreSQL connection: start-up, then requests pipelined through {@link Pipeline}. States:
 * READY (requests may be issued) -> BROKEN (an I/O or protocol error: the stream is out of step)
 * or CLOSED. Server errors are not state changes: each request ends at its own ReadyForQuery.
 * The transaction status from ReadyForQuery (idle / in transaction / failed) is tracked.
 */
public final class PgSession {
    public enum State { READY, BROKEN, CLOSED }

    /** An asynchronous NOTIFY delivered to this session. */
    public record Notification(int pid, String channel, String payload) {
    }

    private static final System.Logger LOG = System.getLogger(PgSession.class.getName());

    private final PgConfig cfg;
    private final Transport transport;
    private final PgChannel ch;
    private final int pid;
    private final int secret;
    private final String authMethod;
    private final Map<String, String> parameters = new ConcurrentHashMap<>();
    private final CodecRegistry registry;
    private final Pipeline pipeline = new Pipeline();
    private final StatementCache cache;
    private final List<Consumer<Notification>> notificationListeners = new CopyOnWriteArrayList<>();
    private volatile Consumer<PgErrorFields> noticeHandler;
    private volatile State state = State.READY;
    private volatile io.sluice.postgres.wire.TxStatus txStatus = io.sluice.postgres.wire.TxStatus.IDLE;
    private final SessionChanges changes = new SessionChanges();
    /** Stateless apart from the session; used by the one caller whose turn it is to read. */
    private final ResponseReader reader = new ResponseReader(this);
    /** Request buffer, used only under the write permit (see {@link #requestWriter()}). */
    private ByteWriter out;
    private static final int MAX_KEPT_WRITER = 64 * 1024;

    private PgSession(PgConfig cfg, Startup.Outcome o, CodecRegistry registry) {
        this.cfg = cfg;
        this.transport = o.transport();
        this.ch = o.channel();
        this.pid = o.pid();
        this.secret = o.secret();
        this.authMethod = o.authMethod();
        this.parameters.putAll(o.parameters());
        this.registry = registry;
        this.cache = new StatementCache(cfg.statementCacheSize());
    }

    public static PgSession open(PgConfig cfg) {
        Deadline deadline = Deadline.after(cfg.connectTimeout());
        Startup.Outcome o = Startup.run(cfg, deadline);
        o.transport().setReadTimeout(cfg.readTimeout());
        return new PgSession(cfg, o, CodecRegistry.defaults());
    }

    // ------------------------------------------------------------------ accessors

    public PgConfig config() {
        return cfg;
    }

    public int backendPid() {
        return pid;
    }

    public String authMethod() {
        return authMethod;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public String serverVersion() {
        return parameters.getOrDefault("server_version", "?");
    }

    public CodecRegistry registry() {
        return registry;
    }

    public State state() {
        return state;
    }

    public io.sluice.postgres.wire.TxStatus txStatus() {
        return txStatus;
    }

    public boolean isTls() {
        return transport.isTls();
    }

    public String tlsProtocol() {
        return transport.isTls() ? transport.tlsSession().getProtocol() : null;
    }

    public int cachedStatements() {
        return cache.size();
    }

    public boolean sessionStateChanged() {
        return changes.changed();
    }

    public void onNotice(Consumer<PgErrorFields> handler) {
        this.noticeHandler = handler;
    }

    public void addNotificationListener(Consumer<Notification> l) {
        notificationListeners.add(l);
    }

    public void removeNotificationListener(Consumer<Notification> l) {
        notificationListeners.remove(l);
    }

    StatementCache cache() {
        return cache;
    }

    SessionChanges changes() {
        return changes;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    // ------------------------------------------------------------------ requests

    /** Simple query protocol: SQL text, possibly several statements; rows in text format. */
    public List<Result> simpleQuery(String sql) {
        long ticket = send(w -> Frontend.query(w, sql));
        return read(ticket, r -> r.readResults(null));
    }

    /** Extended protocol with bound values (cached prepared statement, or unnamed in pooler mode). */
    public List<Result> execute(String sql, List<?> params) {
        return Extended.execute(this, sql, params);
    }

    /** Runs {@code sql} for every parameter row, all requests pipelined, each with its own Sync. */
    public long executeBatch(String sql, List<? extends List<?>> rows, java.util.function.LongConsumer progress) {
        return Extended.batch(this, sql, rows, progress);
    }

    /** Streams rows through a portal fetched {@code fetchSize} rows at a time. Close the cursor. */
    public PgCursor stream(String sql, List<?> params, int fetchSize) {
        return Extended.stream(this, sql, params, fetchSize);
    }

    /** COPY ... FROM STDIN fed from {@code data}; returns the rows copied. */
    public long copyIn(String sql, java.io.InputStream data) {
        return Copy.in(this, sql, data);
    }

    /** COPY ... FROM STDIN in text format from rows of values (null = NULL); returns the rows copied. */
    public long copyInRows(String sql, Iterable<? extends List<?>> rows) {
        return Copy.in(this, sql, new CopyText(rows, registry));
    }

    /**
     * COPY {@code copySql} (a {@code COPY table (columns) FROM STDIN} without options) of rows that
     * {@code insertSql} (an INSERT with one {@code $n} per column, in order) would insert one by one.
     * The INSERT is prepared (or found in the cache) for its parameter types: when the first row's
     * values have the binary forms of those types the COPY goes in binary format
     * ({@link CopyBinary}), else in text. In pooler mode, where statements are not kept, always text.
     */
    public long copyInsertRows(String copySql, String insertSql, List<?> firstRow, Iterable<? extends List<?>> rows) {
        if (!cfg.poolerMode()) {
            Prepared p = Extended.prepared(this, insertSql);
            try {
                PgCodec[] codecs = CopyBinary.codecsFor(registry, p.paramOids(), firstRow);
                if (codecs != null) {
                    return Copy.in(this, copySql + " (FORMAT binary)", new CopyBinary(rows, codecs));
                }
            } finally {
                Extended.releaseIfUncached(this, p);
            }
        }
        return Copy.in(this, copySql, new CopyText(rows, registry));
    }

    /** COPY ... TO STDOUT written to {@code out}; returns the rows copied. */
    public long copyOut(String sql, java.io.OutputStream out) {
        return Copy.out(this, sql, out);
    }

    /** A Sync round trip: proves the connection works without running a statement. */
    public void ping() {
        long ticket = send(Frontend::sync);
        read(ticket, r -> r.readResults(null));
    }

    /**
     * Returns the session to its start-up state with the cheapest statement that does so: RESET ALL
     * after SET, UNLISTEN * after LISTEN, DISCARD ALL otherwise (which also drops prepared statements).
     */
    public void resetSession() {
        String sql = changes.resetStatement();
        if (sql == null) {
            return;
        }
        if (txStatus != io.sluice.postgres.wire.TxStatus.IDLE) {
            simpleQuery("ROLLBACK");
        }
        simpleQuery(sql);
        if (sql.startsWith("DISCARD")) {
            cache.clear(); // the server has dropped them
        }
        changes.clear();
    }

    /** CancelRequest over a new socket (protocol docs: "Canceling Requests in Progress"). */
    public void cancel() {
        Transport t = Transport.connect(cfg.endpoint(), cfg.connectTimeout());
        try {
            ByteWriter w = new ByteWriter(16);
            Frontend.cancelRequest(w, pid, secret);
            t.write(w.array(), 0, w.size());
            t.flush();
            t.setReadTimeout(java.time.Duration.ofSeconds(5));
            try {
                t.read(); // the server closes the socket when done; waiting makes the cancel land first
            } catch (SluiceException expected) {
                // closed by the server: the request was processed
            }
        } finally {
            t.close();
        }
    }

    /** Terminate, then close. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.READY && !pipeline.isBroken()) {
            // an open cursor or COPY holds the write permit: do not wait for it forever, just close
            if (pipeline.tryAcquireWrite(1000)) {
                try {
                    ByteWriter w = new ByteWriter(8);
                    Frontend.terminate(w);
                    ch.write(w);
                    ch.flush();
                } catch (RuntimeException ignored) {
                    // closing anyway
                } finally {
                    pipeline.releaseWrite();
                }
            }
        }
        state = State.CLOSED;
        pipeline.breakAll("closed");
        transport.close();
    }

    /** Hard close from any thread. */
    public void abort(String reason) {
        if (state == State.READY) {
            state = State.BROKEN;
        }
        pipeline.breakAll(reason);
        transport.abortFor(reason);
    }

    // ------------------------------------------------------------------ plumbing

    /** Writes one request (the encoder must end it with Sync) and returns its ticket. */
    long send(Consumer<ByteWriter> encoder) {
        pipeline.acquireWrite();
        try {
            ensureUsable();
            ByteWriter w = requestWriter();
            cache.writePendingCloses(w);
            encoder.accept(w);
            ch.write(w);
            ch.flush();
            return pipeline.issue();
        } catch (RuntimeException e) {
            throw onError(e);
        } finally {
            pipeline.releaseWrite();
        }
    }

    /**
     * The session's request buffer, emptied; only under the write permit (which orders its uses), and
     * a request is copied out by the write. A buffer that a big request grew is not kept.
     */
    private ByteWriter requestWriter() {
        ByteWriter w = out;
        if (w == null || w.array().length > MAX_KEPT_WRITER) {
            w = new ByteWriter(512);
            out = w;
        }
        return w.reset();
    }

    /** Waits for the turn of {@code ticket}, reads its response with {@code body}, passes the turn on. */
    <T> T read(long ticket, Function<ResponseReader, T> body) {
        pipeline.awaitTurn(ticket);
        try {
            return body.apply(reader);
        } catch (ServerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw onError(e);
        } finally {
            pipeline.finishTurn();
        }
    }

    void writeRaw(ByteWriter w) {
        try {
            ch.write(w);
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    void flush() {
        try {
            ch.flush();
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    /** The next message that is not asynchronous (notices, notifications and parameter changes are dispatched here). */
    BackendMessage next() {
        while (true) {
            BackendMessage m = ch.read();
            switch (m) {
                case BackendMessage.NoticeResponse n -> notice(n.fields());
                case BackendMessage.NotificationResponse n -> notify(new Notification(n.pid(), n.channel(), n.payload()));
                case BackendMessage.ParameterStatus ps -> parameters.put(ps.name(), ps.value());
                case BackendMessage.ReadyForQuery rfq -> {
                    txStatus = rfq.status();
                    return m;
                }
                default -> {
                    return m;
                }
            }
        }
    }

    private void notice(PgErrorFields f) {
        Consumer<PgErrorFields> h = noticeHandler;
        if (h != null) {
            try {
                h.accept(f);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "notice handler failed: " + e);
            }
        } else {
            LOG.log(System.Logger.Level.INFO, "server notice: {0}: {1}", f.severity(), f.message());
        }
    }

    void notify(Notification n) {
        for (Consumer<Notification> l : notificationListeners) {
            try {
                l.accept(n);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "notification listener failed: " + e);
            }
        }
    }

    RuntimeException onError(RuntimeException e) {
        if (e instanceof SluiceException se && !se.isConnectionBroken()) {
            return e;
        }
        RuntimeException out = e instanceof SluiceException ? e
                : new ProtocolException("internal error while handling a server response: " + e, e);
        if (state == State.READY) {
            state = State.BROKEN;
        }
        pipeline.breakAll(out.getMessage());
        transport.close();
        return out;
    }

    private void ensureUsable() {
        if (state != State.READY) {
            throw new io.sluice.core.error.ConnectionClosedException("connection is " + state.name().toLowerCase()
                    + " and cannot be used", null);
        }
    }

    /**
     * Listen-only mode for a dedicated connection: reads messages forever, dispatching
     * notifications, until {@code running} turns false or the connection fails. Responses to
     * statements sent with {@link #sendWithoutResponseWait} are read and dropped here.
     */
    public void readNotificationsUntilClosed(java.util.function.BooleanSupplier running) {
        transport.setReadTimeout(java.time.Duration.ZERO);
        while (running.getAsBoolean()) {
            BackendMessage m;
            try {
                m = next();
            } catch (RuntimeException e) {
                throw onError(e);
            }
            if (m instanceof BackendMessage.ErrorResponse e) {
                LOG.log(System.Logger.Level.WARNING, "listener statement failed: {0}", e.fields().message());
            }
        }
    }

    /** Sends a simple query whose response the listen-only reader will consume. */
    public void sendWithoutResponseWait(String sql) {
        pipeline.acquireWrite();
        try {
            ByteWriter w = new ByteWriter(sql.length() + 8);
            Frontend.query(w, sql);
            ch.write(w);
            ch.flush();
        } catch (RuntimeException e) {
            throw onError(e);
        } finally {
            pipeline.releaseWrite();
        }
    }
}
