package io.sluice.mysql.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.result.Column;
import io.sluice.core.result.ColumnIndex;
import io.sluice.core.wire.ByteReader;
import io.sluice.core.wire.ByteWriter;
import io.sluice.mysql.wire.ColumnDefinition;
import io.sluice.mysql.wire.DecodeContext;
import io.sluice.mysql.wire.EofPacket;
import io.sluice.mysql.wire.ErrPacket;
import io.sluice.mysql.wire.ErrorMapper;
import io.sluice.mysql.wire.Lenenc;
import io.sluice.mysql.wire.OkPacket;
import io.sluice.mysql.wire.RowDecoder;
import io.sluice.mysql.wire.ServerStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the response to COM_QUERY or COM_STMT_EXECUTE one piece at a time (protocol docs:
 * "Text Resultset", "Binary Protocol Resultset", "LOCAL INFILE Request"), so that the same code
 * serves buffered results and unbuffered streaming with bounded memory.
 *
 * <p>States: HEADER (expecting a result header) -> ROWS (row packets until the terminator) ->
 * HEADER again while the server flags MORE_RESULTS_EXISTS -> DONE. An ERR packet in any state ends
 * the command on the server side, so the connection stays usable; the mapped error is thrown.
 */
public final class ResultCursor {
    private static final int MAX_COLUMNS = 65_535;

    enum State { HEADER, ROWS, DONE }

    /** One result's header: columns for a row set, or the counts of an update. */
    public record Header(ColumnIndex columns, long affectedRows, long lastInsertId, int warnings, String info) {
        public boolean hasRows() {
            return columns != null;
        }
    }

    private final MySqlSession session;
    private final PacketChannel ch;
    private final boolean binary;
    private final InputStream localInfile;
    /** The executed statement, whose cached result shape the first result may reuse; null for COM_QUERY. */
    private final PreparedInfo prepared;
    private boolean firstResult = true;
    private State state = State.HEADER;
    private RowDecoder decoder;
    private int lastWarnings;
    private String refusedInfile;

    /** Commands may be queued behind this one on the wire: nothing may be sent while reading it. */
    private final boolean pipelined;

    ResultCursor(MySqlSession session, PacketChannel ch, PreparedInfo prepared, InputStream localInfile) {
        this(session, ch, prepared, localInfile, false);
    }

    ResultCursor(MySqlSession session, PacketChannel ch, PreparedInfo prepared, InputStream localInfile,
                 boolean pipelined) {
        this.pipelined = pipelined;
        this.session = session;
        this.ch = ch;
        this.binary = prepared != null;
        this.prepared = prepared;
        this.localInfile = localInfile;
    }

    /** True for the answer to a pipelined execution ({@link MySqlSession#executeInTurn}). */
    boolean pipelined() {
        return pipelined;
    }

    public boolean done() {
        return state == State.DONE;
    }

    /** Warnings reported by the terminator of the last row set. */
    public int lastWarnings() {
        return lastWarnings;
    }

    private Header pending;

    /** Reads the first header now (so an immediate ERR surfaces before the cursor is handed out). */
    void peekFirst() {
        if (pending == null && state == State.HEADER) {
            pending = nextResult();
        }
    }

    /** The next result's header, or null when the command has no more results. Skips unread rows. */
    public Header nextResult() {
        if (pending != null) {
            Header h = pending;
            pending = null;
            return h;
        }
        try {
            return readHeader();
        } catch (RuntimeException e) {
            throw session.onError(e);
        }
    }

    private Header readHeader() {
        while (state == State.ROWS) {
            nextRow();
        }
        if (state == State.DONE) {
            return null;
        }
        // the header is parsed straight from the channel's reused buffer (valid until the next read)
        byte[] p = ch.readReused();
        int len = ch.lastLength();
        int tag = len == 0 ? -1 : p[0] & 0xff;
        if (tag == 0x00) {
            OkPacket ok = OkPacket.decode(p, len, session.capabilities());
            session.afterOk(ok); // status, and the variables a SET changed
            finishUnlessMore(ok.statusFlags());
            return new Header(null, ok.affectedRows(), ok.lastInsertId(), ok.warnings(), ok.info());
        }
        if (tag == 0xff) {
            throw fail(Arrays.copyOf(p, len));
        }
        if (tag == 0xfb) {
            return localInfile(Arrays.copyOf(p, len));
        }
        ByteReader r = new ByteReader(p, 0, len);
        long count = Lenenc.readInt(r);
        // MariaDB CACHE_METADATA (mariadb.com/kb/en/result-set-packets/#column-count-packet): the
        // column count is followed by "metadata follows" (0 = definitions omitted). The server sends
        // the byte on text results too; it can only be 0 for a prepared statement's result.
        boolean metadataFollows = true;
        if (session.cachesMetadata()) {
            if (!r.hasRemaining()) {
                finish();
                throw new ProtocolException("column count packet lacks the metadata-follows byte");
            }
            metadataFollows = r.u8() != 0;
        }
        if (count < 1 || count > MAX_COLUMNS || r.hasRemaining()) {
            finish();
            throw new ProtocolException("bad result set header (column count " + count + ")");
        }
        // only the first result of an execution belongs to the statement (a CALL may return more)
        boolean statementShape = prepared != null && firstResult;
        firstResult = false;
        ResultShape cached = statementShape ? prepared.shape() : null;
        ResultShape shape;
        if (metadataFollows) {
            shape = readDefinitions((int) count, cached);
        } else if (cached != null && cached.columnCount() == count) {
            shape = cached;
        } else {
            finish();
            throw new ProtocolException("server omitted the column definitions of a result set the client has not seen"
                    + " (column count " + count + ")");
        }
        shape = shape.in(session.decodeContext());
        if (statementShape && shape != cached) {
            prepared.shape(shape);
        }
        decoder = shape.decoder(binary);
        state = State.ROWS;
        return shape.header();
    }

