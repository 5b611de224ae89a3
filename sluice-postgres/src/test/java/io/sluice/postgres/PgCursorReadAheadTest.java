package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ServerException;
import io.sluice.postgres.session.PgCursor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The cursor keeps one Execute in flight ahead of the caller; these pin the edges where the
 * read-ahead Execute meets a portal that has already ended (row counts around the fetch size, an
 * empty result, an error in a later batch, an early close) and check the connection is clean after.
 */
class PgCursorReadAheadTest {

    @ParameterizedTest(name = "{0} rows, fetch size 10")
    @ValueSource(ints = {0, 1, 9, 10, 11, 20, 30, 31, 1000})
    void everyRowOnceWhateverTheCountVersusTheFetchSize(int rows) {
        try (PgConnection c = Pg.connect()) {
            long sum = 0;
            int n = 0;
            try (PgCursor cur = c.stream(10, "select g from generate_series(1, $1::int4) g", rows)) {
                while (cur.hasNext()) {
                    sum += cur.next().getInt(0);
                    n++;
                }
                assertFalse(cur.hasNext());
            }
            assertEquals(rows, n);
            assertEquals((long) rows * (rows + 1) / 2, sum);
            assertClean(c);
        }
    }

    @Test
    void anErrorInALaterBatchSurfacesAndLeavesTheConnectionUsable() {
        try (PgConnection c = Pg.connect()) {
            int[] seen = {0};
            try (PgCursor cur = c.stream(10, "select 1 / (g - 35) from generate_series(1, 100) g")) {
                ServerException e = assertThrows(ServerException.class, () -> {
                    while (cur.hasNext()) {
                        cur.next();
                        seen[0]++;
                    }
                });
                assertEquals("22012", e.sqlState());
                assertTrue(seen[0] >= 30 && seen[0] < 35, "rows before the failing batch: " + seen[0]);
                assertFalse(cur.hasNext());
            }
            assertClean(c);
        }
    }

    @Test
    void closingEarlyWhileTheReadAheadIsInFlightDiscardsItAndStaysUsable() {
        try (PgConnection c = Pg.connect()) {
            for (int take : new int[] {0, 1, 10, 15, 25}) {
                try (PgCursor cur = c.stream(10, "select g from generate_series(1, 1000000) g")) {
                    for (int i = 1; i <= take; i++) {
                        assertTrue(cur.hasNext());
                        assertEquals(i, cur.next().getInt(0));
                    }
                }
                assertClean(c);
            }
        }
    }

    @Test
    void insideATransactionTheCursorLeavesTheTransactionOpenAndIntact() {
        try (PgConnection c = Pg.connect()) {
            c.query("begin");
            try (PgCursor cur = c.stream(10, "select g from generate_series(1, 25) g")) {
                int n = 0;
                while (cur.hasNext()) {
                    cur.next();
                    n++;
                }
                assertEquals(25, n);
            }
            assertEquals(3, c.execute("select $1::int4", 3).rows().get(0).getInt(0));
            c.query("commit");
            assertClean(c);
        }
    }

    /**
     * Fetches grow: 10, 20, 40, then 80 (8 x the fetch size) from there on. A sequence advanced per
     * row shows, from another session, how many rows the server has produced: the fetches requested
     * so far, since the server runs each Execute to its row limit and then waits for the next one.
     */
    @Test
    void laterFetchesDoubleUpToEightTimesTheFetchSize() throws Exception {
        String seq = Pg.table("fetchgrowth");
        try (PgConnection c = Pg.connect(); PgConnection other = Pg.connect()) {
            c.query("create sequence " + seq);
            try (PgCursor cur = c.stream(10, "select nextval('" + seq + "') from generate_series(1, 100000)")) {
                int taken = 0;
                // rows taken -> rows the server has produced (the two fetches requested at open, and one
                // more every time the caller reads past the end of a batch)
                int[][] checkpoints = {{1, 10 + 20}, {11, 10 + 20 + 40}, {31, 150}, {71, 230}, {151, 310}};
                for (int[] cp : checkpoints) {
                    while (taken < cp[0]) {
                        assertEquals(++taken, cur.next().getLong(0));
                    }
                    assertEquals(cp[1], settled(other, seq, cp[1]), "rows produced after taking " + taken);
                }
            } finally {
                c.query("drop sequence " + seq);
            }
            assertClean(c);
        }
    }

    /**
     * The sequence's value once it has reached {@code expected} (or after 5 s without), read again a
     * little later so that a server producing more than expected is seen too.
     */
    private static long settled(PgConnection other, String seq, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (lastValue(other, seq) < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        return lastValue(other, seq);
    }

    private static long lastValue(PgConnection other, String seq) {
        return other.execute("select last_value from " + seq).rows().get(0).getLong(0);
    }

    private static void assertClean(PgConnection c) {
        assertEquals(7, c.execute("select $1::int4", 7).rows().get(0).getInt(0));
        assertEquals(2, c.query("select 1; select 2").size());
    }
}
