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
     * Caches {@code p} unless a statement for the same SQL is already cached, and returns the one to
     * use. Pipelined callers that miss together each prepare their own copy; replacing (and closing)
     * the first would pull it from under callers about to Bind it, so the first stays and the late
     * copy, already prepared and used by nobody else, is closed instead.
     */
    Prepared putIfAbsent(Prepared p) {
        lock.lock();
        try {
            Prepared existing = map.get(p.sql());
            if (existing != null) {
                if (!existing.name().equals(p.name())) {
                    toClose.add(p.name());
                }
                return existing;
            }
            map.put(p.sql(), p);
            return p;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Drops the cached statement for {@code sql} only if it is still {@code name}: a caller whose
     * statement failed must not evict a newer one that other callers are using.
     */
    void remove(String sql, String name) {
        lock.lock();
        try {
            Prepared p = map.get(sql);
            if (p != null && p.name().equals(name)) {
                map.remove(sql);
                toClose.add(p.name());
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
