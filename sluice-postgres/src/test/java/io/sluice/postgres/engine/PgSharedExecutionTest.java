package io.sluice.postgres.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineListener;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.spi.ConnectionMeta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * pipelineDepth: autocommit statements of many threads sharing pipelined connections. Every caller
 * must get its own answer (a mix-up shows as a wrong number), an error must stay with its own
 * statement, connections must really be shared (far fewer checkouts than statements), exclusive
 * borrowers must not starve, and a connection lost mid-pipeline must not take the engine with it.
 */
class PgSharedExecutionTest {

    private static final class Checkouts implements EngineListener {
        final AtomicInteger n = new AtomicInteger();

        @Override
        public void onCheckout(ConnectionMeta connection, Duration wait) {
            n.incrementAndGet();
        }
    }

    @Test
    void everyCallerGetsItsOwnAnswerAndErrorsStayWithTheirStatement() throws Exception {
        try (Engine engine = PgEngineDb.engine("poolSize=2&maxOverflow=0&pipelineDepth=8")) {
            Checkouts checkouts = new Checkouts();
            engine.addListener(checkouts);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger errors = new AtomicInteger();
            int threads = 48;
            int each = 150;
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < each; i++) {
                        int v = id * 100_000 + i;
                        try {
                            if (i % 10 == 7) { // a failing statement in the middle of the pipeline
                                try {
                                    engine.execute("select 1 / ($1::int - $1::int)", v);
                                    problems.add("division by zero succeeded");
                                } catch (ServerException e) {
                                    if (!"22012".equals(e.sqlState())) {
                                        problems.add("wrong error " + e);
                                    }
                                    errors.incrementAndGet();
                                }
                                continue;
                            }
                            Object got = engine.execute("select $1::int + 1", v).scalar();
                            if (((Number) got).intValue() != v + 1) {
                                problems.add("asked " + v + ", got " + got);
                            }
                        } catch (RuntimeException e) {
                            problems.add(e.toString());
                        }
                    }
                }));
            }
            for (Thread t : ts) {
                t.join(Duration.ofSeconds(60));
            }
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
            assertEquals(threads * (each / 10 + (each % 10 > 7 ? 1 : 0)), errors.get());
            int statements = threads * each;
            // unshared, every statement is a checkout; spread-first lets a slot drain and be borrowed
            // anew whenever its callers happen to finish together, so expect sharing, not a fixed ratio
            assertTrue(checkouts.n.get() < statements / 2,
                    "connections were not shared: " + checkouts.n.get() + " checkouts for " + statements + " statements");
            assertEquals(0, engine.poolStatus().inUse(), "every shared connection went back to the pool");
            assertEquals(2, engine.poolStatus().idle());
        }
    }

    @Test
    void transactionsAndSessionStatementsAreNotStarvedOrShared() throws Exception {
        try (Engine engine = PgEngineDb.engine("poolSize=2&maxOverflow=0&pipelineDepth=8&poolTimeout=10s")) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong done = new AtomicLong();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                load.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        engine.execute("select $1::int", 1);
                        done.incrementAndGet();
                    }
                }));
            }
            try {
                Thread.sleep(200);
                for (int i = 0; i < 20; i++) {
                    long t0 = System.nanoTime();
                    int v = engine.inTransaction(tx -> ((Number) tx.execute("select $1::int * 2", 21).scalar()).intValue());
                    assertEquals(42, v);
                    // a session statement takes a connection of its own: it must not leak to the shared ones
                    engine.execute("set application_name = 'not_shared'");
                    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "an exclusive borrower waited too long");
                }
                assertTrue(done.get() > 100, "the shared load made progress meanwhile: " + done.get());
                for (int i = 0; i < 50; i++) {
                    Object app = engine.execute("select current_setting('application_name')").scalar();
                    assertTrue(!"not_shared".equals(app), "a SET leaked into a shared connection");
                }
            } finally {
                stop.set(true);
                for (Thread t : load) {
                    t.join(Duration.ofSeconds(30));
                }
            }
            assertEquals(0, engine.poolStatus().inUse());
        }
    }

    @Test
    void aConnectionLostMidPipelineFailsOnlyWhatWasInFlightOnIt() throws Exception {
        try (Engine engine = PgEngineDb.engine("poolSize=1&maxOverflow=0&pipelineDepth=8");
             Engine admin = PgEngineDb.engine("poolSize=1")) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger broken = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                load.add(Thread.ofVirtual().start(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        int v = id * 1_000_000 + i++;
                        try {
                            Object got = engine.execute("select $1::int", v).scalar();
                            if (((Number) got).intValue() != v) {
                                problems.add("asked " + v + ", got " + got);
                            }
                            ok.incrementAndGet();
                        } catch (SluiceException e) {
                            if (e.isConnectionBroken()) {
                                broken.incrementAndGet();
                            } else {
                                problems.add(e.toString());
                            }
                        }
                    }
                }));
            }
            try {
                Thread.sleep(200);
                for (int k = 0; k < 3; k++) {
                    admin.execute("select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid()"
                            + " and datname = current_database() and query = 'select $1::int'");
                    Thread.sleep(200);
                }
                int before = ok.get();
                Thread.sleep(300);
                assertTrue(ok.get() > before, "statements run again after the connection was lost");
            } finally {
                stop.set(true);
                for (Thread t : load) {
                    t.join(Duration.ofSeconds(30));
                }
            }
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
            assertEquals(42, ((Number) engine.execute("select $1::int", 42).scalar()).intValue());
            assertEquals(0, engine.poolStatus().inUse());
        }
    }

    /** Under steady load a slot must still go back to the pool now and then (recycle, reset, leak checks). */
    @Test
    void sharedConnectionsReturnToThePoolRegularlyUnderSteadyLoad() throws Exception {
        try (Engine engine = PgEngineDb.engine("poolSize=2&maxOverflow=0&pipelineDepth=8")) {
            Checkouts checkouts = new Checkouts();
            engine.addListener(checkouts);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> load = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                load.add(Thread.ofVirtual().start(() -> {
                    while (!stop.get()) {
                        engine.execute("select 1");
                    }
                }));
            }
            Thread.sleep(300);
            int early = checkouts.n.get();
            Thread.sleep(1_700);
            stop.set(true);
            for (Thread t : load) {
                t.join(Duration.ofSeconds(30));
            }
            assertTrue(checkouts.n.get() >= early + 3, "slots were not renewed: " + early + " -> " + checkouts.n.get());
            assertEquals(0, engine.poolStatus().inUse());
        }
    }
}
