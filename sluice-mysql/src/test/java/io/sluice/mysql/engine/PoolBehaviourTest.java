package io.sluice.mysql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.engine.Connection;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineListener;
import io.sluice.core.error.PoolTimeoutException;
import io.sluice.core.error.UsageException;
import io.sluice.core.spi.ConnectionMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pool through the engine against the real MariaDB. */
class PoolBehaviourTest {

    private static long serverConnections(String user) {
        return Long.parseLong(EngineDb.server().sqlValue(
                "select count(*) from information_schema.processlist where user = '" + user + "'"));
    }

    @Test
    void thousandVirtualThreadsNeverExceedPoolPlusOverflow() throws Exception {
        String url = EngineDb.dedicatedUser("sluice_pool12") + "&poolSize=8&maxOverflow=4&poolTimeout=60s";
        AtomicLong maxSeen = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        try (Engine engine = Engine.create(url); var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxSeen.accumulateAndGet(serverConnections("sluice_pool12"), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                fs.add(exec.submit(() -> {
                    long v = engine.execute("select ? + sleep(0.005)", n).rows().get(0).getLong(0);
                    assertEquals(n, v);
                    done.incrementAndGet();
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            sampler.interrupt();
            sampler.join();
            assertEquals(1000, done.get());
            assertTrue(maxSeen.get() <= 12, "server saw " + maxSeen.get() + " connections");
            assertTrue(maxSeen.get() >= 9, "overflow was never used: " + maxSeen.get());
            var status = engine.poolStatus();
            assertEquals(0, status.inUse());
            assertTrue(status.size() <= 8, "overflow connections are closed on return: " + status);
        }
    }

    @Test
    void poolTimeoutStatesTheLimits() {
        try (Engine engine = EngineDb.engine("poolSize=1&maxOverflow=1&poolTimeout=300ms")) {
            Connection a = engine.connect();
            Connection b = engine.connect();
            long t0 = System.nanoTime();
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, engine::connect);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 250 && ms < 3000, "waited " + ms + " ms");
            String m = e.getMessage();
            assertTrue(m.contains("300") && m.contains("in use 2"), m);
            a.close();
            b.close();
            engine.connect().close();
        }
    }

    @Test
    void prePingReplacesAConnectionKilledByTheServer() {
        List<String> invalidated = new CopyOnWriteArrayList<>();
        try (Engine engine = EngineDb.engine("poolSize=1&maxOverflow=0&prePing=true")) {
            engine.addListener(new EngineListener() {
                @Override
                public void onInvalidate(ConnectionMeta c, String reason) {
                    invalidated.add(reason);
                }
            });
            long first = engine.info().connectionId();
            EngineDb.server().sql("KILL " + first);
            // the caller sees no error: the dead idle connection is detected and replaced
            long second = engine.execute("select connection_id()").rows().get(0).getLong(0);
            assertNotEquals(first, second);
        }
    }

    @Test
    void recycleReplacesOldConnections() throws Exception {
        try (Engine engine = EngineDb.engine("poolSize=1&maxOverflow=0&recycle=300ms")) {
            long first = engine.info().connectionId();
            assertEquals(first, engine.info().connectionId());
            Thread.sleep(450);
            assertNotEquals(first, engine.info().connectionId());
        }
    }

    @Test
    void idleTimeoutClosesIdleConnections() throws Exception {
        try (Engine engine = EngineDb.engine("poolSize=3&maxOverflow=0&idleTimeout=300ms&minIdle=0")) {
            Connection a = engine.connect();
            Connection b = engine.connect();
            a.close();
            b.close();
            assertEquals(2, engine.poolStatus().idle());
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (engine.poolStatus().idle() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, engine.poolStatus().idle(), engine.poolStatus().toString());
        }
    }

    @Test
    void leakIsReportedWithTheBorrowersStack() throws Exception {
        List<StackTraceElement[]> leaks = new CopyOnWriteArrayList<>();
        try (Engine engine = EngineDb.engine("poolSize=2&leakDetectionThreshold=200ms")) {
            engine.addListener(new EngineListener() {
                @Override
                public void onLeak(ConnectionMeta c, Duration held, StackTraceElement[] stack) {
                    leaks.add(stack);
                }
            });
            Connection leaked = engine.connect();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (leaks.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, leaks.size());
            boolean mentionsMe = false;
            for (StackTraceElement e : leaks.get(0)) {
                mentionsMe |= e.getMethodName().equals("leakIsReportedWithTheBorrowersStack");
            }
            assertTrue(mentionsMe, "the borrower's stack names the test method");
            leaked.close();
        }
    }

    @Test
    void resetOnReturnCleansTransactionAndSessionState() {
        String t = EngineDb.table("reset");
        try (Engine engine = EngineDb.engine("poolSize=1&maxOverflow=0")) {
            engine.execute("create table " + t + " (i int) engine=InnoDB");
            long id;
            try (Connection c = engine.connect()) {
                id = c.info().connectionId();
                c.execute("begin");
                c.execute("insert into " + t + " values (1)");
                c.execute("set @leak = 'x'");
                c.execute("set session sql_mode = 'ANSI_QUOTES'");
            }
            try (Connection c = engine.connect()) {
                assertEquals(id, c.info().connectionId(), "same physical connection, reset not replaced");
                assertEquals(0L, c.execute("select count(*) from " + t).rows().get(0).getLong(0), "rolled back");
                assertTrue(c.execute("select @leak").rows().get(0).isNull(0));
                assertFalse(c.execute("select @@session.sql_mode").rows().get(0).getString(0).contains("ANSI_QUOTES"));
            }
            engine.execute("drop table " + t);
        }
    }

    @Test
    void detachedHandleRefusesUse() {
        try (Engine engine = EngineDb.engine("poolSize=1")) {
            Connection c = engine.connect();
            c.close();
            UsageException e = assertThrows(UsageException.class, () -> c.execute("select 1"));
            assertTrue(e.getMessage().contains("returned to the pool"));
            c.close(); // idempotent
        }
    }

    @Test
    void disposeClosesIdleNowAndInUseOnReturn() {
        Engine engine = EngineDb.engine("poolSize=2");
        Connection busy = engine.connect();
        engine.connect().close();
        engine.dispose();
        assertEquals(1, engine.poolStatus().size(), engine.poolStatus().toString());
        busy.close();
        assertEquals(0, engine.poolStatus().size());
        assertThrows(RuntimeException.class, engine::connect);
    }

    @Test
    void seedsScenarioFiftySleepsOnPoolTwenty() throws Exception {
        try (Engine engine = EngineDb.engine("poolSize=20&maxOverflow=0&poolTimeout=30s")) {
            engine.execute("select 1"); // warm the driver, not the pool
            long t0 = System.nanoTime();
            List<java.util.concurrent.CompletableFuture<io.sluice.core.result.Result>> fs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                fs.add(engine.async().execute("select sleep(0.1)"));
            }
            for (var f : fs) {
                f.get();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            // 50 queries of 0.1 s on 20 connections: 3 waves, about 0.3 s plus connection set-up
            assertTrue(secs >= 0.29 && secs < 2.5, "took " + secs + " s");
            assertEquals(20, engine.poolStatus().size());
        }
    }
}
