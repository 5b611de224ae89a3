package io.sluice.postgres.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.Frontend;
import io.sluice.postgres.wire.PgErrorMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * COPY FROM STDIN / TO STDOUT (protocol docs: "COPY Operations"), in whatever format the SQL names
 * (text, CSV, binary): the bytes pass through untouched. COPY IN holds the write permit while it
 * streams, so no other request's messages interleave with its CopyData.
 */
final class Copy {
    private static final int CHUNK = 64 * 1024;

    private Copy() {
    }

    /** What COPY IN sends: appends the next data to the CopyData message being built. */
    interface Source {
        /** Appends about {@code max} bytes (a little more is fine) to {@code w}; returns how many, 0 at the end. */
        int fill(ByteWriter w, int max) throws IOException;
    }

    /** The caller's bytes, read straight into the message buffer. */
    static Source of(InputStream data) {
        return (w, max) -> {
            w.ensure(max);
            int n = data.read(w.array(), w.size(), max);
            if (n <= 0) {
                return 0;
            }
            w.skip(n);
            return n;
        };
    }

    static long in(PgSession s, String sql, InputStream data) {
        return in(s, sql, of(data));
    }

    static long in(PgSession s, String sql, Source data) {
        s.pipeline().acquireWrite();
        boolean writeHeld = true;
        long ticket;
        try {
            ByteWriter w = new ByteWriter(sql.length() + 16);
            s.cache().writePendingCloses(w);
            Frontend.query(w, sql);
            s.writeRaw(w);
            s.flush();
            ticket = s.pipeline().issue();
            s.pipeline().awaitTurn(ticket);
        } catch (RuntimeException e) {
            s.pipeline().releaseWrite();
            throw e;
        }
        try {
            BackendMessage first = firstReply(s);
            if (first instanceof BackendMessage.ErrorResponse err) {
                s.pipeline().releaseWrite();
                writeHeld = false;
                expectReady(s);
                throw PgErrorMapper.map(err.fields());
            }
            if (!(first instanceof BackendMessage.CopyInResponse)) {
                throw new ProtocolException("expected CopyInResponse, got " + first.getClass().getSimpleName());
            }
            // Any failure of the caller's stream (an IOException, or a RuntimeException such as a
            // value copyInRows cannot render) ends the copy with CopyFail: the server then answers
            // with an error and ReadyForQuery and the stream stays in step. Leaving without it would
            // leave the server in COPY IN mode reading our next request as copy data.
            Exception failure = null;
            ByteWriter w = new ByteWriter(CHUNK + 4096);
            while (true) {
                w.reset();
                int at = Frontend.beginCopyData(w); // the data is produced in place: no copy per chunk
                int n;
                try {
                    n = data.fill(w, CHUNK);
                } catch (IOException | RuntimeException e) {
                    failure = e;
                    break;
                }
                if (n <= 0) {
                    break;
                }
                Frontend.endCopyData(w, at);
                s.writeRaw(w);
            }
            w.reset();
            if (failure == null) {
                Frontend.copyDone(w);
            } else {
                Frontend.copyFail(w, "client input failed: " + failure);
            }
            s.writeRaw(w);
            s.flush();
            s.pipeline().releaseWrite();
            writeHeld = false;
            long rows;
            try {
                rows = finish(s);
            } catch (SluiceException e) {
                if (failure == null || e.isConnectionBroken()) {
                    throw e;
                }
                // the server's answer to our CopyFail (57014); the caller's failure is the news
                failure.addSuppressed(e);
                rows = 0;
            }
            if (failure instanceof UsageException ue) {
                throw ue; // e.g. copyInRows met a value it cannot render
            }
            if (failure != null) {
                // wrapped, so that the handlers below do not take the caller's exception for a
                // broken connection: this one is intact
                throw new UsageException("reading the COPY input failed: " + failure.getMessage(), failure);
            }
            return rows;
        } catch (SluiceException e) {
            if (e.isConnectionBroken()) {
                throw s.onError(e);
            }
            throw e;
        } catch (RuntimeException e) {
            throw s.onError(e);
        } finally {
            if (writeHeld) {
                s.pipeline().releaseWrite();
            }
            s.pipeline().finishTurn();
        }
    }

    static long out(PgSession s, String sql, OutputStream out) {
        long ticket = s.send(w -> Frontend.query(w, sql));
        return s.read(ticket, r -> {
            BackendMessage first = firstReply(s);
            if (first instanceof BackendMessage.ErrorResponse err) {
                expectReady(s);
                throw PgErrorMapper.map(err.fields());
            }
            if (!(first instanceof BackendMessage.CopyOutResponse)) {
                throw new ProtocolException("expected CopyOutResponse, got " + first.getClass().getSimpleName());
            }
            IOException failure = null;
            while (true) {
                BackendMessage m = s.next();
                if (m instanceof BackendMessage.CopyData d) {
                    if (failure == null) {
                        try {
                            out.write(d.data());
                        } catch (IOException e) {
                            failure = e; // keep reading: the protocol must reach ReadyForQuery
                        }
                    }
                } else if (m instanceof BackendMessage.CopyDone) {
                    break;
                } else if (m instanceof BackendMessage.ErrorResponse err) {
                    expectReady(s);
                    throw PgErrorMapper.map(err.fields());
                } else {
                    throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " in COPY OUT");
                }
            }
            long rows = finish(s);
            if (failure != null) {
                throw new UsageException("writing the COPY output failed: " + failure.getMessage());
            }
            return rows;
        });
    }

    /**
     * The first reply to the COPY query, past the CloseComplete replies to Close messages that were
     * written in front of it (statements the cache evicted).
     */
    private static BackendMessage firstReply(PgSession s) {
        BackendMessage m = s.next();
        while (m instanceof BackendMessage.CloseComplete) {
            m = s.next();
        }
        return m;
    }

    /** CommandComplete (row count) or ErrorResponse, then ReadyForQuery. */
    private static long finish(PgSession s) {
        long rows = 0;
        SluiceException error = null;
        while (true) {
            BackendMessage m = s.next();
            if (m instanceof BackendMessage.CommandComplete cc) {
                rows = Math.max(0, cc.rows());
            } else if (m instanceof BackendMessage.ErrorResponse err) {
                error = PgErrorMapper.map(err.fields());
            } else if (m instanceof BackendMessage.ReadyForQuery) {
                if (error != null) {
                    throw error;
                }
                return rows;
            } else if (!(m instanceof BackendMessage.CopyData || m instanceof BackendMessage.CopyDone)) {
                throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " after COPY");
            }
        }
    }

    private static void expectReady(PgSession s) {
        while (!(s.next() instanceof BackendMessage.ReadyForQuery)) {
            // skip to the end of the failed request
        }
    }
}
