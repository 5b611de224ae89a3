package io.sluice.core.pool;

import static io.sluice.core.pool.PoolTesting.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.error.OperationInterruptedException;
import io.sluice.core.error.PoolTimeoutException;
import io.sluice.core.pool.FakeManager.Conn;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Races between a returning holder and a waiter giving up; each test is named after the bug it prevents. */
class PoolRaceTest {
    private static final int ITERATIONS = 3000;

    /** Spins for about {@code nanos}: parking is too coarse to hit the narrow window repeatedly. */
    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static void assertIntact(Pool<Conn> pool, FakeManager fake, int iteration) {
        PoolStatus s = pool.status();
        if (s.size() != 1 || s.idle() != 1 || s.inUse() != 0 || s.waiting() != 0 || s.pending() != 0
                || fake.created.get() != 1 || fake.closed.get() != 0) {
            fail("iteration " + iteration + ": " + s + " created=" + fake.created.get() + " closed=" + fake.closed.get());
        }
    }

    @Test
    void releaseRacingTimeoutDoesNotLoseConnection() throws Exception {
        FakeManager fake = new FakeManager();
        AtomicInteger served = new AtomicInteger(), timedOut = new AtomicInteger();
        try (Pool<Conn> pool = new Pool<>(quiet().poolSize(1).maxOverflow(0).build(), fake)) {
            for (int i = 0; i < ITERATIONS; i++) {
                Lease<Conn> held = pool.borrow();
                CountDownLatch started = new CountDownLatch(1);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread t = Thread.ofPlatform().start(() -> {
                    started.countDown();
                    try {
                        Lease<Conn> l = pool.borrow(Duration.ofNanos(200_000));
                        served.incrementAndGet();
                        l.release();
                    } catch (PoolTimeoutException e) {
                        timedOut.incrementAndGet();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                started.await();
                spin(ThreadLocalRandom.current().nextLong(100_000, 300_000)); // around the waiter's deadline
                held.release();
                t.join();
                if (failure.get() != null) {
                    throw new AssertionError("iteration " + i, failure.get());
                }
                assertIntact(pool, fake, i);
            }
        }
        assertEquals(ITERATIONS, served.get() + timedOut.get());
        assertTrue(served.get() > 0 && timedOut.get() > 0,
                "the race window was not exercised: served=" + served + " timedOut=" + timedOut);
    }

    @Test
    void interruptRacingHandoffDoesNotLoseConnection() throws Exception {
        FakeManager fake = new FakeManager();
        AtomicInteger served = new AtomicInteger(), interrupted = new AtomicInteger();
        try (Pool<Conn> pool = new Pool<>(quiet().poolSize(1).maxOverflow(0).build(), fake)) {
            for (int i = 0; i < ITERATIONS; i++) {
                Lease<Conn> held = pool.borrow();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        Lease<Conn> l = pool.borrow(Duration.ofSeconds(10));
                        served.incrementAndGet();
                        l.release(); // served: the grant arrived before (or with) the interrupt, which is kept
                    } catch (OperationInterruptedException e) {
                        if (!Thread.currentThread().isInterrupted()) {
                            failure.set(new AssertionError("interrupt flag not restored"));
                        }
                        interrupted.incrementAndGet();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                while (pool.status().waiting() == 0 && t.isAlive()) {
                    Thread.onSpinWait();
                }
                if (ThreadLocalRandom.current().nextBoolean()) {
                    held.release();
                    t.interrupt();
                } else {
                    t.interrupt();
                    held.release();
                }
                t.join();
                if (failure.get() != null) {
                    throw new AssertionError("iteration " + i, failure.get());
                }
                assertIntact(pool, fake, i);
            }
        }
        assertEquals(ITERATIONS, served.get() + interrupted.get());
    }

    @Test
    void invalidateRacingTimeoutDoesNotLeakSlot() throws Exception {
        FakeManager fake = new FakeManager();
        try (Pool<Conn> pool = new Pool<>(quiet().poolSize(1).maxOverflow(0).build(), fake)) {
            for (int i = 0; i < ITERATIONS / 3; i++) {
                Lease<Conn> held = pool.borrow();
                Thread t = Thread.ofPlatform().start(() -> {
                    try {
                        pool.borrow(Duration.ofNanos(200_000)).release();
                    } catch (PoolTimeoutException expected) {
                        // lost the race: fine
                    }
                });
                spin(ThreadLocalRandom.current().nextLong(100_000, 300_000));
                held.invalidate("race");
                t.join();
                PoolStatus s = pool.status();
                assertEquals(0, s.pending(), "iteration " + i + ": " + s);
                assertEquals(0, s.waiting(), "iteration " + i + ": " + s);
                assertEquals(s.size(), fake.open.get(), "iteration " + i + ": " + s);
                pool.borrow(Duration.ZERO).release(); // the slot is usable
            }
        }
    }

    @Test
    void concurrentReleaseAndInvalidateOfOneLeaseTakesEffectOnce() throws Exception {
        FakeManager fake = new FakeManager();
        try (Pool<Conn> pool = new Pool<>(quiet().poolSize(1).maxOverflow(0).build(), fake)) {
            for (int i = 0; i < 500; i++) {
                Lease<Conn> l = pool.borrow();
                CountDownLatch go = new CountDownLatch(1);
                Thread a = Thread.ofPlatform().start(() -> {
                    awaitQuietly(go);
                    l.release();
                });
                Thread b = Thread.ofPlatform().start(() -> {
                    awaitQuietly(go);
                    l.invalidate("race");
                });
                go.countDown();
                a.join();
                b.join();
                PoolStatus s = pool.status();
                assertEquals(0, s.inUse(), s.toString());
                assertTrue(s.size() <= 1 && s.idle() == s.size(), "iteration " + i + ": " + s);
                assertEquals(s.size(), fake.open.get());
            }
        }
    }

    private static void awaitQuietly(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(0, 20_000));
    }
}
