package io.sluice.mysql.session;

import io.sluice.core.wire.ByteWriter;
import io.sluice.mysql.wire.Commands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-connection LRU of prepared statements keyed by SQL text. Evicted statements are queued for
 * COM_STMT_CLOSE, which has no response, so the session sends them just before its next command
 * instead of spending a round trip. Used only under the session's write permit, which orders its uses.
 */
final class StatementCache {
    private final int capacity;
    private final LinkedHashMap<String, PreparedInfo> map;
    private final List<PreparedInfo> evicted = new ArrayList<>();

    StatementCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedInfo> eldest) {
                if (size() > StatementCache.this.capacity) {
                    evicted.add(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    boolean enabled() {
        return capacity > 0;
    }

    PreparedInfo get(String sql) {
        return map.get(sql);
    }

    void put(PreparedInfo p) {
        PreparedInfo old = map.put(p.sql(), p);
        if (old != null && old.statementId() != p.statementId()) {
            evicted.add(old);
        }
    }

    /** Forgets a statement (e.g. the server no longer knows it) without closing it. */
    void remove(String sql) {
        map.remove(sql);
    }

    /** Like {@link #remove(String)}, unless the entry has meanwhile been replaced by another statement. */
    void remove(String sql, PreparedInfo p) {
        map.remove(sql, p);
    }

    /** True when COM_STMT_CLOSE commands wait to be written. */
    boolean closesPending() {
        return !evicted.isEmpty();
    }

    /** Queues a statement that is not cached (or no longer wanted) for COM_STMT_CLOSE. */
    void closeLater(PreparedInfo p) {
        evicted.add(p);
    }

    /**
     * Writes (without flushing) a COM_STMT_CLOSE for every statement evicted or queued, each a
     * command of its own with no response, and forgets them.
     */
    void writeCloses(PacketChannel ch) {
        if (evicted.isEmpty()) {
            return;
        }
        for (PreparedInfo p : evicted) {
            ch.resetSequence();
            ByteWriter w = ch.command(5);
            Commands.stmtClose(w, p.statementId());
            ch.write(w);
        }
        evicted.clear();
    }

    int size() {
        return map.size();
    }

    /** After COM_RESET_CONNECTION the server has dropped every statement: nothing is left to close. */
    void clear() {
        map.clear();
        evicted.clear();
    }
}
