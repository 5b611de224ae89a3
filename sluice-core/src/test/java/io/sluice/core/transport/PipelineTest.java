package io.sluice.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConnectionClosedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Turn order, timeouts, breaking and interrupts of the request pipeline, without a server. */
class PipelineTest {

    private static long send(Pipeline p) {
        p.acquireWrite();
        try {
            return p.issue();
        } finally {
            p.releaseWrite();
        }
    }

    @Test
    void turnsAreServedInTicketOrderWhateverOrderCallersArriveIn() throws Exception {
        Pipeline p = new Pipeline();
        int n = 200;
        long[] tickets = new long[n];
        for (int i = 0; i < n; i++) {
            tickets[i] = send(p);
        }
        assertEquals(n, p.inFlight());
        List<Long> served = new CopyOnWriteArrayList<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) { // start the readers in reverse order
            long t = tickets[i];
            ts.add(Thread.ofVirtual().start(() -> {
                p.awaitTurn(t);
                served.add(t);
                p.finishTurn();
            }));
        }
        for (Thread t : ts) {
            assertTrue(t.join(Duration.ofSeconds(10)), "a reader never got its turn");
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, served.get(i));
        }
        assertTrue(p.idle());
        assertEquals(0, p.inFlight());
    }

    @Test
    void manyWritersAndReadersAtOnceNeverOverlapTurns() throws Exception {
        Pipeline p = new Pipeline();
        AtomicInteger inTurn = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ts.add(Thread.ofVirtual().start(() -> {
                for (int k = 0; k < 2_000; k++) {
                    long t = send(p);
                    p.awaitTurn(t);
                    if (inTurn.incrementAndGet() != 1) {
                        problems.add("two turns at once");
                    }
                    inTurn.decrementAndGet();
                    p.finishTurn();
                }
            }));
        }
        for (Thread t : ts) {
            assertTrue(t.join(Duration.ofSeconds(30)), "a caller hung");
        }
        assertTrue(problems.isEmpty(), problems::toString);
        assertTrue(p.idle());
    }

    @Test
    void aTimedWaitGivesUpAndBreakingWakesEveryWaiter() throws Exception {
        Pipeline p = new Pipeline();
        long first = send(p);
        long second = send(p);
        assertFalse(p.awaitTurn(second, Duration.ofMillis(50).toNanos()), "the earlier ticket was never served");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long t = send(p);
            ts.add(Thread.ofVirtual().start(() -> {
                try {
                    p.awaitTurn(t);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        Thread.sleep(50);
        p.breakAll("server went away");
        for (Thread t : ts) {
            assertTrue(t.join(Duration.ofSeconds(5)), "a waiter was not woken by breakAll");
        }
        assertEquals(4, failures.size());
        failures.forEach(e -> assertTrue(e instanceof ConnectionClosedException
                && e.getMessage().contains("server went away"), e.toString()));
        assertThrows(ConnectionClosedException.class, () -> p.awaitTurn(first), "a broken pipeline reads nothing more");
        assertThrows(ConnectionClosedException.class, p::acquireWrite);
        assertFalse(p.tryAcquireWrite(10));
    }

    @Test
    void anInterruptDoesNotAbandonTheTurnAndStaysSet() throws Exception {
        Pipeline p = new Pipeline();
        long first = send(p);
        long mine = send(p);
        boolean[] flag = new boolean[1];
        Thread reader = Thread.ofVirtual().start(() -> {
            p.awaitTurn(mine); // an abandoned ticket would leave its answer unread: it waits on
            flag[0] = Thread.currentThread().isInterrupted();
            p.finishTurn();
        });
        Thread.sleep(50);
        reader.interrupt();
        Thread.sleep(50);
        assertTrue(reader.isAlive(), "the interrupted reader gave up its turn");
        p.awaitTurn(first);
        p.finishTurn();
        assertTrue(reader.join(Duration.ofSeconds(5)));
        assertTrue(flag[0], "the interrupt was swallowed");
        assertTrue(p.idle());
    }

    @Test
    void anInterruptWhileWaitingToWriteGivesUpBeforeAnythingIsSent() throws Exception {
        Pipeline p = new Pipeline();
        p.acquireWrite();
        boolean[] interrupted = new boolean[1];
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                p.acquireWriteInterruptibly();
                p.releaseWrite();
            } catch (InterruptedException e) {
                interrupted[0] = true;
            }
        });
        Thread.sleep(50);
        writer.interrupt();
        assertTrue(writer.join(Duration.ofSeconds(5)));
        assertTrue(interrupted[0]);
        p.releaseWrite();
        assertTrue(p.tryAcquireWrite(10), "the permit was not left held by the writer that gave up");
    }
}
