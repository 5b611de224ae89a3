package io.sluice.postgres.session;

import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.UsageException;
import io.sluice.core.result.Result;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.types.CodecRegistry;
import io.sluice.postgres.types.PgCodec;
import io.sluice.postgres.wire.BindWriter;
import io.sluice.postgres.wire.Frontend;
import io.sluice.postgres.wire.TxStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Extended-query requests (protocol docs: "Extended Query"): statements are prepared once per
 * connection (Parse + Describe, cached with their decoders), then each execution is one pipelined
 * Bind + Execute + Sync. In pooler mode (pgbouncer transaction pooling) every request is a single
 * unnamed Parse + Bind + Describe + Execute + Sync unit, because the server behind the pooler may
 * change between Syncs.
 */
final class Extended {
    private static final String STALE_PLAN = "0A000";   // cached plan must not change result type
    private static final String NO_SUCH_STATEMENT = "26000";
    private static final int BATCH_WINDOW = 512;

    private Extended() {
    }

    static List<Result> execute(PgSession s, String sql, List<?> params) {
        if (s.config().poolerMode()) {
            return unnamed(s, sql, params);
        }
        boolean retried = false;
        while (true) {
            Prepared p = prepared(s, sql);
            try {
                long ticket = s.send(w -> {
                    bind(s.registry(), w, p.name(), p.paramOids(), params, p.resultFormats());
                    Frontend.execute(w, "", 0);
                    Frontend.sync(w);
                });
                return s.read(ticket, r -> r.readResults(p.layout()));
            } catch (ServerException e) {
                if (!prepareAgain(s, sql, p, e, retried)) {
                    throw e;
                }
                retried = true;
            } finally {
                releaseIfUncached(s, p);
            }
        }
    }

    /**
     * The cached statement for {@code sql}, prepared (one round trip) on first use. With the cache
     * off the statement is prepared for one use under its own name and must be given back with
     * {@link #releaseIfUncached} once its Bind is written: it cannot be the unnamed statement, since
     * a pipelined caller's Parse could replace that between this caller's Parse and its Bind (the
     * Bind would then run the other caller's SQL).
     */
    static Prepared prepared(PgSession s, String sql) {
        Prepared p = s.cache().get(sql);
        if (p != null) {
            return p;
        }
        String name = s.cache().nextName();
        long ticket = s.send(w -> {
            Frontend.parse(w, name, sql, new int[0]);
            Frontend.describeStatement(w, name);
            Frontend.sync(w);
        });
        Prepared fresh = s.read(ticket, r -> r.readPrepared(sql, name));
        return s.cache().enabled() ? s.cache().putIfAbsent(fresh) : fresh;
    }

    /**
     * Closes a statement prepared for one use (cache off) once its Bind is written: the Close goes
     * out in front of a later request, so the server has run the Bind first.
     */
    static void releaseIfUncached(PgSession s, Prepared p) {
        if (p != null && !s.cache().enabled()) {
            s.cache().closeLater(p.name());
        }
    }

    private static List<Result> unnamed(PgSession s, String sql, List<?> params) {
        CodecRegistry reg = s.registry();
        int[] oids = new int[params.size()];
        for (int i = 0; i < oids.length; i++) {
            Object v = params.get(i);
            oids[i] = v == null || v instanceof String ? 0 : reg.forValue(v).oid(); // 0: let the server infer
        }
        long ticket = s.send(w -> {
            Frontend.parse(w, "", sql, oids);
            bind(s.registry(), w, "", oids, params, new short[] {0}); // text results: the row types are not known yet
            Frontend.describePortal(w, "");
            Frontend.execute(w, "", 0);
            Frontend.sync(w);
        });
        return s.read(ticket, r -> r.readResults(null));
    }

    private static final short[] NO_FORMATS = new short[0];
    private static final PgCodec[] NO_CODECS = new PgCodec[0];

    /**
     * Writes a Bind for the unnamed portal with values encoded as the server's parameter types ask.
     * Codecs (and so the format codes, which precede the values) are resolved first; the values are
     * then encoded straight into {@code w}. A value that fails to encode leaves a partial message in
     * {@code w}: callers discard the buffer on an exception, as they must for any encoding error.
     */
    static void bind(CodecRegistry reg, ByteWriter w, String statement, int[] paramOids, List<?> params,
                     short[] resultFormats) {
        int n = params.size();
        if (paramOids.length != n) {
            throw new UsageException("statement has " + paramOids.length + " parameter(s) but " + n + " value(s) were given");
        }
        short[] formats = n == 0 ? NO_FORMATS : new short[n];
        PgCodec[] codecs = n == 0 ? NO_CODECS : new PgCodec[n];
        for (int i = 0; i < n; i++) {
            Object v = params.get(i);
            if (v == null || paramOids[i] == 0 && v instanceof String) {
                continue; // NULL, or text the server types itself: format 0, no codec
            }
            int oid = paramOids[i] != 0 ? paramOids[i] : reg.forValue(v).oid(); // untyped: the value's own type
            PgCodec c = reg.forParameter(oid, v);
            codecs[i] = c;
            formats[i] = (short) (c.supportsBinary() ? 1 : 0);
        }
        BindWriter b = Frontend.beginBind(w, "", statement, formats, n);
        for (int i = 0; i < n; i++) {
            Object v = params.get(i);
            if (v == null) {
                b.nullValue();
                continue;
            }
            ByteWriter out = b.beginValue();
            PgCodec c = codecs[i];
            if (c == null) {
                out.string((String) v, StandardCharsets.UTF_8);
            } else if (formats[i] == 1) {
                c.encodeBinary(out, v);
            } else {
                out.string(c.encodeText(v), StandardCharsets.UTF_8);
            }
            b.endValue();
        }
        b.finish(resultFormats == null ? NO_FORMATS : resultFormats);
    }

