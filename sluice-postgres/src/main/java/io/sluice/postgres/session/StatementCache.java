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

    void put(Prepared p) {
        lock.lock();
        try {
            Prepared old = map.put(p.sql(), p);
            if (old != null && !old.name().equals(p.name())) {
                toClose.add(old.name());
            }
        } finally {
            lock.unlock();
        }
    }

    void remove(String sql) {
        lock.lock();
        try {
            Prepared p = map.remove(sql);
            if (p != null) {
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
