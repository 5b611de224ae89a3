package io.sluice.mysql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.engine.Connection;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.Transaction;
import io.sluice.core.engine.TxOptions;
import io.sluice.core.error.CommitOutcomeUnknownException;
import io.sluice.core.error.DeadlockException;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.spi.IsolationLevel;
import io.sluice.testkit.FaultProxy;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transactions, savepoints, isolation, read-only, retry and commit-outcome-unknown on the real server. */
class TransactionTest {
    private static final String ACCOUNTS = EngineDb.table("accounts");
    private static Engine engine;

    @BeforeAll
    static void setUp() {
        engine = EngineDb.engine("poolSize=4&maxOverflow=2");
        engine.execute("create table " + ACCOUNTS + " (id int primary key, owner varchar(20), balance decimal(12,2)) engine=InnoDB");
    }

    @AfterAll
    static void tearDown() {
        engine.execute("drop table if exists " + ACCOUNTS);
        engine.dispose();
    }

    private static void reset(int id, String balance) {
        engine.execute("replace into " + ACCOUNTS + " values (:id, :owner, :bal)",
                Map.of("id", id, "owner", "o" + id, "bal", new java.math.BigDecimal(balance)));
    }

    private static String balance(int id) {
        return engine.execute("select balance from " + ACCOUNTS + " where id = ?", id).rows().get(0).getBigDecimal(0)
                .toPlainString();
    }

    @Test
    void commitAndRollbackWithLambda() {
        reset(1, "100.00");
        engine.inTransaction(tx -> tx.execute("update " + ACCOUNTS + " set balance = balance - 10 where id = ?", 1));
        assertEquals("90.00", balance(1));
        assertThrows(IllegalStateException.class, () -> engine.inTransaction(tx -> {
            tx.execute("update " + ACCOUNTS + " set balance = 0 where id = ?", 1);
            throw new IllegalStateException("insufficient funds");
        }));
        assertEquals("90.00", balance(1), "rolled back");
    }

    @Test
    void savepointsNestAndRollBackAlone() {
        reset(2, "50.00");
        engine.inTransaction(tx -> {
            tx.execute("update " + ACCOUNTS + " set balance = 60 where id = ?", 2);
            assertThrows(IllegalArgumentException.class, () -> tx.inTransaction(inner -> {
                inner.execute("update " + ACCOUNTS + " set balance = 70 where id = ?", 2);
                throw new IllegalArgumentException("undo the inner part only");
            }));
            assertEquals("60.00", tx.execute("select balance from " + ACCOUNTS + " where id = ?", 2).rows().get(0)
                    .getBigDecimal(0).toPlainString());
            tx.inTransaction(inner -> inner.execute("update " + ACCOUNTS + " set balance = 65 where id = ?", 2));
            return null;
        });
        assertEquals("65.00", balance(2));
        // explicit API: begin / nested begin / rollback / commit
        try (Connection c = engine.connect()) {
            Transaction tx = c.begin();
            c.execute("update " + ACCOUNTS + " set balance = 1 where id = ?", 2);
            Transaction sp = tx.begin();
            assertTrue(sp.isNested());
            c.execute("update " + ACCOUNTS + " set balance = 2 where id = ?", 2);
            sp.rollback();
            tx.commit();
        }
        assertEquals("1.00", balance(2));
    }

    @Test
    void isolationLevelIsSeenOnTheServer() {
        for (IsolationLevel level : IsolationLevel.values()) {
            String seen = engine.inTransaction(TxOptions.defaults().isolation(level), tx -> {
                // the level of the running transaction is only visible through its behaviour in MariaDB;
                // information_schema.innodb_trx shows it for the transaction's own connection
                tx.execute("select count(*) from " + ACCOUNTS + " for update");
                tx.execute("select sleep(0.12)"); // InnoDB refreshes information_schema.innodb_trx at most every 100 ms
                return tx.execute("select trx_isolation_level from information_schema.innodb_trx where trx_mysql_thread_id = connection_id()")
                        .rows().get(0).getString(0);
            });
            assertEquals(level.sql(), seen);
        }
        // the next transaction is back to the server default
        String after = engine.inTransaction(tx -> {
            tx.execute("select count(*) from " + ACCOUNTS + " for update");
            tx.execute("select sleep(0.12)");
            return tx.execute("select trx_isolation_level from information_schema.innodb_trx where trx_mysql_thread_id = connection_id()")
                    .rows().get(0).getString(0);
        });
        assertEquals("REPEATABLE READ", after);
    }

    @Test
    void readOnlyRejectsWrites() {
        reset(3, "5.00");
        ServerException e = assertThrows(ServerException.class, () -> engine.inTransaction(
                TxOptions.defaults().readOnly(true),
                tx -> tx.execute("update " + ACCOUNTS + " set balance = 6 where id = ?", 3)));
        assertEquals(1792, e.vendorCode(), e.getMessage()); // ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION
        assertEquals("5.00", balance(3));
        assertEquals("5.00", engine.inTransaction(TxOptions.defaults().readOnly(true),
                tx -> tx.execute("select balance from " + ACCOUNTS + " where id = ?", 3).rows().get(0).getBigDecimal(0)
                        .toPlainString()));
    }

