package io.sluice.core.pool;

import static io.sluice.core.pool.PoolTesting.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.error.PoolTimeoutException;
import io.sluice.core.pool.FakeManager.Conn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Races of the lock-free paths (a borrow taking an idle connection, a return putting one back, both
 * without the pool lock) against the locked ones; each test is named after the bug it prevents.
 */
class PoolLockFreeRaceTest {

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A return that saw nobody waiting puts the connection back while a borrower, which saw nothing
     * idle, queues: unless one of them notices the other, the connection idles and the borrower
     * waits out its whole timeout.
     */
    @Test
    void lockFreeReturnRacingAQueueingBorrowerDoesNotStrandIt() throws Exception {
        FakeManager fake = new FakeManager();
        try (Pool<Conn> pool = new Pool<>(quiet().poolSize(1).maxOverflow(0).build(), fake)) {
            for (int i = 0; i < 3000; i++) {
                Lease<Conn> held = pool.borrow();
                CountDownLatch go = new CountDownLatch(1);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread t = Thread.ofPlatform().start(() -> {
                    await(go);
                    try {
                        pool.borrow(Duration.ofSeconds(3)).release();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                go.countDown();
                spin(ThreadLocalRandom.current().nextLong(0, 30_000));
                held.release();
                t.join();
                if (failure.get() != null) {
                    throw new AssertionError("iteration " + i + ": " + pool.status(), failure.get());
                }
                PoolStatus s = pool.status();
                assertEquals("size=1 idle=1 inUse=0 overflow=0 waiting=0", s.toString(), "iteration " + i);
            }
            assertEquals(1, fake.created.get());
        }
    }

    /** A return that saw the pool live puts the connection back while dispose empties the idle set. */
    @Test
    void lockFreeReturnRacingDisposeDoesNotLeaveAConnectionOpen() throws Exception {
        FakeManager fake = new FakeManager();
        for (int i = 0; i < 1000; i++) {
            Pool<Conn> pool = new Pool<>(quiet().poolSize(2).build(), fake);
            Lease<Conn> a = pool.borrow(), b = pool.borrow();
            b.release();
            CountDownLatch go = new CountDownLatch(1);
            Thread t1 = Thread.ofPlatform().start(() -> {
                await(go);
                a.release();
            });
            Thread t2 = Thread.ofPlatform().start(() -> {
                await(go);
                spin(ThreadLocalRandom.current().nextLong(0, 5_000));
                pool.dispose();
            });
            go.countDown();
            t1.join();
            t2.join();
            assertEquals(0, fake.open.get(), "iteration " + i + ": " + pool.status());
            assertEquals("size=0 idle=0 inUse=0 overflow=0 waiting=0", pool.status().toString(), "iteration " + i);
        }
    }

    /**
     * Housekeeping (keepalive pings, idle-timeout and lifetime retirement) claims idle connections
     * while borrowers take them without the lock: a connection must never be pinged, closed or lent
     * while someone else holds it, and the counters must add up afterwards.
     */
    @Test
    void housekeepingRacingLockFreeBorrowsNeverTouchesALentConnection() throws Exception {
        FakeManager fake = new FakeManager();
        AtomicInteger violations = new AtomicInteger();
        ResourceManager<Conn> checking = new ResourceManager<>() {
            @Override
            public Conn create() {
                return fake.create();
            }

            @Override
            public boolean validate(Conn c, Duration timeout) {
                if (c.users.get() != 0) {
                    violations.incrementAndGet();
                }
                LockSupport.parkNanos(1_000_000); // a ping takes a while: nobody may borrow the connection meanwhile
                if (c.users.get() != 0) {
                    violations.incrementAndGet();
                }
                return fake.validate(c, timeout);
            }

            @Override
            public void reset(Conn c) {
                fake.reset(c);
            }

            @Override
            public void close(Conn c) {
                if (c.users.get() != 0) {
                    violations.incrementAndGet();
                }
                fake.close(c);
            }

            @Override
            public boolean isBroken(Conn c) {
                return fake.isBroken(c);
            }
        };
        PoolConfig config = quiet().poolSize(3).maxOverflow(1).keepalive(Duration.ofMillis(10))
                .idleTimeout(Duration.ofMillis(40)).recycle(Duration.ofMillis(100)).build();
        try (Pool<Conn> pool = new Pool<>(config, checking)) {
            long start = System.nanoTime();
            long minRun = Duration.ofSeconds(1).toNanos(), maxRun = Duration.ofSeconds(10).toNanos();
            BooleanSupplier more = () -> {
                long ran = System.nanoTime() - start; // at least 1 s, and until a few pings raced borrowers
                return ran < minRun || (ran < maxRun && (fake.validations.get() < 5 || fake.closed.get() < 2));
            };
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (more.getAsBoolean()) {
                        Lease<Conn> l = pool.borrow();
                        Conn c = l.resource();
                        if (c.users.incrementAndGet() != 1) {
                            violations.incrementAndGet();
                        }
                        LockSupport.parkNanos(r.nextLong(0, 3_000_000));
                        c.users.decrementAndGet();
                        l.release();
                        // Gaps leave connections idle past keepalive (pinged) and idleTimeout (retired),
                        // and borrowers come back at any moment, also in the middle of that.
                        LockSupport.parkNanos(r.nextLong(0, 10_000_000));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(0, violations.get(), "a lent connection was shared, pinged or closed");
            PoolStatus s = pool.status(); // housekeeping may still retire idle ones: compare with the manager after dispose
            assertTrue(s.inUse() == 0 && s.waiting() == 0 && s.pending() == 0, s.toString());
            assertTrue(fake.validations.get() > 0 && s.closed() > 0, "housekeeping did not run: " + s + ", pings " + fake.validations.get());
            pool.dispose(); // a connection under a keepalive ping is closed when the ping ends
            PoolTesting.awaitTrue("all closed", () -> pool.status().size() == 0, pool::status);
            assertEquals(0, fake.open.get(), "every connection the manager opened was closed exactly once");
            assertEquals(fake.created.get(), pool.status().closed());
        }
    }

    /**
     * Lock-free borrowers and returners mixed with queued waiters, short timeouts, invalidations and
     * overflow: nothing shared, nothing lost, and a waiter with a long timeout is always served.
     */
    @Test
    void mixedFastAndQueuedBorrowsNeverShareOrLoseAConnection() throws Exception {
        FakeManager fake = new FakeManager();
        AtomicInteger sharing = new AtomicInteger(), longTimeouts = new AtomicInteger();
        try (Pool<Conn> pool = new Pool<>(quiet().poolSize(2).maxOverflow(1).build(), fake)) {
            long end = System.nanoTime() + Duration.ofMillis(600).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                Thread.Builder b = t % 4 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
                threads.add(b.start(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    while (System.nanoTime() < end) {
                        boolean longWait = r.nextBoolean();
                        Lease<Conn> l;
                        try {
                            l = pool.borrow(longWait ? Duration.ofSeconds(10) : Duration.ofNanos(r.nextLong(0, 200_000)));
                        } catch (PoolTimeoutException e) {
                            if (longWait) {
                                longTimeouts.incrementAndGet();
                            }
                            continue;
                        }
                        if (l.resource().users.incrementAndGet() != 1) {
                            sharing.incrementAndGet();
                        }
                        if (r.nextBoolean()) {
                            Thread.yield();
                        }
                        l.resource().users.decrementAndGet();
                        if (r.nextInt(100) == 0) {
                            l.invalidate("random");
                        } else {
                            l.release();
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(0, sharing.get(), "a connection was lent to two borrowers at once");
            assertEquals(0, longTimeouts.get(), "a waiter with a 10 s timeout was never served");
            PoolStatus s = pool.status();
            if (s.inUse() != 0 || s.waiting() != 0 || s.pending() != 0 || s.idle() != s.size() || s.size() > 2
                    || s.size() != fake.open.get() || s.created() - s.closed() != s.size()) {
                fail("inconsistent: " + s + " open=" + fake.open.get());
            }
        }
    }
}
