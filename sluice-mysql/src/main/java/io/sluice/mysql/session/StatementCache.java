package io.sluice.mysql.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-connection LRU of prepared statements keyed by SQL text. Evicted statements are queued for
 * COM_STMT_CLOSE, which has no response, so the session sends them just before its next command
 * instead of spending a round trip. Used by one session at a time (the session is serialized).
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

    /** Statements to close; the list is handed over and cleared. */
    List<PreparedInfo> takeEvicted() {
        if (evicted.isEmpty()) {
            return List.of();
        }
        List<PreparedInfo> out = new ArrayList<>(evicted);
        evicted.clear();
        return out;
    }

    int size() {
        return map.size();
    }

    /** After COM_RESET_CONNECTION the server has dropped every statement. */
    void clear() {
        map.clear();
        evicted.clear();
    }
}
