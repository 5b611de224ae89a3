package io.sluice.core.pool;

import static io.sluice.core.pool.PoolTesting.quiet;
import static io.sluice.core.pool.PoolTesting.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.HandleReleasedException;
import io.sluice.core.error.PoolClosedException;
import io.sluice.core.pool.FakeManager.Conn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolBasicsTest {
    private final FakeManager fake = new FakeManager();
    private final RecordingListener events = new RecordingListener();

    private Pool<Conn> pool(PoolConfig.Builder b) {
        return new Pool<>(b.build(), fake, events);
    }

    @Test
    void overflowConnectionsAreClosedOnReturn() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2).maxOverflow(2))) {
            List<Lease<Conn>> leases = List.of(pool.borrow(), pool.borrow(), pool.borrow(), pool.borrow());
            assertEquals("size=4 idle=0 inUse=4 overflow=2 waiting=0", pool.status().toString());
            leases.forEach(Lease::release);
            PoolStatus s = pool.status();
            assertEquals("size=2 idle=2 inUse=0 overflow=0 waiting=0", s.toString());
            assertEquals(4, fake.created.get());
            assertEquals(2, fake.closed.get());
            assertEquals(2, s.closed());
            assertEquals(0, s.invalidated(), "overflow close is not an invalidation");
            assertTrue(events.has("close Conn#1 overflow"), events.events.toString());
        }
    }

    @Test
    void lifoHandsOutTheMostRecentlyReturned() {
        try (Pool<Conn> pool = pool(quiet().poolSize(3))) {
            Lease<Conn> a = pool.borrow(), b = pool.borrow(), c = pool.borrow();
            Conn ca = a.resource(), cc = c.resource();
            a.release();
            b.release();
            c.release();
            Lease<Conn> next = pool.borrow();
            assertSame(cc, next.resource());
            next.release();
            assertSame(cc, pool.borrow().resource(), "LIFO keeps reusing the warm one");
            assertNotSame(ca, cc);
        }
    }

    @Test
    void fifoRoundRobins() {
        try (Pool<Conn> pool = pool(quiet().poolSize(3).lifo(false))) {
            Lease<Conn> a = pool.borrow(), b = pool.borrow(), c = pool.borrow();
            List<Conn> order = List.of(a.resource(), b.resource(), c.resource());
            a.release();
            b.release();
            c.release();
            for (int round = 0; round < 2; round++) {
                for (Conn expected : order) {
                    Lease<Conn> l = pool.borrow();
                    assertSame(expected, l.resource());
                    l.release();
                }
            }
        }
    }

    @Test
    void prePingReplacesDeadIdleConnectionsSilently() {
        try (Pool<Conn> pool = pool(quiet().poolSize(3).prePingAfter(Duration.ZERO))) {
            Lease<Conn> a = pool.borrow(), b = pool.borrow();
            Conn ca = a.resource(), cb = b.resource();
            a.release();
            b.release();
            ca.dead = true;
            cb.dead = true;
            Lease<Conn> l = pool.borrow(); // both idle ones fail the ping; a new one is opened
            assertEquals(3, l.resource().id);
            assertTrue(ca.closed && cb.closed);
            assertEquals(2, fake.validations.get());
            assertEquals("size=1 idle=0 inUse=1 overflow=0 waiting=0", pool.status().toString());
            assertEquals(2, pool.status().invalidated());
            assertTrue(events.has("invalidate Conn#2 pre-ping failed"), events.events.toString());
        }
    }

    @Test
    void prePingCreationFailurePropagatesWithoutLeakingTheSlot() {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0).prePingAfter(Duration.ZERO))) {
            Lease<Conn> a = pool.borrow();
            a.resource().dead = true;
            a.release();
            fake.failCreates.set(1);
            assertThrows(FakeManager.CreateFailed.class, pool::borrow);
            assertEquals("size=0 idle=0 inUse=0 overflow=0 waiting=0", pool.status().toString());
            assertEquals(2, pool.borrow(Duration.ZERO).resource().id, "the slot is free again");
        }
    }

    @Test
    void prePingSkippedForRecentlyUsedConnections() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2).prePingAfter(Duration.ofMillis(80)))) {
            pool.borrow().release();
            pool.borrow().release();
            assertEquals(0, fake.validations.get(), "returned a moment ago: no ping");
            sleep(120);
            Lease<Conn> l = pool.borrow();
            assertEquals(1, fake.validations.get(), "idle past prePingAfter: pinged");
            l.release();
        }
    }

    @Test
    void brokenConnectionsAreClosedOnReturnAndSkippedAtCheckout() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2))) {
            Lease<Conn> a = pool.borrow(), b = pool.borrow();
            Conn ca = a.resource(), cb = b.resource();
            ca.broken = true;
            a.release();
            assertTrue(ca.closed);
            assertEquals(0, fake.resets.get(), "no reset attempted on a broken connection");
            b.release();
            cb.broken = true;
            Lease<Conn> c = pool.borrow();
            assertEquals(3, c.resource().id);
            assertTrue(cb.closed);
            assertEquals(2, pool.status().invalidated());
        }
    }

    @Test
    void recycleClosesOldConnectionsAtCheckoutAndCheckin() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2).recycle(Duration.ofMillis(100)))) {
            Lease<Conn> a = pool.borrow();
            Conn ca = a.resource();
            a.release();
            assertFalse(ca.closed, "young: kept");
            sleep(150); // past 100ms + 2.5% jitter
            Lease<Conn> b = pool.borrow();
            assertTrue(ca.closed, "expired idle connection skipped and closed at checkout");
            Conn cb = b.resource();
            assertNotSame(ca, cb);
            sleep(150);
            b.release();
            assertTrue(cb.closed, "expired connection closed at checkin");
            assertEquals(0, pool.status().size());
            assertEquals(0, pool.status().invalidated(), "recycling is not an invalidation");
            assertTrue(events.has("close Conn#1 recycled"), events.events.toString());
        }
    }

    @Test
    void lifetimesAreJitteredWithinTwoAndAHalfPercent() {
        try (Pool<Conn> pool = pool(quiet().poolSize(40).recycle(Duration.ofSeconds(100)))) {
            java.util.Set<Long> distinct = new java.util.HashSet<>();
            for (int i = 0; i < 40; i++) {
                long lifetime = pool.borrow().entry.lifetimeNanos;
                assertTrue(lifetime >= 97_500_000_000L && lifetime <= 102_500_000_000L, String.valueOf(lifetime));
                distinct.add(lifetime);
            }
            assertTrue(distinct.size() > 30, "lifetimes should differ: " + distinct.size() + " distinct");
        }
    }

    @Test
    void creationFailureDoesNotLeakASlot() {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0))) {
            fake.failCreates.set(1);
            FakeManager.CreateFailed e = assertThrows(FakeManager.CreateFailed.class, pool::borrow);
            assertEquals("connection refused (fake)", e.getMessage(), "the manager's error propagates unchanged");
            PoolStatus s = pool.status();
            assertEquals(0, s.size());
            assertEquals(0, s.pending());
            assertEquals(0, s.created());
            Lease<Conn> l = pool.borrow(Duration.ZERO);
            assertEquals(1, pool.status().size());
            l.release();
        }
    }

    @Test
    void resetFailureClosesTheConnection() {
        try (Pool<Conn> pool = pool(quiet().poolSize(2))) {
            Lease<Conn> a = pool.borrow();
            Conn ca = a.resource();
            fake.failResets.set(1);
            a.release();
            assertTrue(ca.closed);
            assertEquals("size=0 idle=0 inUse=0 overflow=0 waiting=0", pool.status().toString());
            assertEquals(1, pool.status().invalidated());
            assertTrue(events.has("invalidate Conn#1 reset failed"), events.events.toString());
            assertNotSame(ca, pool.borrow().resource());
        }
    }

    @Test
    void leaseUsedAfterReleaseIsATypedError() {
        try (Pool<Conn> pool = pool(quiet())) {
            Lease<Conn> a = pool.borrow();
            a.release();
            HandleReleasedException e = assertThrows(HandleReleasedException.class, a::resource);
            assertTrue(e.getMessage().startsWith("connection handle used after it was returned to the pool"), e.getMessage());
        }
    }

    @Test
    void releaseIsIdempotent() {
        try (Pool<Conn> pool = pool(quiet())) {
            Lease<Conn> a = pool.borrow();
            a.release();
            a.release();
            a.invalidate("too late");
            a.close();
            assertEquals(1, fake.resets.get());
            assertEquals("size=1 idle=1 inUse=0 overflow=0 waiting=0", pool.status().toString());
            Lease<Conn> b = pool.borrow(), c = pool.borrow();
            assertNotSame(b.resource(), c.resource(), "a double release must not put the connection in twice");
        }
    }

    @Test
    void invalidateClosesAndFreesTheSlot() {
        try (Pool<Conn> pool = pool(quiet().poolSize(1).maxOverflow(0))) {
            Lease<Conn> a = pool.borrow();
            Conn ca = a.resource();
            a.invalidate("socket reset");
            assertTrue(ca.closed);
            assertEquals(0, fake.resets.get());
            assertTrue(events.has("invalidate Conn#1 socket reset"), events.events.toString());
            assertEquals(2, pool.borrow(Duration.ZERO).resource().id);
            assertThrows(HandleReleasedException.class, a::resource);
        }
    }

    @Test
    void disposeClosesIdleNowInUseOnReturnAndRefusesBorrows() {
        Pool<Conn> pool = pool(quiet().poolSize(3));
        Lease<Conn> a = pool.borrow(), b = pool.borrow();
        Conn ca = a.resource(), cb = b.resource();
        b.release();
        pool.dispose();
        assertTrue(cb.closed, "idle closed at once");
        assertFalse(ca.closed, "in use: left alone until returned");
        assertThrows(PoolClosedException.class, pool::borrow);
        a.release();
        assertTrue(ca.closed, "closed on return");
        assertEquals(1, fake.resets.get(), "no reset for a connection about to be closed");
        assertEquals("size=0 idle=0 inUse=0 overflow=0 waiting=0", pool.status().toString());
        pool.dispose(); // idempotent
        assertTrue(pool.isDisposed());
    }

    @Test
    void eventsInOrder() {
        try (Pool<Conn> pool = pool(quiet().poolSize(1))) {
            Lease<Conn> a = pool.borrow();
            a.release();
            a = pool.borrow();
            a.invalidate("bad");
            assertEquals(List.of("create Conn#1", "checkout Conn#1", "checkin Conn#1", "checkout Conn#1",
                    "checkin Conn#1", "invalidate Conn#1 bad", "close Conn#1 bad"), events.events);
        }
    }

    @Test
    void heldForAndId() {
        try (Pool<Conn> pool = pool(quiet())) {
            Lease<Conn> a = pool.borrow();
            sleep(20);
            a.release();
            Duration held = a.heldFor();
            assertTrue(held.toMillis() >= 20, held.toString());
            sleep(20);
            assertEquals(held, a.heldFor(), "frozen at release");
            assertEquals(1, a.id());
            assertEquals(1, pool.borrow().id(), "same physical connection, same id");
        }
    }

    @Test
    void throwingListenerDoesNotBreakThePool() {
        PoolListener<Conn> bad = new PoolListener<>() {
            @Override
            public void onCheckout(Conn c, long waitNanos) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (Pool<Conn> pool = new Pool<>(quiet().build(), fake, bad)) {
            pool.borrow().release();
            assertEquals("size=1 idle=1 inUse=0 overflow=0 waiting=0", pool.status().toString());
        }
    }
}
