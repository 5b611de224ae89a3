package io.sluice.core.pool;

import static io.sluice.core.pool.PoolTesting.awaitTrue;
import static io.sluice.core.pool.PoolTesting.quiet;
import static io.sluice.core.pool.PoolTesting.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.pool.FakeManager.Conn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoolHousekeepingTest {
    private final FakeManager fake = new FakeManager();
    private final RecordingListener events = new RecordingListener();

    private Pool<Conn> pool(PoolConfig.Builder b) {
        return new Pool<>(b.build(), fake, events);
    }

    @Test
    void minIdleWarmsUpInTheBackground() {
        try (Pool<Conn> pool = pool(quiet().poolSize(5).minIdle(3))) {
            awaitTrue("3 warm connections", () -> pool.status().idle() == 3, pool::status);
            sleep(50);
            assertEquals(3, fake.created.get(), "no more than minIdle");
            assertEquals("size=3 idle=3 inUse=0 overflow=0 waiting=0", pool.status().toString());
        }
    }

    @Test
    void minIdleIsRestoredAfterAnInvalidation() {
        try (Pool<Conn> pool = pool(quiet().poolSize(3).minIdle(2))) {
            awaitTrue("warm", () -> pool.status().idle() == 2, pool::status);
            pool.borrow().invalidate("bad");
            awaitTrue("refilled", () -> pool.status().size() == 2 && fake.created.get() == 3, pool::status);
        }
    }

    @Test
    void minIdleFillFailureIsRetriedLater() {
        fake.failCreates.set(1);
        try (Pool<Conn> pool = pool(quiet().poolSize(3).minIdle(1).keepalive(Duration.ofMillis(40)))) {
            awaitTrue("filled after a failed attempt", () -> pool.status().idle() == 1, pool::status);
            assertEquals(0, pool.status().pending());
        }
    }

    @Test
    void idleTimeoutTrimsDownToMinIdle() {
        try (Pool<Conn> pool = pool(quiet().poolSize(5).minIdle(2).idleTimeout(Duration.ofMillis(100)))) {
            List<Lease<Conn>> leases = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                leases.add(pool.borrow());
            }
            leases.forEach(Lease::release);
            assertEquals(5, pool.status().idle());
            awaitTrue("trimmed to minIdle", () -> pool.status().size() == 2, pool::status);
            sleep(150);
            assertEquals(2, pool.status().size(), "never below minIdle");
            assertEquals(3, fake.closed.get());
            assertEquals(5, fake.created.get());
            assertTrue(events.has("close Conn#1 idle timeout"), "LIFO: the coldest go first " + events.events);
        }
    }

    @Test
    void recentlyUsedConnectionsSurviveIdleTimeout() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2).idleTimeout(Duration.ofMillis(150)))) {
            Lease<Conn> a = pool.borrow(), b = pool.borrow();
            Conn ca = a.resource(), cb = b.resource();
            a.release();
            b.release(); // LIFO: b is on top and stays warm, a sinks to the bottom
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() < end) { // LIFO keeps reusing the warm one
                pool.borrow().release();
                sleep(10);
            }
            assertEquals(1, pool.status().size(), pool.status().toString());
            assertTrue(ca.closed, "the cold one (at the bottom) is trimmed");
            assertFalse(cb.closed, "the warm one is kept");
        }
    }

    @Test
    void keepaliveValidatesIdleConnectionsAndDropsDeadOnes() {
        try (Pool<Conn> pool = pool(quiet().poolSize(3).keepalive(Duration.ofMillis(40)))) {
            Lease<Conn> a = pool.borrow(), b = pool.borrow();
            Conn ca = a.resource();
            a.release();
            b.release();
            awaitTrue("both pinged twice", () -> fake.validations.get() >= 4);
            assertEquals(2, pool.status().idle());
            ca.dead = true;
            awaitTrue("dead one dropped", () -> ca.closed, pool::status);
            assertEquals("size=1 idle=1 inUse=0 overflow=0 waiting=0", pool.status().toString());
            assertTrue(events.has("invalidate Conn#1 keepalive ping failed"), events.events.toString());
        }
    }

    @Test
    void keepaliveLeavesLentConnectionsAlone() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2).keepalive(Duration.ofMillis(20)))) {
            Lease<Conn> a = pool.borrow();
            sleep(150);
            assertEquals(0, fake.validations.get());
            a.release();
        }
    }

    @Test
    void recycleClosesExpiredIdleConnectionsInTheBackground() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2).minIdle(1).recycle(Duration.ofMillis(80)))) {
            awaitTrue("warm", () -> pool.status().idle() == 1);
            awaitTrue("recycled and replaced", () -> fake.created.get() >= 3 && fake.closed.get() >= 2, pool::status);
            assertEquals(1, fake.open.get());
        }
    }

    @Test
    void leakDetectionReportsTheBorrowerStackOnce() throws Exception {
        try (Pool<Conn> pool = pool(quiet().leakDetectionThreshold(Duration.ofMillis(60)))) {
            Lease<Conn> l = pool.borrow();
            assertTrue(events.leak.await(5, TimeUnit.SECONDS), "no leak reported");
            StackTraceElement[] stack = events.leakStacks.get(0);
            assertEquals("leakDetectionReportsTheBorrowerStackOnce", stack[0].getMethodName(),
                    "the stack starts at the borrower, pool frames trimmed: " + Arrays.toString(stack));
            sleep(200);
            assertEquals(1, events.leakStacks.size(), "reported once per lease");
            l.release();
            Lease<Conn> quick = pool.borrow();
            quick.release();
            sleep(150);
            assertEquals(1, events.leakStacks.size(), "a lease released in time is not reported");
        }
    }

    @Test
    void disposeStopsHousekeeping() {
        Pool<Conn> pool = pool(quiet().poolSize(2).minIdle(2).keepalive(Duration.ofMillis(20)));
        awaitTrue("warm", () -> pool.status().idle() == 2);
        pool.dispose();
        int v = fake.validations.get();
        sleep(100);
        assertEquals(v, fake.validations.get());
        assertEquals(2, fake.closed.get());
        assertEquals(0, fake.open.get());
    }
}
