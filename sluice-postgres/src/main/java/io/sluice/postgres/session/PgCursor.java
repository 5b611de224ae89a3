package io.sluice.postgres.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.result.ColumnIndex;
import io.sluice.core.result.Row;
import io.sluice.core.spi.RowCursor;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.Frontend;
import io.sluice.postgres.wire.PgErrorMapper;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Rows of a portal fetched in batches (Execute with a row limit, then PortalSuspended, then
 * Execute again): rows are decoded off the socket one at a time, so memory stays bounded whatever
 * the batch size, and the server waits on TCP flow control when the caller is slower. The portal lives in
 * the implicit transaction until Sync, so the cursor holds the connection's write permit for its
 * whole life (another request's Sync would destroy it). Closing early sends Sync and reads to
 * ReadyForQuery, leaving the connection usable.
 *
 * <p>One Execute is always kept in flight ahead of the rows being consumed: when batch N's
 * PortalSuspended arrives, Execute N+2 goes out, so the server produces the next batch while the
 * caller works through this one instead of idling for a round trip per batch (measured: the
 * ping-pong left both sides idle about half the time). An Execute sent to a portal that has
 * already completed just answers {@code CommandComplete SELECT 0} (protocol 55.2.3: Execute on a
 * completed portal fetches nothing), so the extra one is read and ignored; after an error the
 * server skips it until Sync.
 *
 * <p>The first fetch asks for {@code fetchSize} rows and each later one for twice the one before,
 * up to {@link #MAX_GROWTH} times {@code fetchSize}. Rows are decoded straight off the socket as the
 * caller takes them (no fetch is buffered here), so a larger fetch costs no client memory; it saves
 * the server a portal resumption per batch and, on a real network, keeps a round trip from
 * bounding throughput (1,000 rows consumed in 0.4 ms cannot hide a 1 ms round trip). What grows is
 * the cost of closing early: the rows of the two fetches in flight are read and discarded.
 */
public final class PgCursor implements RowCursor {
    private final PgSession s;
    /** Later fetches grow to at most this many times the first one. */
    static final int MAX_GROWTH = 8;

    private final int fetchSize;
    /** Rows the next Execute asks for. */
    private int nextFetch;
    private RowLayout layout;
    private Row next;
    private boolean portalDone;
    /** Executes sent whose PortalSuspended / CommandComplete has not been read yet. */
    private int executesInFlight;
    private boolean finished;
    private boolean closed;

    private PgCursor(PgSession s, int fetchSize) {
        this.s = s;
        this.fetchSize = fetchSize;
        this.nextFetch = fetchSize;
    }

    /** The row limit for the next Execute, and the one after it doubled (up to the cap). */
    private int takeFetch() {
        int n = nextFetch;
        nextFetch = (int) Math.min((long) n * 2, Math.min((long) fetchSize * MAX_GROWTH, Integer.MAX_VALUE));
        return n;
    }

    static PgCursor open(PgSession s, String sql, Prepared p, List<?> params, int fetchSize) {
        PgCursor c = new PgCursor(s, fetchSize);
        s.pipeline().acquireWrite();
        long ticket;
        try {
            ByteWriter w = new ByteWriter(256);
            s.cache().writePendingCloses(w);
            if (p == null) {
                int[] oids = new int[params.size()];
                Frontend.parse(w, "", sql, oids);
                Extended.bind(s.registry(), w, "", oids, params, new short[] {0});
                Frontend.describePortal(w, "");
            } else {
                Extended.bind(s.registry(), w, p.name(), p.paramOids(), params, p.resultFormats());
                c.layout = p.layout();
            }
            Frontend.execute(w, "", c.takeFetch());
            Frontend.execute(w, "", c.takeFetch()); // the read-ahead one (see the class comment)
            c.executesInFlight = 2;
            Frontend.flush(w);
            s.writeRaw(w);
            s.flush();
            ticket = s.pipeline().issue();
        } catch (RuntimeException e) {
            s.pipeline().releaseWrite();
            throw e;
        }
        try {
            s.pipeline().awaitTurn(ticket);
        } catch (RuntimeException e) {
            s.pipeline().releaseWrite();
            throw e;
        }
        return c;
    }

    @Override
    public ColumnIndex columns() {
        if (layout == null && !finished) {
            hasNext(); // the RowDescription arrives with the first batch in pooler mode
        }
        return layout == null ? new ColumnIndex(List.of()) : layout.columns();
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        try {
            next = advance();
        } catch (RuntimeException e) {
            finish();
            throw s.onError(e);
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
    }

    /** Reads until a row or the end; at the end, syncs and reads to ReadyForQuery. */
    private Row advance() {
        SluiceException error = null;
        while (true) {
            BackendMessage m = s.next();
            switch (m) {
                case io.sluice.postgres.wire.DataRow dr -> {
                    if (layout == null) {
                        throw new ProtocolException("DataRow before RowDescription");
                    }
                    return new Row(layout.columns(), layout.decode(dr));
                }
                case BackendMessage.RowDescription rd -> layout = RowLayout.of(rd.fields(), null, s.registry());
                case BackendMessage.PortalSuspended ps -> {
                    executesInFlight--;
                    if (!closed && !synced) {
                        ByteWriter w = new ByteWriter(32);
                        Frontend.execute(w, "", takeFetch());
                        Frontend.flush(w);
                        s.writeRaw(w);
                        s.flush();
                        executesInFlight++;
                    }
                }
                case BackendMessage.CommandComplete cc -> {
                    executesInFlight--;
                    if (!portalDone) { // a later one is the read-ahead Execute's "SELECT 0"
                        s.changes().observe(cc.tag());
                        portalDone = true;
                    }
                    if (executesInFlight <= 0) {
                        sync();
                    }
                }
                case BackendMessage.EmptyQueryResponse e -> {
                    executesInFlight--;
                    portalDone = true;
                    if (executesInFlight <= 0) {
                        sync();
                    }
                }
                case BackendMessage.ErrorResponse e -> {
                    error = PgErrorMapper.map(e.fields());
                    portalDone = true;
                    executesInFlight = 0; // the server skips everything up to Sync
                    sync();
                }
                case BackendMessage.ReadyForQuery rfq -> {
                    finish();
                    if (error != null) {
                        throw error;
                    }
                    return null;
                }
                case BackendMessage.ParseComplete p -> { }
                case BackendMessage.BindComplete b -> { }
                case BackendMessage.CloseComplete c -> { }
                case BackendMessage.NoData n -> { }
                default -> throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " while streaming");
            }
        }
    }

    private boolean synced;

    private void sync() {
        if (synced) {
            return;
        }
        synced = true;
        ByteWriter w = new ByteWriter(8);
        Frontend.sync(w);
        s.writeRaw(w);
        s.flush();
    }

    private void finish() {
        if (!finished) {
            finished = true;
            s.pipeline().finishTurn();
            s.pipeline().releaseWrite();
        }
    }

    /**
     * Stops early: Sync goes out at once (the server finishes the Executes already queued, then
     * ends the portal), and the rows of those fetches are read and discarded up to ReadyForQuery.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        next = null;
        try {
            if (!finished) {
                sync();
            }
            while (!finished) {
                if (advance() != null) {
                    continue; // discard rows of the fetch in flight
                }
            }
        } catch (SluiceException e) {
            if (e.isConnectionBroken()) {
                throw e;
            }
            // a server error while discarding is of no interest to a caller who stopped reading
        } finally {
            if (!finished) {
                finish();
            }
        }
    }
}
