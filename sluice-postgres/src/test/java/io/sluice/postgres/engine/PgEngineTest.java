package io.sluice.postgres.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.engine.Connection;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineListener;
import io.sluice.core.engine.ExecuteEvent;
import io.sluice.core.engine.TxOptions;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.PoolTimeoutException;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.TimeoutException;
import io.sluice.core.error.UsageException;
import io.sluice.core.spi.IsolationLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Engine parity on PostgreSQL: pool, reset, transactions, retry, timeouts, bulk, streaming, events. */
class PgEngineTest {
    private static final String ACCOUNTS = PgEngineDb.table("pg_accounts");
    private static Engine engine;

    record Account(int id, String owner, BigDecimal balance) {
    }

    @BeforeAll
    static void setUp() {
        engine = PgEngineDb.engine("poolSize=4&maxOverflow=2");
        engine.execute("create table " + ACCOUNTS + " (id int primary key, owner text unique, balance numeric(12,2))");
    }

    @AfterAll
    static void tearDown() {
        engine.execute("drop table if exists " + ACCOUNTS);
        engine.dispose();
    }

    private static void put(int id, String balance) {
        engine.execute("insert into " + ACCOUNTS + " values (:id, :owner, :bal) on conflict (id) do update set balance = :bal",
                Map.of("id", id, "owner", "o" + id, "bal", new BigDecimal(balance)));
    }

    private static String balance(int id) {
        return ((BigDecimal) engine.execute("select balance from " + ACCOUNTS + " where id = $1", id).scalar()).toPlainString();
    }

