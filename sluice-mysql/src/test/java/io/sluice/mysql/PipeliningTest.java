package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConnectionClosedException;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.result.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Concurrent callers on one MySqlConnection: executions of cached prepared statements are written
 * behind the answers in flight and each caller reads its own answer in turn. A mix-up would show
 * as a wrong number; serialization instead of pipelining as at most one call in flight.
 */
class PipeliningTest {

    /** Starts {@code n} virtual threads running {@code body(i)}; problems they hit are collected. */
    private static List<Thread> start(int n, ConcurrentLinkedQueue<String> problems, IntBody body) {
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            ts.add(Thread.ofVirtual().start(() -> {
                try {
                    body.run(id);
                } catch (Throwable e) {
                    problems.add(e.toString());
                }
            }));
        }
        return ts;
    }

    private interface IntBody {
        void run(int i) throws Exception;
    }

    private static void joinAll(List<Thread> ts) throws InterruptedException {
        for (Thread t : ts) {
            assertTrue(t.join(Duration.ofSeconds(60)), "a caller hung");
        }
    }

    /** Waits until {@code c} has at least {@code n} calls in flight; returns the most seen. */
    private static long awaitInFlight(MySqlConnection c, long n, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long most = 0;
        while (System.nanoTime() < deadline) {
            most = Math.max(most, c.callsInFlight());
            if (most >= n) {
                break;
            }
            Thread.sleep(1);
        }
        return most;
    }

    @Test
    void concurrentExecutionsArePipelinedAndEachCallerGetsItsOwnAnswer() throws Exception {
        try (MySqlConnection c = Db.connect()) {
            c.execute("select ?, sleep(?)", 0, 0); // cached: later executions may be pipelined
            c.execute("select ? + 1", 0);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> slow = start(1, problems, i -> {
                // long enough for 16 threads to start and send on a loaded machine
                Row r = c.execute("select ?, sleep(?)", 7, 2).rows().get(0);
                if (r.getLong(0) != 7) {
                    problems.add("slow statement got " + r);
                }
            });
            assertTrue(awaitInFlight(c, 1, Duration.ofSeconds(5)) >= 1);
            List<Thread> fast = start(16, problems, id -> {
                for (int k = 0; k < 50; k++) {
                    long v = id * 10_000L + k;
                    long got = c.execute("select ? + 1", v).rows().get(0).getLong(0);
                    if (got != v + 1) {
                        problems.add("asked " + v + ", got " + got);
                    }
                }
            });
            // the server is busy with the slow statement: only pipelining lets 16 more in behind it
            long most = awaitInFlight(c, 17, Duration.ofSeconds(5));
            joinAll(slow);
            joinAll(fast);
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
            assertTrue(most >= 17, "calls were not pipelined: at most " + most + " in flight");
            assertEquals(0, c.callsInFlight());
            assertEquals(43L, c.execute("select ? + 1", 42).rows().get(0).getLong(0));
        }
    }

    @Test
    void textQueriesArePipelinedTooButNotWithMultiStatements() throws Exception {
        for (boolean multi : new boolean[] {false, true}) {
            try (MySqlConnection c = MySqlConnection.connect(Db.config().multiStatements(multi).build())) {
                ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
                List<Thread> slow = start(1, problems, i -> c.query("select sleep(1.5)"));
                assertTrue(awaitInFlight(c, 1, Duration.ofSeconds(5)) >= 1);
                List<Thread> fast = start(8, problems, id -> {
                    for (int k = 0; k < 20; k++) {
                        long v = id * 1000L + k;
                        long got = ((Number) c.query("select " + v + " + 1").get(0).rows().get(0).get(0)).longValue();
                        if (got != v + 1) {
                            problems.add("asked " + v + ", got " + got);
                        }
                    }
                });
                long most = awaitInFlight(c, 9, Duration.ofMillis(1000));
                joinAll(slow);
                joinAll(fast);
                assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
                if (multi) {
                    // a later statement of a multi-statement text could ask for a local file: never pipelined
                    assertEquals(1, most, "text was pipelined with multiStatements on");
                } else {
                    assertTrue(most >= 9, "text queries were not pipelined: at most " + most + " in flight");
                }
            }
        }
    }

    @Test
    void anErrorStaysWithItsOwnStatement() throws Exception {
        String t = Db.table("pipe_err");
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (id int primary key)");
            try {
                c.execute("insert into " + t + " values (?)", -1); // cached, and the duplicate to hit
                ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
                AtomicInteger duplicates = new AtomicInteger();
                joinAll(start(8, problems, id -> {
                    for (int k = 0; k < 100; k++) {
                        boolean dup = k % 5 == 3;
                        try {
                            long n = c.execute("insert into " + t + " values (?)", dup ? -1 : id * 1000 + k).affectedRows();
                            if (dup || n != 1) {
                                problems.add("insert " + (dup ? "of the duplicate succeeded" : "affected " + n));
                            }
                        } catch (IntegrityViolationException e) {
                            if (!dup) {
                                problems.add("a good insert failed: " + e);
                            }
                            duplicates.incrementAndGet();
                        }
                    }
                }));
                assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
                assertEquals(8 * 20, duplicates.get());
                assertEquals(1L + 8 * 80, c.execute("select count(*) from " + t).rows().get(0).getLong(0));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void callsThatNeedTheConnectionAloneWaitForTheAnswersInFlight() throws Exception {
        try (MySqlConnection c = Db.connect()) {
            c.execute("select ?, sleep(?)", 0, 0);
            c.execute("select ? * 2", 0);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            List<Thread> slow = start(1, problems, i -> c.execute("select ?, sleep(?)", 1, 0.3));
            assertTrue(awaitInFlight(c, 1, Duration.ofSeconds(5)) >= 1);
            List<Thread> mixed = start(12, problems, id -> {
                for (int k = 0; k < 20; k++) {
                    long v = id * 100L + k;
                    switch ((id + k) % 4) {
                        case 0 -> check(problems, v * 2, c.execute("select ? * 2", v).rows().get(0).getLong(0));
                        case 1 -> check(problems, v, ((Number) c.query("select " + v).get(0).rows().get(0).get(0)).longValue());
                        case 2 -> { // never seen before: prepared with the connection alone
                            long got = c.execute("select ? + " + (id * 1000 + k), v).rows().get(0).getLong(0);
                            check(problems, v + id * 1000 + k, got);
                        }
                        default -> {
                            long sum = 0;
                            try (RowStream s = c.stream("select seq from seq_1_to_100 where seq > ?", v % 10)) {
                                while (s.hasNext()) {
                                    sum += s.next().getLong(0);
                                }
                            }
                            long from = v % 10 + 1;
                            check(problems, (from + 100) * (100 - from + 1) / 2, sum);
                        }
                    }
                }
            });
            joinAll(slow);
            joinAll(mixed);
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
            assertTrue(c.isUsable());
        }
    }

    private static void check(ConcurrentLinkedQueue<String> problems, long want, long got) {
        if (want != got) {
            problems.add("wanted " + want + ", got " + got);
        }
    }

    @Test
    void aConnectionKilledMidPipelineFailsEveryCallInFlightAndNothingHangs() throws Exception {
        MySqlConnection c = Db.connect();
        try {
            c.execute("select ?, sleep(?)", 0, 0);
            c.execute("select ? + 1", 0);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger broken = new AtomicInteger();
            List<Thread> callers = new ArrayList<>(start(1, problems, i -> {
                try {
                    c.execute("select ?, sleep(?)", 1, 30);
                    problems.add("the killed statement returned");
                } catch (SluiceException e) {
                    broken.incrementAndGet();
                }
            }));
            assertTrue(awaitInFlight(c, 1, Duration.ofSeconds(5)) >= 1);
            callers.addAll(start(8, problems, id -> {
                try {
                    long got = c.execute("select ? + 1", id).rows().get(0).getLong(0);
                    problems.add("a call behind the killed one returned " + got);
                } catch (SluiceException e) {
                    if (!e.isConnectionBroken()) {
                        problems.add("not a connection failure: " + e);
                    }
                    broken.incrementAndGet();
                }
            }));
            assertTrue(awaitInFlight(c, 9, Duration.ofSeconds(5)) >= 9, "calls did not pile up behind the sleeper");
            Db.server().sql("KILL CONNECTION " + c.info().connectionId());
            joinAll(callers);
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
            assertEquals(9, broken.get());
            assertTrue(c.isBroken());
            assertThrows(ConnectionClosedException.class, () -> c.execute("select ? + 1", 1));
        } finally {
            c.close();
        }
    }

    @Test
    void closeWhileCallsAreInFlightGivesUpAfterASecondAndFailsThem() throws Exception {
        MySqlConnection c = Db.connect();
        c.execute("select ?, sleep(?)", 0, 0);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> callers = start(3, problems, i -> {
            try {
                c.execute("select ?, sleep(?)", i, 5);
                problems.add("a statement outlived close()");
            } catch (SluiceException e) {
                failed.incrementAndGet();
            }
        });
        assertTrue(awaitInFlight(c, 3, Duration.ofSeconds(5)) >= 3);
        long t0 = System.nanoTime();
        c.close();
        long took = System.nanoTime() - t0;
        joinAll(callers);
        assertTrue(took < Duration.ofSeconds(5).toNanos(), "close waited " + took / 1_000_000 + " ms");
        assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
        assertEquals(3, failed.get());
        assertTrue(!c.isUsable());
    }
}