    /**
     * Every row is its own Bind + Execute + Sync, written in windows without waiting; the responses
     * are read afterwards in order. The first error is thrown once the window is read; rows whose
     * statements succeeded stay applied (wrap the batch in a transaction for all-or-nothing).
     */
    static long batch(PgSession s, String sql, List<? extends List<?>> rows, LongConsumer progress) {
        if (rows.isEmpty()) {
            return 0;
        }
        Prepared p = s.config().poolerMode() ? null : prepared(s, sql);
        try {
            return batchRows(s, sql, p, rows, progress);
        } finally {
            releaseIfUncached(s, p);
        }
    }

    private static long batchRows(PgSession s, String sql, Prepared p, List<? extends List<?>> rows,
                                  LongConsumer progress) {
        long affected = 0;
        int done = 0;
        SluiceException first = null;
        while (done < rows.size()) {
            int end = Math.min(rows.size(), done + BATCH_WINDOW);
            long[] tickets = new long[end - done];
            s.pipeline().acquireWrite();
            try {
                ByteWriter w = new ByteWriter(64 * 1024);
                s.cache().writePendingCloses(w);
                for (int i = done; i < end; i++) {
                    List<?> row = rows.get(i);
                    if (p == null) {
                        int[] oids = new int[row.size()];
                        Frontend.parse(w, "", sql, oids);
                        bind(s.registry(), w, "", oids, row, new short[0]);
                    } else {
                        bind(s.registry(), w, p.name(), p.paramOids(), row, new short[0]);
                    }
                    Frontend.execute(w, "", 0);
                    Frontend.sync(w);
                }
                // written only once the whole window encoded: a bad value then sends nothing at all
                s.writeRaw(w);
                s.flush();
                for (int i = 0; i < tickets.length; i++) {
                    tickets[i] = s.pipeline().issue();
                }
            } finally {
                s.pipeline().releaseWrite();
            }
            for (long t : tickets) {
                try {
                    for (Result r : s.read(t, r -> r.readResults(null))) {
                        affected += r.affectedRows();
                    }
                } catch (ServerException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            done = end;
            progress.accept(done);
            if (first != null) {
                throw first;
            }
        }
        return affected;
    }

    /**
     * Opens a cursor and reads up to its first row, so that the Bind's outcome is known here: a
     * cached statement gone stale (the table changed under it) fails before any row was handed out,
     * and is prepared again once, as in {@link #execute}.
     */
    static PgCursor stream(PgSession s, String sql, List<?> params, int fetchSize) {
        boolean retried = false;
        while (true) {
            Prepared p = s.config().poolerMode() ? null : prepared(s, sql);
            PgCursor c;
            try {
                c = PgCursor.open(s, sql, p, params, fetchSize);
            } finally {
                // the cursor holds the write permit while open, so this Close cannot reach the server
                // before the cursor is done with its portal
                releaseIfUncached(s, p);
            }
            try {
                c.hasNext();
                return c;
            } catch (ServerException e) {
                // the cursor has read to ReadyForQuery: the connection is free and its status current
                if (!prepareAgain(s, sql, p, e, retried)) {
                    throw e;
                }
                retried = true;
            }
        }
    }

    /**
     * After {@code e} from running the cached statement {@code p} (null: none was used): when the
     * server no longer runs it as prepared (its result type changed, or it is gone), drops it from
     * the cache, and says whether to prepare again and retry. Once only, and not in a failed
     * transaction block: the Bind error has aborted it, so a retry could only report "current
     * transaction is aborted" and hide the real cause. (The status is the session's latest; with
     * pipelined callers inside one transaction block that is the best there is.)
     */
    private static boolean prepareAgain(PgSession s, String sql, Prepared p, ServerException e, boolean retried) {
        if (p == null || !(STALE_PLAN.equals(e.sqlState()) || NO_SUCH_STATEMENT.equals(e.sqlState()))) {
            return false;
        }
        s.cache().remove(sql, p.name()); // schema changed under the cached statement
        return !retried && s.txStatus() != TxStatus.FAILED;
    }
}