    /**
     * Reads {@code count} column definition packets; when they are byte-identical to the cached
     * shape's (the usual case for a repeated statement) that shape is reused and nothing is decoded.
     */
    private ResultShape readDefinitions(int count, ResultShape cached) {
        boolean comparable = cached != null && cached.columnCount() == count;
        byte[][] raw = null; // built from the first difference on
        for (int i = 0; i < count; i++) {
            byte[] b = ch.readReused();
            int len = ch.lastLength();
            if (raw == null && comparable && cached.sameAt(i, b, len)) {
                continue;
            }
            if (raw == null) {
                raw = new byte[count][];
                for (int j = 0; j < i; j++) {
                    raw[j] = cached.raw(j);
                }
            }
            raw[i] = Arrays.copyOf(b, len);
        }
        if (!session.deprecateEof()) {
            byte[] eof = read();
            if (!EofPacket.isEof(eof)) {
                throw new ProtocolException("expected EOF after column definitions");
            }
        }
        return raw == null ? cached : ResultShape.decode(raw, session.metadataCharset(), session.decodeContext());
    }

    /** The next row of the current row set, or null at its end. */
    public Object[] nextRow() {
        try {
            return readRow();
        } catch (RuntimeException e) {
            throw session.onError(e);
        }
    }

    private Object[] readRow() {
        if (state != State.ROWS) {
            return null;
        }
        byte[] buf = ch.readReused(); // rows decode into values at once: no packet array per row
        int len = ch.lastLength();
        int tag = len == 0 ? -1 : buf[0] & 0xff;
        if (tag == 0xfe && len < PacketChannel.MAX_CHUNK) {
            // terminator: an OK packet with 0xFE header (DEPRECATE_EOF) or a classic EOF, decoded in place
            int status;
            if (session.deprecateEof()) {
                int sw = OkPacket.statusAndWarnings(buf, len, session.capabilities());
                status = sw & 0xFFFF;
                lastWarnings = sw >>> 16;
            } else {
                EofPacket eof = EofPacket.decode(buf, len);
                status = eof.statusFlags();
                lastWarnings = eof.warnings();
            }
            decoder = null;
            state = State.HEADER;
            afterStatus(status);
            return null;
        }
        if (tag == 0xff) {
            throw fail(Arrays.copyOf(buf, len));
        }
        try {
            return decoder.decode(buf, len);
        } catch (SluiceException e) {
            if (!e.isConnectionBroken()) {
                // a value we refuse to represent (zero date): keep the stream in step, then report
                drainQuietly();
            }
            throw e;
        }
    }

    /** Reads and discards everything left of this command. */
    public void drain() {
        while (state != State.DONE) {
            nextResult();
        }
    }

    private void drainQuietly() {
        while (state != State.DONE) {
            try {
                if (state == State.ROWS) {
                    byte[] p = read();
                    int tag = p.length == 0 ? -1 : p[0] & 0xff;
                    if (tag == 0xfe && p.length < PacketChannel.MAX_CHUNK) {
                        state = State.HEADER;
                        afterStatus(session.deprecateEof() ? OkPacket.decode(p, session.capabilities()).statusFlags()
                                : EofPacket.decode(p).statusFlags());
                    } else if (tag == 0xff) {
                        finish();
                    }
                } else {
                    nextResult();
                }
            } catch (SluiceException e) {
                if (e.isConnectionBroken()) {
                    throw e;
                }
            }
        }
    }

    /** The file name the server asked for when LOAD DATA LOCAL was refused, else null. */
    public String refusedInfile() {
        return refusedInfile;
    }

    private Header localInfile(byte[] p) {
        String file = new String(p, 1, p.length - 1, StandardCharsets.UTF_8);
        if (localInfile == null) {
            // Refuse: a rogue or compromised server could ask for any local file at any time.
            refusedInfile = file;
            if (!pipelined) {
                sendEmpty();
            } else if (session.tryWriteAlone()) {
                // nothing was sent behind this command (and nothing can be now): answer as usual
                try {
                    sendEmpty();
                } finally {
                    session.releaseWriteAlone();
                }
            } else {
                // the server would take the commands queued behind this one for file data
                finish();
                throw new ProtocolException("server asked for local file '" + file + "' in answer to a pipelined statement"
                        + " with others sent behind it");
            }
        } else {
            byte[] chunk = new byte[64 * 1024];
            try {
                int n;
                while ((n = localInfile.read(chunk)) > 0) {
                    ByteWriter w = PacketChannel.newPayload(n);
                    w.bytes(chunk, 0, n);
                    session.sendPacket(w);
                }
            } catch (IOException e) {
                // the stream failed: end the transfer so the server stays in step, then report
                sendEmpty();
                drainQuietly();
                throw new io.sluice.core.error.UsageException("reading the LOAD DATA LOCAL input stream failed: " + e.getMessage());
            }
            sendEmpty();
        }
        return readHeader();
    }

    private void sendEmpty() {
        session.sendPacket(PacketChannel.newPayload(0));
    }

    private byte[] read() {
        return session.readPacket();
    }

    private void afterStatus(int status) {
        session.status(status);
        finishUnlessMore(status);
    }

    private void finishUnlessMore(int status) {
        if (!ServerStatus.MORE_RESULTS_EXISTS.in(status)) {
            finish();
        }
    }

    private void finish() {
        state = State.DONE;
        decoder = null;
    }

    private SluiceException fail(byte[] p) {
        finish();
        return ErrorMapper.map(ErrPacket.decode(p));
    }
}
