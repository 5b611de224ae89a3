package io.sluice.core.engine;

import io.sluice.core.sql.SqlText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parsed SQL text by string, LRU-bounded: parsing {@code :name} parameters once per distinct
 * statement keeps it off the hot path. A short lock (never held across I/O) guards the map.
 */
final class SqlCache {
    private final int capacity;
    private final io.sluice.core.sql.Syntax syntax;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, SqlText> map;

    SqlCache(int capacity, io.sluice.core.sql.Syntax syntax) {
        this.capacity = capacity;
        this.syntax = syntax;
        this.map = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SqlText> eldest) {
                return size() > SqlCache.this.capacity;
            }
        };
    }

    SqlText get(String sql) {
        if (capacity == 0) {
            return SqlText.of(sql, syntax);
        }
        lock.lock();
        try {
            SqlText t = map.get(sql);
            if (t != null) {
                return t;
            }
        } finally {
            lock.unlock();
        }
        SqlText parsed = SqlText.of(sql, syntax); // parse outside the lock
        lock.lock();
        try {
            map.put(sql, parsed);
        } finally {
            lock.unlock();
        }
        return parsed;
    }
}
