package io.sluice.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class IdleSetTest {

    private static List<PooledEntry<String>> entries(int n) {
        List<PooledEntry<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new PooledEntry<>(i, "c" + i, 0, 0));
        }
        return out;
    }

    private static List<String> drain(IdleSet<String> set) {
        List<String> out = new ArrayList<>();
        for (PooledEntry<String> e; (e = set.poll()) != null; ) {
            out.add(e.resource);
        }
        return out;
    }

    @Test
    void lifoTakesTheMostRecentAndKeepsPingedOnesAtTheColdEnd() {
        IdleSet<String> set = new IdleSet<>(true);
        List<PooledEntry<String>> e = entries(4);
        set.put(e.get(0));
        set.put(e.get(1));
        set.putBack(e.get(3)); // back from a keepalive ping
        set.put(e.get(2));
        assertEquals(4, set.size());
        assertEquals(List.of("c3", "c0", "c1", "c2"), set.longestIdleFirst().stream().map(x -> x.resource).toList());
        assertEquals(List.of("c2", "c1", "c0", "c3"), drain(set));
        assertNull(set.poll());
    }

    @Test
    void fifoRoundRobins() {
        IdleSet<String> set = new IdleSet<>(false);
        List<PooledEntry<String>> e = entries(3);
        set.put(e.get(0));
        set.put(e.get(1));
        set.putBack(e.get(2));
        assertEquals(List.of("c0", "c1", "c2"), set.longestIdleFirst().stream().map(x -> x.resource).toList());
        assertTrue(set.remove(e.get(1)));
        assertFalse(set.remove(e.get(1)));
        assertEquals(List.of("c0", "c2"), drain(set));
    }

    @Test
    void removingFromInsideTheStackKeepsTheOrderOfTheRest() {
        IdleSet<String> set = new IdleSet<>(true);
        List<PooledEntry<String>> e = entries(5);
        e.subList(0, 4).forEach(set::put);
        set.putBack(e.get(4));
        assertTrue(set.remove(e.get(1)));
        assertFalse(set.remove(e.get(1)), "claimed once");
        assertTrue(set.remove(e.get(4)));
        assertSame(e.get(3), set.poll());
        set.put(e.get(3));
        assertEquals(List.of("c3", "c2", "c0"), drain(set));
    }

    /**
     * Housekeeping removes an entry from inside the stack by detaching the whole stack and
     * re-publishing the rest while borrowers and returners keep popping and pushing: no entry may be
     * lost, duplicated, or handed to two owners at once.
     */
    @Test
    void removeRacingPushAndPollNeitherLosesNorDuplicatesAnEntry() throws Exception {
        for (boolean lifo : new boolean[] {true, false}) {
            IdleSet<String> set = new IdleSet<>(lifo);
            List<PooledEntry<String>> e = entries(12);
            e.forEach(set::put);
            AtomicIntegerArray owners = new AtomicIntegerArray(e.size());
            AtomicInteger doubleOwned = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (!stop.get()) {
                        PooledEntry<String> x = set.poll();
                        if (x == null) {
                            continue;
                        }
                        if (owners.incrementAndGet((int) x.id) != 1) {
                            doubleOwned.incrementAndGet();
                        }
                        owners.decrementAndGet((int) x.id);
                        set.put(x);
                    }
                }));
            }
            Thread housekeeper = Thread.ofPlatform().start(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (!stop.get()) {
                    PooledEntry<String> x = e.get(r.nextInt(e.size()));
                    if (set.remove(x)) {
                        if (owners.incrementAndGet((int) x.id) != 1) {
                            doubleOwned.incrementAndGet();
                        }
                        owners.decrementAndGet((int) x.id);
                        if (r.nextBoolean()) {
                            set.putBack(x);
                        } else {
                            set.put(x);
                        }
                    }
                }
            });
            Thread.sleep(400);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            housekeeper.join();
            assertEquals(0, doubleOwned.get(), "an entry had two owners (lifo=" + lifo + ")");
            List<String> left = drain(set);
            Set<String> distinct = new HashSet<>(left);
            assertEquals(e.size(), left.size(), "lost or duplicated (lifo=" + lifo + "): " + left);
            assertEquals(e.size(), distinct.size(), "duplicated (lifo=" + lifo + "): " + left);
        }
    }

    /**
     * Returns land on the returning thread's stripe; a borrower whose own stripe is empty must still
     * find connections on the others (else a pool would look empty while half its connections sit
     * idle), and housekeeping must see and claim entries on every stripe.
     */
    @Test
    void entriesOnOtherThreadsStripesAreFoundByPollRemoveAndTheIdleSnapshot() throws Exception {
        IdleSet<String> set = new IdleSet<>(true, 8);
        List<PooledEntry<String>> e = entries(8);
        for (int i = 0; i < e.size(); i++) {
            PooledEntry<String> x = e.get(i);
            x.lastReturned = 100 - i; // entry 7 returned first, so it has been idle longest
            Thread t = Thread.ofPlatform().start(() -> set.put(x)); // eight threads: several stripes
            t.join();
        }
        assertEquals(8, set.size());
        assertEquals(List.of("c7", "c6", "c5", "c4", "c3", "c2", "c1", "c0"),
                set.longestIdleFirst().stream().map(x -> x.resource).toList());
        assertTrue(set.remove(e.get(3)));
        assertFalse(set.remove(e.get(3)));
        Set<String> polled = new HashSet<>(drain(set));
        assertEquals(Set.of("c0", "c1", "c2", "c4", "c5", "c6", "c7"), polled);
        assertNull(set.poll());
    }

    @Test
    void aThreadGetsBackWhatItReturnedLastEvenWithOtherStripesFull() throws Exception {
        IdleSet<String> set = new IdleSet<>(true, 8);
        List<PooledEntry<String>> e = entries(6);
        Thread other = Thread.ofPlatform().start(() -> e.subList(0, 5).forEach(set::put));
        other.join();
        set.put(e.get(5));
        assertSame(e.get(5), set.poll(), "own stripe first (LIFO per stripe)");
        assertEquals(5, drain(set).size());
    }
}
