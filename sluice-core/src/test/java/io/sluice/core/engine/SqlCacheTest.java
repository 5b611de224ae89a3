package io.sluice.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.sql.SqlText;
import io.sluice.core.sql.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine's parsed-SQL cache: lock-free hits, bounded size, second chance for entries in use. */
class SqlCacheTest {
    @Test
    void aHitReturnsTheParsedTextOfTheFirstMiss() {
        SqlCache c = new SqlCache(8, Syntax.MYSQL);
        SqlText a = c.get("select ? from t");
        assertSame(a, c.get("select ? from t"));
        assertEquals(1, a.positionalCount());
    }

    @Test
    void theSizeStaysBoundedAndUsedEntriesOutliveUnusedOnes() {
        SqlCache c = new SqlCache(4, Syntax.MYSQL);
        SqlText hot = c.get("select 0");
        for (int i = 1; i <= 100; i++) {
            c.get("select " + i);
            assertSame(hot, c.get("select 0"), "a statement used between misses keeps its entry");
            assertTrue(c.size() <= 4, "size " + c.size());
        }
    }

    @Test
    void capacityZeroParsesEveryTime() {
        SqlCache c = new SqlCache(0, Syntax.MYSQL);
        assertNotSame(c.get("select 1"), c.get("select 1"));
        assertEquals(0, c.size());
    }

    @Test
    void concurrentCallersAgreeAndTheBoundHolds() throws Exception {
        SqlCache c = new SqlCache(16, Syntax.MYSQL);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 20_000; i++) {
                        String sql = "select ? + " + ((i * 31 + seed) % 40);
                        assertEquals(sql, c.get(sql).sql());
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(c.size() <= 16, "once the callers are done the bound holds: " + c.size());
    }
}
