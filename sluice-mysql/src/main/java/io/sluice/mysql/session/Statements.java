package io.sluice.mysql.session;

import io.sluice.core.error.ServerException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.mysql.wire.Commands;
import java.io.InputStream;

/**
 * The prepared statements of one session: the per-connection LRU {@link StatementCache}, preparing
 * on a miss (COM_STMT_PREPARE), executing with one re-prepare when the server has forgotten a cached
 * statement, and closing (COM_STMT_CLOSE, which has no response, so closes ride in front of the next
 * command). Used under the session's write permit only; every method but {@link #pipelinable} and
 * {@link #forget} runs in a command that has the connection to itself ({@code begin} done).
 */
final class Statements {
    private static final int ER_UNKNOWN_STMT_HANDLER = 1243;
    private static final int ER_NEED_REPREPARE = 1615;

    private final MySqlSession s;
    private final PacketChannel ch;
    private final StatementCache cache;

    Statements(MySqlSession s, PacketChannel ch, int cacheSize) {
        this.s = s;
        this.ch = ch;
        this.cache = new StatementCache(cacheSize);
    }

    int cached() {
        return cache.size();
    }

    /** After COM_RESET_CONNECTION the server has dropped every statement. */
    void forgetAll() {
        cache.clear();
    }

    /**
     * The cached statement for {@code sql} if an execution with {@code values} may be pipelined
     * (see {@link PreparedInfo#pipelinable()}), else null. Nothing may wait to be closed either:
     * those closes are written by the next exclusive command.
     */
    PreparedInfo pipelinable(String sql, Object[] values) {
        if (cache.closesPending()) {
            return null;
        }
        PreparedInfo p = cache.get(sql);
        return p != null && p.pipelinable() && p.parameterCount() == values.length ? p : null;
    }

    /** True when COM_STMT_CLOSE commands wait to be written (by the next command that runs alone). */
    boolean closesPending() {
        return cache.closesPending();
    }

    /** After a pipelined execution learnt the server no longer knows {@code p}. */
    void forget(PreparedInfo p) {
        cache.remove(p.sql(), p);
    }

    /** Writes (without flushing) the COM_STMT_CLOSE of every statement evicted or used once. */
    void writeCloses() {
        cache.writeCloses(ch);
    }

    /** The cached statement for {@code sql}, or a fresh one (cached; or, with the cache off, closed after this use). */
    PreparedInfo forSql(String sql) {
        PreparedInfo p = cache.get(sql);
        return p != null ? p : adopt(prepare(sql));
    }

    private PreparedInfo adopt(PreparedInfo p) {
        if (cache.enabled()) {
            cache.put(p);
        } else {
            cache.closeLater(p); // closed before the next command, no extra round trip
        }
        return p;
    }

    /** COM_STMT_PREPARE; the statement is not cached. */
    PreparedInfo prepare(String sql) {
        try {
            ByteWriter w = ch.command(sql.length() + 1);
            Commands.stmtPrepare(w, s.charset().encode(sql));
            s.send(w);
            return PrepareReader.read(s, sql);
        } catch (RuntimeException e) {
            throw s.onError(e);
        }
    }

    /** Prepares (or takes from the cache) and executes, with its first result header read. */
    ResultCursor execute(String sql, Object[] params, InputStream localInfile) {
        boolean retried = false;
        while (true) {
            PreparedInfo p = cache.get(sql);
            boolean cached = p != null;
            if (p == null) {
                p = adopt(prepare(sql));
            }
            try {
                ResultCursor c = s.executePrepared(p, params, localInfile);
                c.peekFirst();
                return c;
            } catch (ServerException e) {
                // the server forgot the statement (reset, or schema change): prepare afresh once
                if (cached && !retried && serverForgot(e)) {
                    cache.remove(sql);
                    retried = true;
                    s.begin();
                    continue;
                }
                throw e;
            }
        }
    }

    /** The server forgot the statement (reset, or a schema change): it must be prepared afresh. */
    static boolean serverForgot(ServerException e) {
        return e.vendorCode() == ER_UNKNOWN_STMT_HANDLER || e.vendorCode() == ER_NEED_REPREPARE;
    }

    /** COM_STMT_CLOSE now (no response). */
    void close(PreparedInfo p) {
        cache.closeLater(p);
        try {
            cache.writeCloses(ch);
            ch.flush();
        } catch (RuntimeException e) {
            throw s.onError(e);
        }
    }
}