    @Test
    void poolNeverExceedsSizePlusOverflowUnderAThousandVirtualThreads() throws Exception {
        String app = "sluice_pool_" + ProcessHandle.current().pid();
        AtomicLong max = new AtomicLong();
        try (Engine e = Engine.create(PgEngineDb.url("poolSize=8&maxOverflow=4&applicationName=" + app));
             var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    max.accumulateAndGet(PgEngineDb.serverConnections(app), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            });
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                fs.add(exec.submit(() -> assertEquals(n, ((Number) e.execute("select $1::int4 + 0 from pg_sleep(0.005)", n)
                        .scalar()).intValue())));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            sampler.interrupt();
            sampler.join();
            assertTrue(max.get() <= 12 && max.get() >= 9, "server saw " + max.get());
            assertEquals(0, e.poolStatus().inUse());
        }
    }

    @Test
    void poolTimeoutAndPrePingAndDetachedHandle() throws Exception {
        try (Engine e = PgEngineDb.engine("poolSize=1&maxOverflow=0&poolTimeout=200ms&prePing=true")) {
            Connection held = e.connect();
            PoolTimeoutException t = assertThrows(PoolTimeoutException.class, e::connect);
            assertTrue(t.getMessage().contains("in use 1"), t.getMessage());
            long pid = held.info().connectionId();
            held.close();
            assertThrows(UsageException.class, () -> held.execute("select 1"));
            PgEngineDb.server().sql("select pg_terminate_backend(" + pid + ")");
            Thread.sleep(100);
            long again = ((Number) e.execute("select pg_backend_pid()").scalar()).longValue();
            assertNotEquals(pid, again, "the dead connection was replaced without an error");
        }
    }

    @Test
    void resetOnReturnUsesTheCheapestStatement() {
        List<String> sqls = new CopyOnWriteArrayList<>();
        try (Engine e = PgEngineDb.engine("poolSize=1&maxOverflow=0")) {
            long pid;
            try (Connection c = e.connect()) {
                pid = c.info().connectionId();
                c.execute("begin");
                c.execute("set search_path = pg_catalog");
                c.execute("set application_name = 'changed'");
            }
            try (Connection c = e.connect()) {
                assertEquals(pid, c.info().connectionId());
                assertFalse(((String) c.execute("show search_path").scalar()).startsWith("pg_catalog"));
                assertEquals("sluice", c.execute("show application_name").scalar());
                c.execute("create temp table t_tmp (i int)");
            }
            try (Connection c = e.connect()) {
                assertThrows(ServerException.class, () -> c.execute("select * from t_tmp"));
            }
            e.addListener(new EngineListener() {
                @Override
                public void beforeExecute(ExecuteEvent ev) {
                    sqls.add(ev.sql());
                }
            });
            e.execute("select 1");
            assertEquals(List.of("select 1"), sqls, "no reset statement runs when nothing changed");
        }
    }

    @Test
    void transactionsSavepointsIsolationReadOnly() {
        put(1, "100.00");
        engine.inTransaction(tx -> tx.execute("update " + ACCOUNTS + " set balance = balance - 10 where id = $1", 1));
        assertEquals("90.00", balance(1));
        assertThrows(IllegalStateException.class, () -> engine.inTransaction(tx -> {
            tx.execute("update " + ACCOUNTS + " set balance = 0 where id = $1", 1);
            throw new IllegalStateException("insufficient funds");
        }));
        assertEquals("90.00", balance(1));
        engine.inTransaction(tx -> {
            tx.execute("update " + ACCOUNTS + " set balance = 50 where id = $1", 1);
            assertThrows(SluiceException.class, () -> tx.inTransaction(sp -> {
                sp.execute("update " + ACCOUNTS + " set balance = 60 where id = $1", 1);
                return sp.execute("select 1/0");
            }));
            return tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = $1", 1);
        });
        assertEquals("51.00", balance(1), "the savepoint rolled back only the inner part, after an error");
        for (IsolationLevel level : IsolationLevel.values()) {
            String seen = engine.inTransaction(TxOptions.defaults().isolation(level),
                    tx -> (String) tx.execute("show transaction_isolation").scalar());
            assertEquals(level.sql().toLowerCase(), seen);
        }
        ServerException ro = assertThrows(ServerException.class, () -> engine.inTransaction(
                TxOptions.defaults().readOnly(true), tx -> tx.execute("update " + ACCOUNTS + " set balance = 0")));
        assertEquals("25006", ro.sqlState());
        List<Account> all = engine.queryAs(Account.class, "select id, owner, balance from " + ACCOUNTS + " where id = any($1)",
                (Object) new Integer[] {1});
        assertEquals("o1", all.get(0).owner());
        IntegrityViolationException dup = assertThrows(IntegrityViolationException.class, () -> engine.execute(
                "insert into " + ACCOUNTS + " values (:id, :owner, 0)", Map.of("id", 99, "owner", "o1")));
        assertEquals(IntegrityViolationException.Kind.UNIQUE, dup.kind());
    }

    @Test
    void retryOnARealDeadlock() throws Exception {
        put(10, "0.00");
        put(11, "0.00");
        AtomicInteger attempts = new AtomicInteger();
        CyclicBarrier both = new CyclicBarrier(2);
        TxOptions retry = TxOptions.defaults().retry(5);
        Thread a = Thread.ofVirtual().start(() -> engine.inTransaction(retry, tx -> {
            int n = attempts.incrementAndGet();
            tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = $1", 10);
            if (n <= 2) {
                await(both);
            }
            return tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = $1", 11);
        }));
        Thread b = Thread.ofVirtual().start(() -> engine.inTransaction(retry, tx -> {
            int n = attempts.incrementAndGet();
            tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = $1", 11);
            if (n <= 2) {
                await(both);
            }
            return tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = $1", 10);
        }));
        a.join(30_000);
        b.join(30_000);
        assertEquals("2.00", balance(10));
        assertEquals("2.00", balance(11));
        assertTrue(attempts.get() >= 3, "a deadlock victim was retried: " + attempts.get());
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the other side may be gone
        }
    }

    @Test
    void statementTimeoutCancelsOnTheServerAndKeepsTheConnection() {
        try (Engine e = PgEngineDb.engine("poolSize=1&statementTimeout=300ms")) {
            long pid = e.info().connectionId();
            long t0 = System.nanoTime();
            TimeoutException t = assertThrows(TimeoutException.class, () -> e.execute("select pg_sleep(10)"));
            assertTrue((System.nanoTime() - t0) < 3_000_000_000L);
            assertFalse(t.isConnectionBroken());
            assertEquals("0", PgEngineDb.server().sqlValue("select count(*) from pg_stat_activity where pid = " + pid
                    + " and state = 'active' and query like 'select pg_sleep%'").trim());
            assertEquals(pid, e.info().connectionId());
        }
    }

    @Test
    void executeManyUsesCopyAndStreamingAndEvents() {
        String t = PgEngineDb.table("pg_bulk");
        engine.execute("create table " + t + " (id int primary key, name text, score float8)");
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                rows.add(Map.of("id", i, "name", "user\t" + i, "score", i / 4.0));
            }
            List<Long> progress = new CopyOnWriteArrayList<>();
            long n = engine.executeMany("insert into " + t + " (id, name, score) values (:id, :name, :score)", rows,
                    progress::add);
            assertEquals(100_000, n);
            assertEquals(100_000L, progress.get(progress.size() - 1));
            assertEquals("user\t77", engine.execute("select name from " + t + " where id = $1", 77).scalar());
            long sum = engine.stream("select id from " + t + " where id >= $1", new Object[] {0},
                    s -> s.mapToLong(r -> r.getInt(0)).sum());
            assertEquals(100_000L * 99_999 / 2, sum);
            // small batches and non-INSERT statements are pipelined
            assertEquals(3, engine.executeMany("update " + t + " set score = :s where id = :id",
                    List.of(Map.of("s", 1.0, "id", 1), Map.of("s", 2.0, "id", 2), Map.of("s", 3.0, "id", 3)), null));
            assertNull(engine.execute("select name from " + t + " where id = -1").oneOrNone());
        } finally {
            engine.execute("drop table " + t);
        }
    }

    /**
     * Rows are bound as COPY consumes them: a bad row deep in the batch must end the COPY (CopyFail)
     * with the binding error, leave the connection usable, and inside a transaction leave nothing.
     */
    @Test
    void executeManyWithABadRowDeepInTheBatchFailsCleanly() {
        String t = PgEngineDb.table("pg_bulk_bad");
        engine.execute("create table " + t + " (id int primary key, name text)");
        try {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                rows.add(i == 40_000 ? List.of(i) : List.of(i, "n" + i));
            }
            io.sluice.core.error.UsageException e = assertThrows(io.sluice.core.error.UsageException.class,
                    () -> engine.inTransaction(tx -> tx.executeMany("insert into " + t + " (id, name) values (?, ?)",
                            rows, null)));
            assertTrue(e.getMessage().contains("1 value(s) were given"), e.getMessage());
            assertEquals(0L, ((Number) engine.execute("select count(*) from " + t).scalar()).longValue());
            assertEquals(2, engine.executeMany("insert into " + t + " (id, name) values (?, ?)",
                    List.of(List.of(1, "a"), List.of(2, "b")), null));
        } finally {
            engine.execute("drop table " + t);
        }
    }

    @Test
    void engineListenerSurvivesAReconnect() throws Exception {
        List<io.sluice.core.spi.Notification> got = new CopyOnWriteArrayList<>();
        try (AutoCloseable l = engine.listen(List.of("sluice_engine_chan"), got::add)) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got.isEmpty() && System.nanoTime() < deadline) {
                engine.execute("select pg_notify('sluice_engine_chan', 'one')");
                Thread.sleep(100);
            }
            assertEquals("one", got.get(0).payload());
            PgEngineDb.server().sql("select pg_terminate_backend(pid) from pg_stat_activity where query like 'LISTEN%'");
            int before = got.size();
            deadline = System.nanoTime() + 10_000_000_000L;
            while (got.stream().noneMatch(n -> n.payload().equals("two")) && System.nanoTime() < deadline) {
                engine.execute("select pg_notify('sluice_engine_chan', 'two')");
                Thread.sleep(100);
            }
            assertTrue(got.size() > before);
            assertEquals("two", got.get(got.size() - 1).payload());
        }
    }

    @Test
    void asyncFaceAndCancelledFuture() throws Exception {
        try (Engine e = PgEngineDb.engine("poolSize=2")) {
            assertEquals(5, ((Number) e.async().execute("select $1::int4", 5).get().scalar()).intValue());
            var f = e.async().execute("select pg_sleep(10)");
            Thread.sleep(300);
            assertTrue(f.cancel(true));
            long deadline = System.nanoTime() + 3_000_000_000L;
            String running;
            do {
                running = PgEngineDb.server().sqlValue("select count(*) from pg_stat_activity where state = 'active' "
                        + "and query = 'select pg_sleep(10)'").trim();
                Thread.sleep(50);
            } while (!running.equals("0") && System.nanoTime() < deadline);
            assertEquals("0", running);
            assertEquals(1, ((Number) e.execute("select 1").scalar()).intValue());
            var stats = e.stats();
            assertTrue(stats.queries() >= 3, stats.toString());
        }
    }
}
