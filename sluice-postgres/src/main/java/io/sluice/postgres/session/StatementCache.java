package io.sluice.postgres.session;

import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.wire.Frontend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-connection LRU of prepared statements (asyncpg keeps ~100), each with its decoders. Evicted
 * statements are closed with a Close message sent in front of the next request (no round trip).
 * Guarded by a short lock because pipelined callers share it.
 */
final class StatementCache {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Prepared> map;
    private final List<String> toClose = new ArrayList<>();
    private final AtomicLong names = new AtomicLong();

    StatementCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(32, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
                if (size() > StatementCache.this.capacity) {
                    toClose.add(eldest.getValue().name());
                    return true;
                }
                return false;
            }
        };
    }

    boolean enabled() {
        return capacity > 0;
    }

    String nextName() {
        return "sluice_" + names.incrementAndGet();
    }

    Prepared get(String sql) {
        lock.lock();
        try {
            return map.get(sql);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Caches {@code p} unless a concurrent caller already cached a statement for the same SQL; returns
     * the statement to use. The loser's own statement is closed, never the cached one: another
     * pipelined caller may already hold the cached one and be about to Bind it (replacing it here
     * closed it under that caller: "prepared statement ... does not exist").
     */
    Prepared putIfAbsent(Prepared p) {
        lock.lock();
        try {
            Prepared old = map.get(p.sql());
            if (old != null) {
                if (!old.name().equals(p.name())) {
                    toClose.add(p.name());
                }
                return old;
            }
            map.put(p.sql(), p);
            return p;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the statement {@code name} cached for {@code sql} (it went stale). Only that statement: if a
     * concurrent caller has already replaced it, the fresh one stays.
     */
    void remove(String sql, String name) {
        lock.lock();
        try {
            Prepared p = map.get(sql);
            if (p != null && p.name().equals(name)) {
                map.remove(sql);
                toClose.add(name);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a statement that is not cached (prepared for one use) to be closed. */
    void closeLater(String name) {
        lock.lock();
        try {
            toClose.add(name);
        } finally {
            lock.unlock();
        }
    }

    /** Writes Close messages for evicted statements; called under the write permit. */
    void writePendingCloses(ByteWriter w) {
        lock.lock();
        try {
            for (String name : toClose) {
                Frontend.closeStatement(w, name);
            }
            toClose.clear();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return map.size();
        } finally {
            lock.unlock();
        }
    }

    /** After DISCARD ALL the server has no statements left. */
    void clear() {
        lock.lock();
        try {
            map.clear();
            toClose.clear();
        } finally {
            lock.unlock();
        }
    }
}