    @Test
    void retryOnARealDeadlock() throws Exception {
        reset(10, "0.00");
        reset(11, "0.00");
        AtomicInteger attempts = new AtomicInteger();
        CyclicBarrier bothLocked = new CyclicBarrier(2);
        TxOptions retry = TxOptions.defaults().retry(5);
        Runnable a = () -> engine.inTransaction(retry, tx -> {
            int n = attempts.incrementAndGet();
            tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = ?", 10);
            if (n <= 2) {
                await(bothLocked);
            }
            tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = ?", 11);
            return null;
        });
        Runnable b = () -> engine.inTransaction(retry, tx -> {
            int n = attempts.incrementAndGet();
            tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = ?", 11);
            if (n <= 2) {
                await(bothLocked);
            }
            tx.execute("update " + ACCOUNTS + " set balance = balance + 1 where id = ?", 10);
            return null;
        });
        Thread ta = Thread.ofVirtual().start(a);
        Thread tb = Thread.ofVirtual().start(b);
        ta.join(20_000);
        tb.join(20_000);
        assertEquals("2.00", balance(10), "both transactions eventually committed");
        assertEquals("2.00", balance(11));
        assertTrue(attempts.get() >= 3, "one side was retried after the deadlock: " + attempts.get());
        // without retry the deadlock surfaces as a retryable error
        assertTrue(new DeadlockException("x", 1213, "40001").isRetryable());
    }

    private static void await(CyclicBarrier b) {
        try {
            b.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the other side may already be gone (deadlock victim); carry on
        }
    }

    @Test
    void commitOutcomeUnknownWhenTheLinkDiesDuringCommit() {
        reset(20, "1.00");
        try (FaultProxy proxy = FaultProxy.start(EngineDb.server().host(), EngineDb.server().port());
             Engine viaProxy = Engine.create("mysql://" + EngineDb.server().user() + "@127.0.0.1:" + proxy.port() + "/"
                     + EngineDb.server().database() + "?sslMode=disable&poolSize=1&readTimeout=3s")) {
            AtomicInteger attempts = new AtomicInteger();
            CommitOutcomeUnknownException e = assertThrows(CommitOutcomeUnknownException.class,
                    () -> viaProxy.inTransaction(TxOptions.defaults().retry(3), tx -> {
                        attempts.incrementAndGet();
                        tx.execute("update " + ACCOUNTS + " set balance = 2 where id = ?", 20);
                        proxy.truncateServerToClientAfter(0); // the COMMIT's answer never arrives
                        return null;
                    }));
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains("may or may not"), e.getMessage());
            assertEquals(1, attempts.get(), "never retried automatically");
            assertTrue(viaProxy.poolStatus().invalidated() >= 1, "the broken connection was discarded: "
                    + viaProxy.poolStatus());
            proxy.clearFaults();
            assertEquals(1L, viaProxy.execute("select 1").rows().get(0).getLong(0));
        }
    }

    @Test
    void statementTimeoutKillsTheQueryOnTheServer() throws Exception {
        try (Engine e = EngineDb.engine("poolSize=1&statementTimeout=400ms")) {
            long id = e.info().connectionId();
            long t0 = System.nanoTime();
            SluiceException ex = assertThrows(io.sluice.core.error.TimeoutException.class,
                    () -> e.execute("select sleep(10)"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, "took " + ms + " ms");
            assertFalse(ex.isConnectionBroken(), "the connection stays usable");
            String running = EngineDb.server().sqlValue("select count(*) from information_schema.processlist where id = "
                    + id + " and info like 'select sleep%'");
            assertEquals("0", running, "the server no longer runs the statement");
            assertEquals(id, e.info().connectionId(), "same connection reused");
            assertEquals(1L, e.execute("select 1").rows().get(0).getLong(0));
        }
    }

    @Test
    void cancelledFutureKillsTheQuery() throws Exception {
        try (Engine e = EngineDb.engine("poolSize=1")) {
            long id = e.info().connectionId();
            var f = e.async().execute("select sleep(10)");
            Thread.sleep(300);
            assertTrue(f.cancel(true));
            long deadline = System.nanoTime() + 3_000_000_000L;
            String running;
            do {
                running = EngineDb.server().sqlValue("select count(*) from information_schema.processlist where id = "
                        + id + " and info like 'select sleep%'");
                Thread.sleep(50);
            } while (!running.equals("0") && System.nanoTime() < deadline);
            assertEquals("0", running);
            assertEquals(2L, e.execute("select 2").rows().get(0).getLong(0));
        }
    }

    @Test
    void interruptedThreadStopsTheQuery() throws Exception {
        try (Engine e = EngineDb.engine("poolSize=1")) {
            long id = e.info().connectionId();
            CountDownLatch started = new CountDownLatch(1);
            Thread t = Thread.ofVirtual().start(() -> {
                started.countDown();
                try {
                    e.execute("select sleep(10)");
                } catch (SluiceException expected) {
                    // connection closed by the interrupt
                }
            });
            started.await();
            Thread.sleep(300);
            t.interrupt();
            t.join(5000);
            assertFalse(t.isAlive());
            long deadline = System.nanoTime() + 3_000_000_000L;
            String running;
            do {
                running = EngineDb.server().sqlValue("select count(*) from information_schema.processlist where id = "
                        + id + " and info like 'select sleep%'");
                Thread.sleep(50);
            } while (!running.equals("0") && System.nanoTime() < deadline);
            assertEquals("0", running);
            assertEquals(3L, e.execute("select 3").rows().get(0).getLong(0), "pool recovers with a new connection");
        }
    }
}
