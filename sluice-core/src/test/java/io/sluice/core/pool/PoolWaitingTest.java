package io.sluice.core.pool;

import static io.sluice.core.pool.PoolTesting.awaitTrue;
import static io.sluice.core.pool.PoolTesting.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.OperationInterruptedException;
import io.sluice.core.error.PoolClosedException;
import io.sluice.core.error.PoolTimeoutException;
import io.sluice.core.pool.FakeManager.Conn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class PoolWaitingTest {
    private final FakeManager fake = new FakeManager();
    private final RecordingListener events = new RecordingListener();

    private Pool<Conn> pool(PoolConfig.Builder b) {
        return new Pool<>(b.build(), fake, events);
    }

    private static Thread waiter(Pool<Conn> pool, Duration timeout, AtomicReference<Object> outcome) {
        return Thread.ofVirtual().start(() -> {
            try {
                Lease<Conn> l = pool.borrow(timeout);
                outcome.set(l);
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        });
    }

    @Test
    void thousandVirtualThreadsNeverExceedPoolSizePlusOverflow() throws Exception {
        fake.createLatencyNanos = Duration.ofMillis(2).toNanos();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger sharing = new AtomicInteger();
        try (Pool<Conn> pool = pool(quiet().poolSize(8).maxOverflow(4).prePingAfter(Duration.ZERO))) {
            try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    fs.add(ex.submit(() -> {
                        for (int round = 0; round < 5; round++) {
                            Lease<Conn> l = pool.borrow();
                            try {
                                if (l.resource().users.incrementAndGet() != 1) {
                                    sharing.incrementAndGet();
                                }
                                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 300_000));
                                l.resource().users.decrementAndGet();
                            } finally {
                                l.release();
                            }
                        }
                        done.incrementAndGet();
                    }));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
            }
            assertEquals(1000, done.get());
            assertEquals(0, sharing.get(), "a connection was lent to two borrowers at once");
            assertTrue(fake.maxOpen.get() <= 12, "max concurrently open " + fake.maxOpen.get());
            assertEquals(12, fake.maxOpen.get(), "overflow should have been used under this load");
            PoolStatus s = pool.status();
            assertTrue(s.size() <= 8, s.toString());
            assertEquals(0, s.inUse(), s.toString());
            assertEquals(0, s.waiting(), s.toString());
            assertEquals(0, s.pending(), s.toString());
            assertEquals(s.size(), s.idle(), s.toString());
            assertEquals(s.size(), fake.open.get(), "pool and manager agree on open connections");
            assertEquals(s.created() - s.closed(), s.size(), s.toString());
        }
    }

    @Test
    void borrowTimesOutWithAPreciseMessage() throws Exception {
        try (Pool<Conn> pool = pool(quiet().poolSize(2).maxOverflow(1))) {
            List<Lease<Conn>> held = List.of(pool.borrow(), pool.borrow(), pool.borrow());
            AtomicReference<Object> other = new AtomicReference<>();
            Thread t = waiter(pool, Duration.ofSeconds(10), other);
            awaitTrue("one waiter", () -> pool.status().waiting() == 1);
            long start = System.nanoTime();
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ofMillis(200)));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= 200 && tookMs < 2000, "took " + tookMs + " ms");
            assertEquals("timed out after 200 ms waiting for a connection (pool size 2, overflow 1/1, in use 3, waiting 2)"
                    + " from pool 'test'", e.getMessage());
            assertEquals(200, e.timeoutMillis());
            assertEquals(3, e.inUse());
            assertEquals(2, e.waiting());
            assertTrue(!e.isConnectionBroken() && !e.isRetryable());
            assertEquals(1, events.timeouts.get());
            assertEquals(1, pool.status().waiting(), "the timed-out borrower left the queue");
            held.get(0).release();
            t.join(5000);
            assertInstanceOf(Lease.class, other.get(), "the earlier waiter still gets served");
        }
    }

    /**
     * Waiters park without a timeout and one sweep per pool wakes them: a waiter with an earlier
     * deadline queued behind one with a later deadline must still time out on time, and after a
     * sweep the next deadline must be armed again.
     */
    @Test
    void timeoutsFireOnTimeWhateverTheOrderOfDeadlines() throws Exception {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0))) {
            Lease<Conn> held = pool.borrow();
            AtomicReference<Object> longOne = new AtomicReference<>();
            Thread t = waiter(pool, Duration.ofSeconds(20), longOne);
            awaitTrue("queued", () -> pool.status().waiting() == 1);
            List<CompletableFuture<Long>> tookMs = new ArrayList<>();
            for (long ms : new long[] {300, 150}) { // the 150 ms one is armed after (and expires before) the 300 ms one
                CompletableFuture<Long> took = new CompletableFuture<>();
                tookMs.add(took);
                Thread.ofVirtual().start(() -> {
                    long start = System.nanoTime();
                    try {
                        pool.borrow(Duration.ofMillis(ms)).release();
                        took.completeExceptionally(new AssertionError("served"));
                    } catch (PoolTimeoutException e) {
                        took.complete((System.nanoTime() - start) / 1_000_000);
                    }
                });
                int n = tookMs.size();
                awaitTrue("queued", () -> pool.status().waiting() == 1 + n);
            }
            long took300 = tookMs.get(0).get(5, java.util.concurrent.TimeUnit.SECONDS);
            long took150 = tookMs.get(1).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(took300 >= 300 && took300 < 1500, "300 ms waiter took " + took300 + " ms");
            assertTrue(took150 >= 150 && took150 < 1350, "150 ms waiter took " + took150 + " ms");
            assertEquals(1, pool.status().waiting(), "the 20 s waiter is still queued");
            held.release();
            t.join(5000);
            assertInstanceOf(Lease.class, longOne.get());
        }
    }

    @Test
    void zeroTimeoutDoesNotWait() {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0).poolTimeout(Duration.ZERO))) {
            pool.borrow();
            PoolTimeoutException e = assertThrows(PoolTimeoutException.class, pool::borrow);
            assertTrue(e.getMessage().startsWith("timed out after 0 ms waiting for a connection (pool size 1, overflow 0/0,"
                    + " in use 1, waiting 0)"), e.getMessage());
        }
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0))) {
            Lease<Conn> held = pool.borrow();
            List<Integer> served = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int id = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    Lease<Conn> l = pool.borrow();
                    served.add(id);
                    l.release();
                }));
                awaitTrue("waiter " + i + " queued", () -> pool.status().waiting() == id + 1);
            }
            held.release();
            for (Thread t : threads) {
                t.join(5000);
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(i);
            }
            assertEquals(expected, served);
            assertEquals(1, fake.created.get());
        }
    }

    @Test
    void aNewBorrowerDoesNotOvertakeTheQueue() throws Exception {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0))) {
            Lease<Conn> held = pool.borrow();
            AtomicReference<Object> first = new AtomicReference<>();
            Thread t = waiter(pool, Duration.ofSeconds(10), first);
            awaitTrue("queued", () -> pool.status().waiting() == 1);
            held.release(); // handed straight to the waiter, never idle
            assertThrows(PoolTimeoutException.class, () -> pool.borrow(Duration.ZERO));
            t.join(5000);
            assertInstanceOf(Lease.class, first.get());
        }
    }

    @Test
    void invalidateGivesTheSlotToAWaiterAndItsCreationFailureStaysItsOwn() throws Exception {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0))) {
            Lease<Conn> held = pool.borrow();
            AtomicReference<Object> w1 = new AtomicReference<>();
            Thread t1 = waiter(pool, Duration.ofSeconds(10), w1);
            awaitTrue("queued", () -> pool.status().waiting() == 1);
            fake.failCreates.set(1);
            held.invalidate("server gone");
            t1.join(5000);
            assertInstanceOf(FakeManager.CreateFailed.class, w1.get());
            assertEquals("size=0 idle=0 inUse=0 overflow=0 waiting=0", pool.status().toString());
            assertEquals(2, pool.borrow(Duration.ZERO).resource().id);
        }
    }

    @Test
    void interruptWhileWaitingIsTypedAndRestoresTheFlag() throws Exception {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0))) {
            Lease<Conn> held = pool.borrow();
            CompletableFuture<String> result = new CompletableFuture<>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    pool.borrow(Duration.ofSeconds(30));
                    result.complete("borrowed");
                } catch (OperationInterruptedException e) {
                    result.complete(e.getMessage() + " / flag=" + Thread.currentThread().isInterrupted());
                }
            });
            awaitTrue("queued", () -> pool.status().waiting() == 1);
            t.interrupt();
            assertEquals("interrupted while waiting for a connection from pool 'test' / flag=true",
                    result.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, pool.status().waiting());
            held.release();
            assertEquals("size=1 idle=1 inUse=0 overflow=0 waiting=0", pool.status().toString());
        }
    }

    @Test
    void disposeTurnsAwayQueuedBorrowers() throws Exception {
        Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0));
        Lease<Conn> held = pool.borrow();
        AtomicReference<Object> w = new AtomicReference<>();
        Thread t = waiter(pool, Duration.ofSeconds(30), w);
        awaitTrue("queued", () -> pool.status().waiting() == 1);
        pool.dispose();
        t.join(5000);
        assertInstanceOf(PoolClosedException.class, w.get());
        held.release();
        assertEquals(1, fake.closed.get());
    }
}
