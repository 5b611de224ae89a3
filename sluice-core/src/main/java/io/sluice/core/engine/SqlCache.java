package io.sluice.core.engine;

import io.sluice.core.sql.SqlText;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parsed SQL text by string, bounded: parsing {@code :name} parameters once per distinct statement
 * keeps it off the hot path. Every statement of every thread looks here, so a hit is one lock-free
 * {@link ConcurrentHashMap} read (a lock here serialized all statements of the engine). Eviction is
 * CLOCK-style (second chance), an approximation of LRU: a hit marks its entry used (a write only when
 * the mark was clear), and when the map is over capacity an evictor clears marks and drops unmarked
 * entries. Only one thread evicts at a time; others carry on, so the map may briefly hold one
 * entry per racing thread above the capacity.
 */
final class SqlCache {
    private final int capacity;
    private final io.sluice.core.sql.Syntax syntax;
    private final ConcurrentHashMap<String, Entry> map = new ConcurrentHashMap<>();
    private final ReentrantLock evicting = new ReentrantLock();

    private static final class Entry {
        final SqlText text;
        volatile boolean used;

        Entry(SqlText text) {
            this.text = text;
        }
    }

    SqlCache(int capacity, io.sluice.core.sql.Syntax syntax) {
        this.capacity = capacity;
        this.syntax = syntax;
    }

    SqlText get(String sql) {
        if (capacity == 0) {
            return SqlText.of(sql, syntax);
        }
        Entry e = map.get(sql);
        if (e != null) {
            if (!e.used) {
                e.used = true;
            }
            return e.text;
        }
        SqlText parsed = SqlText.of(sql, syntax); // parse outside any lock; a racing duplicate is harmless
        Entry prev = map.putIfAbsent(sql, new Entry(parsed));
        if (map.size() > capacity) {
            evict();
        }
        return prev != null ? prev.text : parsed;
    }

    /**
     * Brings the map back to its capacity. A caller that finds another thread evicting leaves it to
     * that thread, which checks the size again after releasing the lock, so an insert made meanwhile
     * is never left over the bound.
     */
    private void evict() {
        while (map.size() > capacity && evicting.tryLock()) {
            try {
                sweep();
            } finally {
                evicting.unlock();
            }
        }
    }

    private void sweep() {
        // second chance for two passes (the first may only clear marks); a third, against entries
        // re-marked meanwhile, drops whatever it meets
        for (int pass = 0; pass < 3 && map.size() > capacity; pass++) {
            Iterator<Map.Entry<String, Entry>> it = map.entrySet().iterator();
            while (it.hasNext() && map.size() > capacity) {
                Entry e = it.next().getValue();
                if (e.used && pass < 2) {
                    e.used = false;
                } else {
                    it.remove();
                }
            }
        }
    }

    /** Entries held (for tests and diagnostics). */
    int size() {
        return map.size();
    }
}
