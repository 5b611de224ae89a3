package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.DataException;
import io.sluice.core.error.ServerException;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.postgres.session.PgCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many threads sharing ONE pipelined connection: every success must carry its own value (a response
 * handed to the wrong caller shows up as a wrong number), every failure the right error, and the
 * connection must come out idle and usable. Also: a cached prepared statement survives ALTER TABLE
 * of its table (the server's "cached plan must not change result type" makes the driver prepare
 * again, once).
 */
class PgPipelineStressTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;

    @Test
    void eightThreadsTimesFiveHundredMixedStatementsOnOneConnection() throws Exception {
        ConcurrentLinkedQueue<Throwable> problems = new ConcurrentLinkedQueue<>();
        int[] ok = new int[THREADS];
        int[] failed = new int[THREADS];
        try (PgConnection c = Pg.connect()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                // half platform, half virtual threads: both must work
                Thread.Builder b = (t % 2 == 0) ? Thread.ofPlatform() : Thread.ofVirtual();
                threads.add(b.name("stress-" + t).start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < PER_THREAD; i++) {
                            if (runOne(c, id, i)) {
                                ok[id]++;
                            } else {
                                failed[id]++;
                            }
                        }
                    } catch (Throwable e) {
                        problems.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread th : threads) {
                th.join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(th.isAlive(), th.getName() + " still running: a hang");
            }
            if (!problems.isEmpty()) {
                AssertionError e = new AssertionError(problems.size() + " thread(s) saw a wrong result; first: "
                        + problems.peek(), problems.peek());
                problems.stream().skip(1).limit(5).forEach(e::addSuppressed);
                throw e;
            }
            for (int t = 0; t < THREADS; t++) {
                assertEquals(PER_THREAD, ok[t] + failed[t]);
                assertEquals(PER_THREAD / 5 * 2, failed[t], "two in five statements fail");
            }
            assertTrue(c.isUsable());
            assertFalse(c.inTransaction());
            assertEquals(42, c.execute("select $1::int4", 42).rows().get(0).getInt(0));
        }
    }

    /** One statement chosen by {@code i % 5}; true when it succeeded (and was checked), false when it failed as it must. */
    private static boolean runOne(PgConnection c, int t, int i) {
        long v = t * 100_000L + i;
        switch (i % 5) {
            case 0 -> {
                Row r = c.execute("select $1::int8 * 2 + $2::int4 as n", v, t).rows().get(0);
                check(v * 2 + t, r.getLong("n"), t, i);
                return true;
            }
            case 1 -> {
                Row r = c.query("select " + v + "::int8 as n, 'q" + v + "' as s").get(0).rows().get(0);
                check(v, r.getLong("n"), t, i);
                check("q" + v, r.getString("s"), t, i);
                return true;
            }
            case 2 -> {
                DataException e = assertThrows(DataException.class,
                        () -> c.execute("select $1::int8 / $2::int4", v, 0), "t" + t + " i" + i);
                check("22012", e.sqlState(), t, i);
                return false;
            }
            case 3 -> {
                Result r = c.execute("select $1::text || '-' || $2::int8 as s, g from generate_series(1, $3::int4) g",
                        "t" + t, v, i % 7 + 1);
                check(i % 7 + 1, r.rows().size(), t, i);
                check("t" + t + "-" + v, r.rows().get(r.rows().size() - 1).getString("s"), t, i);
                check(i % 7 + 1, r.rows().get(r.rows().size() - 1).getInt("g"), t, i);
                return true;
            }
            default -> {
                DataException e = assertThrows(DataException.class, () -> c.query("select " + v + " / 0"),
                        "t" + t + " i" + i);
                check("22012", e.sqlState(), t, i);
                return false;
            }
        }
    }

    private static void check(Object expected, Object actual, int t, int i) {
        if (!expected.equals(actual)) {
            throw new AssertionError("thread " + t + " statement " + i + ": expected " + expected + " but got " + actual);
        }
    }

    /**
     * Many callers using a statement for the first time at once each prepare it; the cache must keep
     * one and close only statements nobody is about to use (an early version closed the statement a
     * concurrent caller was binding: "prepared statement sluice_N does not exist").
     */
    @Test
    void concurrentFirstUseOfOneStatement() throws Exception {
        for (int round = 0; round < 20; round++) {
            try (PgConnection c = Pg.connect()) {
                List<java.util.concurrent.CompletableFuture<Result>> fs = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    fs.add(c.executeAsync("select $1::int4 + 1", i));
                }
                for (int i = 0; i < fs.size(); i++) {
                    assertEquals(i + 1, fs.get(i).get(30, TimeUnit.SECONDS).rows().get(0).getInt(0), "round " + round);
                }
                assertEquals(1, c.session().cachedStatements());
                assertEquals(64, c.execute("select $1::int4 + 1", 63).rows().get(0).getInt(0));
                // the losers' duplicates were closed on the server, the winner is still there
                assertEquals(1L, c.execute("select count(*) from pg_prepared_statements").rows().get(0).getLong(0) - 1);
            }
        }
    }

    /**
     * With the statement cache off, statements are prepared for one use. Pipelined callers must
     * still each execute their OWN statement: two different statements issued concurrently must
     * never swap (a shared unnamed statement would be re-parsed by one caller between another
     * caller's Parse and Bind).
     */
    @Test
    void cacheOffConcurrentCallersKeepTheirOwnStatements() throws Exception {
        try (PgConnection c = PgConnection.connect(Pg.config().statementCacheSize(0).build())) {
            List<java.util.concurrent.CompletableFuture<Result>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fs.add(i % 2 == 0 ? c.executeAsync("select $1::int4 * 10 as even", i)
                        : c.executeAsync("select $1::text || '!' as odd, 2 as two", "s" + i));
            }
            for (int i = 0; i < fs.size(); i++) {
                Row r = fs.get(i).get(30, TimeUnit.SECONDS).rows().get(0);
                if (i % 2 == 0) {
                    assertEquals(i * 10, r.getInt("even"));
                } else {
                    assertEquals("s" + i + "!", r.getString("odd"));
                }
            }
            // streaming and batches use one-use statements too
            int n = 0;
            try (io.sluice.postgres.session.PgCursor cur = c.stream(10, "select g from generate_series(1, $1::int4) g", 95)) {
                while (cur.hasNext()) {
                    assertEquals(++n, cur.next().getInt(0));
                }
            }
            assertEquals(95, n);
            c.query("create temp table batch_off (x int4)");
            assertEquals(3, c.executeBatch("insert into batch_off values ($1)", List.of(List.of(1), List.of(2), List.of(3)), null));
            assertEquals(6L, c.execute("select sum(x) from batch_off").rows().get(0).getLong(0));
            assertEquals(0, c.session().cachedStatements());
            // statements prepared for one use do not pile up on the server
            assertTrue(c.execute("select count(*) from pg_prepared_statements").rows().get(0).getLong(0) <= 1);
        }
    }

    @Test
    void cachedStatementSurvivesAlterTable() {
        String t = Pg.table("alt");
        try (PgConnection c = Pg.connect(); PgConnection other = Pg.connect()) {
            c.query("create table " + t + " (a int4, b text)");
            try {
                c.execute("insert into " + t + " values ($1, $2)", 1, "x");
                String sql = "select * from " + t + " where a = $1";
                Result r = c.execute(sql, 1);
                assertEquals(2, r.columns().size());
                int cached = c.session().cachedStatements();

                // another session changes the table: the cached statement's result shape is stale
                other.query("alter table " + t + " add column c int4 default 7");
                r = c.execute(sql, 1);
                assertEquals(3, r.columns().size(), "re-prepared with the new column");
                assertEquals(7, r.rows().get(0).getInt("c"));
                assertEquals(cached, c.session().cachedStatements(), "replaced, not leaked");

                // a column type change: the new layout decodes the new type
                other.query("alter table " + t + " alter column a type int8");
                r = c.execute(sql, 1);
                assertEquals(1L, r.rows().get(0).get("a"));
                assertEquals("x", r.rows().get(0).get("b"));

                // and it stays cached: the next run works without another prepare
                assertEquals(1, c.execute(sql, 1).rows().size());
                assertEquals(cached, c.session().cachedStatements());
                assertTrue(c.isUsable());
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void streamedCachedStatementSurvivesAlterTable() {
        String t = Pg.table("altstream");
        try (PgConnection c = Pg.connect(); PgConnection other = Pg.connect()) {
            c.query("create table " + t + " (a int4, b text)");
            try {
                c.query("insert into " + t + " select g, 'r' || g from generate_series(1, 50) g");
                String sql = "select * from " + t + " where a <= $1 order by a";
                assertEquals(50, streamAll(c, sql, 2, r -> { }));
                int cached = c.session().cachedStatements();
                other.query("alter table " + t + " add column c int4 default 7");
                assertEquals(50, streamAll(c, sql, 3, r -> assertEquals(7, r.getInt("c"))), "re-prepared with the new column");
                assertEquals(cached, c.session().cachedStatements(), "replaced, not leaked");
                // inside a transaction block the failed Bind aborts it: the server's error comes through
                other.query("alter table " + t + " add column d text");
                c.query("begin");
                ServerException e = assertThrows(ServerException.class, () -> c.stream(10, sql, 50).close());
                assertEquals("0A000", e.sqlState(), e.getMessage());
                c.query("rollback");
                try (PgCursor cur = c.stream(10, sql, 50)) {
                    assertEquals(4, cur.columns().size());
                }
                assertTrue(c.isUsable());
            } finally {
                c.query("rollback");
                c.query("drop table " + t);
            }
        }
    }

    /** Streams {@code sql} (with 50 for $1) 10 rows a fetch, checks the column count, returns the rows seen. */
    private static int streamAll(PgConnection c, String sql, int columns, java.util.function.Consumer<Row> each) {
        try (PgCursor cur = c.stream(10, sql, 50)) {
            assertEquals(columns, cur.columns().size());
            int n = 0;
            while (cur.hasNext()) {
                each.accept(cur.next());
                n++;
            }
            return n;
        }
    }

    /**
     * Inside a transaction block the failed Bind has aborted the transaction, so preparing again
     * cannot help: the caller must get the server's error (not a confusing "transaction is aborted"),
     * and after ROLLBACK the statement works again.
     */
    @Test
    void staleCachedStatementInsideATransactionReportsTheServersError() {
        String t = Pg.table("alttx");
        try (PgConnection c = Pg.connect(); PgConnection other = Pg.connect()) {
            c.query("create table " + t + " (a int4)");
            try {
                c.query("insert into " + t + " values (1)");
                String sql = "select * from " + t + " where a = $1";
                c.execute(sql, 1);
                other.query("alter table " + t + " add column z text");
                c.query("begin");
                ServerException e = assertThrows(ServerException.class, () -> c.execute(sql, 1));
                assertEquals("0A000", e.sqlState(), e.getMessage());
                c.query("rollback");
                assertEquals(2, c.execute(sql, 1).columns().size());
            } finally {
                c.query("rollback");
                c.query("drop table " + t);
            }
        }
    }
}
