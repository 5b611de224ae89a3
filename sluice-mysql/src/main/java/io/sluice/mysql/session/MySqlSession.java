package io.sluice.mysql.session;

import io.sluice.core.error.ConnectionClosedException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.UsageException;
import io.sluice.core.error.OperationInterruptedException;
import io.sluice.core.transport.Deadline;
import io.sluice.core.transport.Pipeline;
import io.sluice.core.transport.Transport;
import io.sluice.core.wire.ByteWriter;
import io.sluice.mysql.ConnectionInfo;
import io.sluice.mysql.MySqlConfig;
import io.sluice.mysql.wire.Capability;
import io.sluice.mysql.wire.Command;
import io.sluice.mysql.wire.Commands;
import io.sluice.mysql.wire.DecodeContext;
import io.sluice.mysql.wire.EncodeContext;
import io.sluice.mysql.wire.ErrPacket;
import io.sluice.mysql.wire.ErrorMapper;
import io.sluice.mysql.wire.MariaDbCapability;
import io.sluice.mysql.wire.MySqlCharset;
import io.sluice.mysql.wire.OkPacket;
import io.sluice.mysql.wire.SessionStateInfo;
import io.sluice.mysql.wire.ParamScratch;
import io.sluice.mysql.wire.ServerStatus;
import io.sluice.mysql.wire.StmtExecute;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One MySQL/MariaDB connection's command-phase state machine: READY -> (command in flight, result
 * cursor open) -> READY, or -> BROKEN when the stream can no longer be trusted, or CLOSED.
 *
 * <p>Concurrent callers are ordered by a {@link Pipeline}: an execution of a cached, pipelinable
 * prepared statement ({@link #executeInTurn}) is written at once behind the answers still in flight
 * and read in its turn; every other command takes the connection alone ({@link #enterExclusive} ...
 * {@link #leaveExclusive}), after the answers in flight and with nobody writing behind it. The
 * methods that run a command assume the caller holds the connection alone. A command started while
 * a previous cursor is still open first drains that cursor, so the protocol never gets out of step.
 *
 * <p>The server runs pipelined commands one after another, in order, each on its own: an error in
 * one does not affect the next, unlike PostgreSQL there is nothing to resynchronize.
 */
public final class MySqlSession {
    public enum State { READY, BROKEN, CLOSED }

    private static final Object[] NO_VALUES = new Object[0];
    private static final System.Logger LOG = System.getLogger(MySqlSession.class.getName());

    private final MySqlConfig cfg;
    private final Transport transport;
    private final PacketChannel ch;
    private final Statements statements;
    private final Pipeline pipeline = new Pipeline();
    /** Parameter resolution arrays, reused by every execution (encoding happens under the write permit). */
    private final ParamScratch paramScratch = new ParamScratch();
    private long capabilities;
    private long mariaDbCapabilities;
    private volatile int status;
    private boolean stateChanged;
    private long serverMaxPacket;
    private MySqlCharset charset;
    /** The charset the handshake asked for: what COM_RESET_CONNECTION restores (before SessionInit). */
    private MySqlCharset handshakeCharset;
    private ZoneId zone = ZoneOffset.UTC;
    /** The server's system zone, for a session time_zone of SYSTEM (null when not known). */
    private ZoneId systemZone;
    private DecodeContext decodeContext;
    private EncodeContext encodeContext;
    private ConnectionInfo info;
    private volatile State state = State.READY;
    private ResultCursor active;
    private String brokenReason;

    private MySqlSession(MySqlConfig cfg, Transport transport) {
        this.cfg = cfg;
        this.transport = transport;
        this.ch = new PacketChannel(transport, cfg.maxPacketSize());
        this.statements = new Statements(this, ch, cfg.prepareCacheSize());
    }

    /** Connects, authenticates and applies the session settings, all within {@code connectTimeout}. */
    public static MySqlSession open(MySqlConfig cfg) {
        Deadline deadline = Deadline.after(cfg.connectTimeout());
        Transport t = Transport.connect(cfg.endpoint(), cfg.connectTimeout());
        MySqlSession s = new MySqlSession(cfg, t);
        try {
            Handshake.Outcome o = Handshake.run(s.ch, cfg, deadline);
            s.capabilities = o.capabilities();
            s.mariaDbCapabilities = o.mariaDbCapabilities();
            s.status = o.statusFlags();
            s.charset = o.charset();
            s.handshakeCharset = o.charset();
            s.contexts();
            s.info = new ConnectionInfo(o.greeting().displayVersion(), o.greeting().isMariaDb(),
                    o.greeting().connectionId(), cfg.user(), cfg.database(),
                    t.isTls() ? t.tlsSession().getProtocol() : null, o.authPlugin());
            SessionInit.apply(s, cfg, deadline);
            t.setReadTimeout(cfg.readTimeout());
            t.setWriteTimeout(cfg.writeTimeout());
            return s;
        } catch (RuntimeException e) {
            t.close();
            s.state = State.CLOSED;
            throw e;
        }
    }

    private void contexts() {
        decodeContext = new DecodeContext(zone, cfg.zeroDateBehavior());
        encodeContext = new EncodeContext(zone, charset.javaCharset());
    }

    void transportTimeout(Deadline d) {
        transport.setReadTimeout(d.remainingOrZeroForUnlimited());
    }

    void zone(ZoneId z) {
        zone = z;
        contexts();
    }

    void systemZone(ZoneId z) {
        systemZone = z;
    }

    /**
     * An OK packet: its status, and under session tracking the system variables the statement
     * changed. A caller's {@code SET NAMES} or {@code SET time_zone} (or a procedure's) is followed,
     * so SQL and parameters are encoded in the charset the server now expects and TIMESTAMP values
     * convert in the zone the server now uses; without tracking both stay as configured.
     */
    void afterOk(OkPacket ok) {
        status(ok.statusFlags());
        if (ok.sessionStateInfo().length > 0) {
            follow(SessionStateInfo.systemVariables(ok.sessionStateInfo()));
        }
    }

    private void follow(java.util.Map<String, String> vars) {
        String cs = vars.get("character_set_client");
        if (cs != null && !cs.equalsIgnoreCase(charset.charsetName())) {
            try {
                charset = MySqlCharset.forName(cs);
                contexts();
            } catch (io.sluice.core.error.UsageException unknown) {
                // a charset this driver cannot encode: keep the last one (ASCII still round-trips)
            }
        }
        String tz = vars.get("time_zone");
        if (tz != null) {
            ZoneId z = SessionInit.zoneOf(tz, systemZone);
            if (z != null && !z.equals(zone)) {
                zone(z);
            }
        }
    }

    // ------------------------------------------------------------------ accessors

    public ConnectionInfo info() {
        return info;
    }

    public State state() {
        return state;
    }

    public MySqlConfig config() {
        return cfg;
    }

    public ZoneId zone() {
        return zone;
    }

    public MySqlCharset charset() {
        return charset;
    }

    /**
     * The charset of column names in column definitions: character_set_results, which the handshake
     * collation (or SET NAMES) made the connection charset. Decoding them as UTF-8 garbled non-ASCII
     * names and aliases on gbk/latin1/... connections.
     */
    java.nio.charset.Charset metadataCharset() {
        return charset.javaCharset();
    }

    long capabilities() {
        return capabilities;
    }

    boolean deprecateEof() {
        return Capability.DEPRECATE_EOF.in(capabilities);
    }

    /** MariaDB STMT_BULK_OPERATIONS negotiated: COM_STMT_BULK_EXECUTE may be sent. */
    boolean bulkOperations() {
        return MariaDbCapability.STMT_BULK_OPERATIONS.in(mariaDbCapabilities);
    }

    /** MariaDB CACHE_METADATA negotiated: binary result headers say whether definitions follow. */
    boolean cachesMetadata() {
        return MariaDbCapability.CACHE_METADATA.in(mariaDbCapabilities);
    }

    DecodeContext decodeContext() {
        return decodeContext;
    }

    public EncodeContext encodeContext() {
        return encodeContext;
    }

    public int statusFlags() {
        return status;
    }

    void status(int s) {
        status = s;
        if (ServerStatus.SESSION_STATE_CHANGED.in(s)) {
            stateChanged = true;
        }
    }

    boolean tracksSessionState() {
        return Capability.SESSION_TRACK.in(capabilities);
    }

    void clearSessionStateChanged() {
        stateChanged = false;
    }

    /**
     * True when session state changed since connect or the last reset. Without session tracking
     * (old servers) the answer is always true: a pool must then reset on every return to be safe.
     */
    public boolean sessionStateChanged() {
        return stateChanged || !tracksSessionState();
    }

    public boolean inTransaction() {
        return ServerStatus.IN_TRANS.in(status);
    }

    public boolean autocommit() {
        return ServerStatus.AUTOCOMMIT.in(status);
    }

    /** True when the server runs with sql_mode NO_BACKSLASH_ESCAPES (tracked from status flags). */
    public boolean noBackslashEscapes() {
        return ServerStatus.NO_BACKSLASH_ESCAPES.in(status);
    }

    public int cachedStatements() {
        return statements.cached();
    }

    // ------------------------------------------------------------------ who talks when

    /** Calls holding a turn or waiting for one: commands sent whose answers are still to be read (a snapshot). */
    public long callsInFlight() {
        return pipeline.inFlight();
    }

    /**
     * Takes the connection alone: the write permit (interruptibly, nothing is sent yet), then the
     * turn after every answer in flight. End with {@link #leaveExclusive}.
     */
    public void enterExclusive() {
        acquireWrite();
        awaitOwnTurn();
    }

    /**
     * Like {@link #enterExclusive} within {@code millis}; false when that did not happen. A caller that
     * gets false while other calls are in flight must {@link #abort} (its abandoned turn blocks them).
     */
    public boolean tryEnterExclusive(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        if (!pipeline.tryAcquireWrite(millis)) {
            return false;
        }
        boolean ok;
        try {
            ok = pipeline.awaitTurn(pipeline.issue(), Math.max(1, deadline - System.nanoTime()));
        } catch (RuntimeException broken) {
            ok = false;
        }
        if (!ok) {
            pipeline.releaseWrite();
        }
        return ok;
    }

    /** Ends {@link #enterExclusive}: drains a result left unread, then lets the next caller write and read. */
    public void leaveExclusive() {
        try {
            ResultCursor a = active;
            if (a != null && !a.done() && state == State.READY) {
                active = null;
                a.drain();
            }
        } catch (RuntimeException ignored) {
            // a late error of an abandoned result belongs to nobody; a broken stream broke the pipeline
        } finally {
            pipeline.finishTurn();
            pipeline.releaseWrite();
        }
    }

    /**
     * Executes {@code sql}'s prepared statement with {@code values} and returns once it is the
     * caller's turn to read, with the first result header read (an ERR is thrown here). A cached
     * statement that {@link PreparedInfo#pipelinable() may be pipelined} is written at once, behind
     * the answers still in flight; anything else (a statement to prepare first, closes to send)
     * takes the connection alone. Read the cursor, then call {@link #endTurn}; when this throws,
     * nothing is held.
     */
    public ResultCursor executeInTurn(String sql, Object[] params) {
        Object[] values = params == null ? NO_VALUES : params;
        acquireWrite();
        PreparedInfo p = cursorOpen() ? null : statements.pipelinable(sql, values);
        if (p == null) {
            return executeAlone(sql, values);
        }
        ByteWriter w;
        try {
            w = ch.command(64 + values.length * 16);
            // may throw UsageException: nothing sent yet
            StmtExecute.encode(w, p.statementId(), values, encodeContext, paramScratch);
        } catch (RuntimeException e) {
            pipeline.releaseWrite();
            throw e;
        }
        try {
            return sendInTurn(w, p);
        } catch (ServerException e) {
            if (!Statements.serverForgot(e)) {
                throw e;
            }
            // prepared afresh, with the connection alone (the retry of Statements.execute)
            acquireWrite();
            statements.forget(p);
            return executeAlone(sql, values);
        }
    }

    /**
     * SQL text (COM_QUERY) like {@link #executeInTurn}: pipelined when it starts with one of the
     * {@link PreparedInfo#pipelinable() pipelinable} keywords and multi-statements are off (so no
     * later statement of the text can ask for a local file); otherwise alone, refusing LOAD DATA
     * LOCAL requests as {@link #query} does.
     */
    public ResultCursor queryInTurn(String sql) {
        acquireWrite();
        if (cfg.multiStatements() || cursorOpen() || statements.closesPending() || !PreparedInfo.pipelinable(sql)) {
            return alone(() -> query(sql, null));
        }
        ByteWriter w;
        try {
            w = ch.command(sql.length() + 1);
            Commands.query(w, charset.encode(sql)); // may throw (unmappable character): nothing sent yet
        } catch (RuntimeException e) {
            pipeline.releaseWrite();
            throw e;
        }
        return sendInTurn(w, null);
    }

    /**
     * With the write permit held and a command encoded in {@code w}: sends it behind the answers in
     * flight, lets the next writer in, and returns, once this caller's turn to read has come, a
     * cursor over the answer with its first header read. On a failure the turn is passed on.
     */
    private ResultCursor sendInTurn(ByteWriter w, PreparedInfo p) {
        long ticket;
        int packets;
        try {
            try {
                packets = ch.writeCommand(w);
                ch.flush();
            } catch (RuntimeException e) {
                throw onError(e);
            }
            ticket = pipeline.issue();
        } finally {
            pipeline.releaseWrite();
        }
        pipeline.awaitTurn(ticket); // throws once broken: the answer went with the stream
        ch.expectResponse(packets);
        ResultCursor c = new ResultCursor(this, ch, p, null, true);
        try {
            c.peekFirst();
            return c;
        } catch (RuntimeException e) {
            endTurn(c);
            throw e;
        }
    }

    /** A cursor of an earlier command that runs alone has not been read to its end. */
    private boolean cursorOpen() {
        return active != null && !active.done();
    }

    /**
     * For a pipelined reader that must answer its own command (a LOAD DATA LOCAL request): takes the
     * write permit, without waiting (a caller that holds it may be waiting for this very turn), and
     * only when nothing was sent behind that command. True: write, then {@link #releaseWriteAlone}.
     */
    boolean tryWriteAlone() {
        if (!pipeline.tryAcquireWrite(0)) {
            return false;
        }
        if (pipeline.inFlight() == 1) {
            return true;
        }
        pipeline.releaseWrite();
        return false;
    }

    void releaseWriteAlone() {
        pipeline.releaseWrite();
    }

    /** Ends the turn of a cursor from {@link #executeInTurn}, draining what its reader left. */
    public void endTurn(ResultCursor c) {
        if (!c.pipelined()) {
            leaveExclusive();
            return;
        }
        try {
            if (!c.done() && state == State.READY) {
                c.drain();
            }
        } catch (RuntimeException ignored) {
            // a late error belongs to nobody; a broken stream broke the pipeline
        } finally {
            pipeline.finishTurn();
        }
    }

    /** {@link #execute(String, Object[], InputStream)} alone, for a caller already holding the write permit. */
    private ResultCursor executeAlone(String sql, Object[] values) {
        return alone(() -> execute(sql, values, null));
    }

    /**
     * Runs {@code command} with the connection alone, for a caller already holding the write permit;
     * returns its cursor with the first header read. On a failure the connection is let go.
     */
    private ResultCursor alone(java.util.function.Supplier<ResultCursor> command) {
        awaitOwnTurn();
        try {
            ResultCursor c = command.get();
            c.peekFirst();
            return c;
        } catch (RuntimeException e) {
            leaveExclusive();
            throw e;
        }
    }

    private void acquireWrite() {
        ensureUsable();
        try {
            pipeline.acquireWriteInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("interrupted while waiting for the connection");
        } catch (ConnectionClosedException e) {
            ensureUsable(); // the session's own words (closed, or broken and why)
            throw e;
        }
    }

    /** With the write permit held: waits for the answers in flight to be read. */
    private void awaitOwnTurn() {
        try {
            pipeline.awaitTurn(pipeline.issue());
        } catch (RuntimeException e) {
            pipeline.releaseWrite();
            ensureUsable();
            throw e;
        }
    }

    // ------------------------------------------------------------------ commands

    /** COM_QUERY: the text protocol. {@code localInfile} answers a LOAD DATA LOCAL request, else it is refused. */
    public ResultCursor query(String sql, InputStream localInfile) {
        begin();
        try {
            ByteWriter w = ch.command(sql.length() + 1);
            Commands.query(w, charset.encode(sql));
            send(w);
            return open(new ResultCursor(this, ch, null, localInfile));
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    /** Prepares (or takes from the cache) and executes with bound values: the binary protocol. */
    public ResultCursor execute(String sql, Object[] params, InputStream localInfile) {
        begin();
        return statements.execute(sql, params, localInfile);
    }

    /**
     * Runs {@code sql} once per parameter row without a round trip per row (see {@link BatchRunner}).
     * Returns the total affected rows; {@code progress} gets the rows done after each batch.
     */
    public long executeBatch(String sql, java.util.List<? extends java.util.List<?>> rows,
                             java.util.function.LongConsumer progress) {
        begin();
        try {
            return BatchRunner.run(this, sql, rows, progress);
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    /** The server's max_allowed_packet, asked once per connection. */
    long serverMaxPacket() {
        if (serverMaxPacket == 0) {
            ResultCursor c = query("select @@max_allowed_packet", null);
            ResultCursor.Header h = c.nextResult();
            Object[] r = h != null && h.hasRows() ? c.nextRow() : null;
            c.drain();
            serverMaxPacket = r == null || r[0] == null ? 4L << 20 : ((Number) r[0]).longValue();
        }
        return serverMaxPacket;
    }

    /** The cached prepared statement for {@code sql}, preparing it if needed. */
    PreparedInfo preparedFor(String sql) {
        begin();
        return statements.forSql(sql);
    }

    /** Sends a command built in {@code w} (header reserved, see {@link PacketChannel#newPayload}); a cursor over its answer. */
    ResultCursor command(ByteWriter w) {
        begin();
        try {
            send(w);
            return open(new ResultCursor(this, ch, null, null));
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    /** Queues one COM_STMT_EXECUTE without flushing (pipelining). */
    void writeExecute(PreparedInfo p, Object[] values) {
        ByteWriter w = ch.command(64 + values.length * 16);
        StmtExecute.encode(w, p.statementId(), values, encodeContext, paramScratch);
        ch.resetSequence();
        ch.write(w);
    }

    void flushWrites() {
        ch.flush();
    }

    /** A cursor over the next pipelined response to an execution of {@code p}. */
    ResultCursor cursorForPipelined(PreparedInfo p) {
        ch.expectResponse();
        return open(new ResultCursor(this, ch, p, null));
    }

    /** COM_STMT_PREPARE for a caller-owned statement (not cached). */
    public PreparedInfo prepare(String sql) {
        begin();
        return statements.prepare(sql);
    }

    /** COM_STMT_EXECUTE of a statement prepared on this session. */
    public ResultCursor execute(PreparedInfo p, Object[] params, InputStream localInfile) {
        begin();
        return executePrepared(p, params, localInfile);
    }

    ResultCursor executePrepared(PreparedInfo p, Object[] params, InputStream localInfile) {
        Object[] values = params == null ? NO_VALUES : params;
        if (values.length != p.parameterCount()) {
            throw new UsageException("statement has " + p.parameterCount() + " parameter(s) but " + values.length
                    + " value(s) were given: " + abbreviate(p.sql()));
        }
        ByteWriter w = ch.command(64 + values.length * 16);
        // may throw UsageException: nothing sent yet
        StmtExecute.encode(w, p.statementId(), values, encodeContext, paramScratch);
        try {
            send(w);
            return open(new ResultCursor(this, ch, p, localInfile));
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    /** COM_STMT_CLOSE (no response). */
    public void closeStatement(PreparedInfo p) {
        begin();
        statements.close(p);
    }

    /** COM_STMT_RESET: discards long data and cursors of the statement. */
    public void resetStatement(PreparedInfo p) {
        simpleCommand(w -> Commands.stmtReset(w, p.statementId()));
    }

    public void ping() {
        simpleCommand(w -> Commands.simple(w, Command.PING));
    }

    public void initDb(String database) {
        simpleCommand(w -> Commands.initDb(w, database));
        info = new ConnectionInfo(info.serverVersion(), info.mariaDb(), info.connectionId(), info.user(), database,
                info.tlsProtocol(), info.authPlugin());
    }

    /**
     * COM_RESET_CONNECTION: rolls back, drops temporary tables, user variables and prepared statements,
     * and restores session variables to the server defaults; then re-applies this connection's
     * configured settings (charset, autocommit, time zone, session variables, init SQL).
     */
    public void resetConnection() {
        simpleCommand(w -> Commands.simple(w, Command.RESET_CONNECTION));
        if (charset != handshakeCharset) {
            charset = handshakeCharset; // the reset undid a caller's SET NAMES; SessionInit re-applies ours
            contexts();
        }
        statements.forgetAll();
        if (cfg.database() != null && !cfg.database().isEmpty()) {
            initDb(cfg.database()); // the reset keeps the current schema; a USE elsewhere must not leak
        }
        try {
            SessionInit.apply(this, cfg, Deadline.after(cfg.connectTimeout()));
        } catch (RuntimeException e) {
            throw onError(e);
        } finally {
            transport.setReadTimeout(cfg.readTimeout());
        }
    }

    private void simpleCommand(java.util.function.Consumer<ByteWriter> encoder) {
        begin();
        try {
            ByteWriter w = ch.command(16);
            encoder.accept(w);
            send(w);
            byte[] p = readPacket();
            if (ErrPacket.isErr(p)) {
                throw ErrorMapper.map(ErrPacket.decode(p));
            }
            if (p.length == 0 || p[0] != 0) {
                throw new ProtocolException("expected OK packet, got 0x" + (p.length == 0 ? "" : Integer.toHexString(p[0] & 0xff)));
            }
            afterOk(OkPacket.decode(p, capabilities));
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    // ------------------------------------------------------------------ plumbing

    void begin() {
        ensureUsable();
        if (active != null) {
            ResultCursor a = active;
            active = null;
            if (!a.done()) {
                try {
                    a.drain();
                } catch (ServerException ignored) {
                    // the previous command's late error belongs to a caller who abandoned it
                }
            }
        }
        flushPendingCloses();
    }

    private ResultCursor open(ResultCursor c) {
        active = c;
        return c;
    }

    private void flushPendingCloses() {
        try {
            statements.writeCloses();
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    void send(ByteWriter w) {
        ch.resetSequence();
        ch.write(w);
        ch.flush();
    }

    /** Reads a packet for the current command; any failure that breaks framing marks the session broken. */
    byte[] readPacket() {
        try {
            return ch.read();
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    void sendPacket(ByteWriter w) {
        try {
            ch.write(w);
            ch.flush();
        } catch (RuntimeException e) {
            throw onError(e);
        }
    }

    /** Classifies a failure: anything that leaves the byte stream in doubt breaks the session. */
    RuntimeException onError(RuntimeException e) {
        if (e instanceof SluiceException se && !se.isConnectionBroken()) {
            return e;
        }
        RuntimeException out = e instanceof SluiceException ? e
                : new ProtocolException("internal error while reading a server response: " + e, e);
        markBroken(out.getMessage());
        return out;
    }

    private void markBroken(String why) {
        if (state == State.READY) {
            state = State.BROKEN;
            brokenReason = why;
            LOG.log(System.Logger.Level.DEBUG, "connection {0} broken: {1}", info == null ? "?" : info.connectionId(), why);
        }
        active = null;
        pipeline.breakAll(why);
        transport.close();
    }

    private void ensureUsable() {
        if (state != State.READY) {
            throw new ConnectionClosedException("connection is " + state.name().toLowerCase()
                    + (brokenReason != null ? " (" + brokenReason + ")" : "") + " and cannot be used", null);
        }
    }

    /** Hard stop from any thread: closes the socket so a blocked read fails at once. */
    public void abort(String reason) {
        if (state == State.READY) {
            state = State.BROKEN;
            brokenReason = reason;
        }
        pipeline.breakAll(reason);
        transport.abortFor(reason);
    }

    /** COM_QUIT then close; a broken session just closes its socket. */
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.READY) {
            try {
                ch.resetSequence();
                ByteWriter w = ch.command(1);
                Commands.simple(w, Command.QUIT);
                ch.write(w);
                ch.flush();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        state = State.CLOSED;
        pipeline.breakAll("closed");
        transport.close();
    }

    static String abbreviate(String sql) {
        return sql.length() <= 200 ? sql : sql.substring(0, 200) + "...";
    }
}
