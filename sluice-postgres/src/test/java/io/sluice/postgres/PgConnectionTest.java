package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.QueryCancelledException;
import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.error.UndefinedObjectException;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.postgres.session.PgCursor;
import io.sluice.postgres.session.PgSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The PostgreSQL connection against the real server: queries, errors, pipelining, streaming, COPY, LISTEN, cancel. */
class PgConnectionTest {

    @Test
    void simpleAndExtendedQueries() {
        try (PgConnection c = Pg.connect()) {
            assertTrue(c.backendPid() > 0);
            assertTrue(c.serverVersion().startsWith("1"), c.serverVersion());
            List<Result> rs = c.query("select 1 as a, 'x' as b; select 2");
            assertEquals(2, rs.size());
            assertEquals(1, rs.get(0).rows().get(0).getInt("a"));
            Row r = c.execute("select $1::int4 + 1 as n, $2::text as t, $3::int8 as big, null::text as z", 41, "héllo 😀", 5L)
                    .rows().get(0);
            assertEquals(42, r.getInt("n"));
            assertEquals("héllo 😀", r.getString("t"));
            assertEquals(5L, r.getLong("big"));
            assertNull(r.get("z"));
            assertEquals(1, c.session().cachedStatements());
            c.execute("select $1::int4 + 1 as n, $2::text as t, $3::int8 as big, null::text as z", 1, "a", 2L);
            assertEquals(1, c.session().cachedStatements(), "cache hit");
        }
    }

    @Test
    void errorsAreTypedCarryFieldsAndLeaveTheConnectionUsable() {
        String t = Pg.table("pgerr");
        try (PgConnection c = Pg.connect()) {
            c.query("create table " + t + " (id int primary key, email text unique not null)");
            try {
                c.execute("insert into " + t + " values ($1, $2)", 1, "a@x");
                IntegrityViolationException dup = assertThrows(IntegrityViolationException.class,
                        () -> c.execute("insert into " + t + " values ($1, $2)", 2, "a@x"));
                assertEquals("23505", dup.sqlState());
                assertEquals(IntegrityViolationException.Kind.UNIQUE, dup.kind());
                assertEquals(t + "_email_key", dup.details().constraint());
                assertTrue(dup.details().detail().contains("already exists"), dup.details().detail());
                assertThrows(SqlSyntaxException.class, () -> c.query("selec 1"));
                assertThrows(UndefinedObjectException.class, () -> c.execute("select * from no_such_table_q where 1 = $1", 1));
                assertEquals(3L, c.execute("select $1::int8", 3L).rows().get(0).getLong(0));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void pipelinedConcurrentQueriesAndAFailureInTheMiddle() throws Exception {
        try (PgConnection c = Pg.connect()) {
            List<CompletableFuture<Result>> fs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                fs.add(i == 150 ? c.executeAsync("select 1/$1::int4", 0) : c.executeAsync("select $1::int4 * 2", i));
            }
            for (int i = 0; i < 300; i++) {
                if (i == 150) {
                    int k = i;
                    assertThrows(Exception.class, () -> fs.get(k).get());
                } else {
                    assertEquals(i * 2, fs.get(i).get().rows().get(0).getInt(0));
                }
            }
            assertTrue(c.isUsable());
        }
    }

    @Test
    void withoutAStatementCacheConcurrentCallersNeverRunEachOthersSql() throws Exception {
        try (PgConnection c = PgConnection.connect(Pg.config().statementCacheSize(0).build())) {
            List<CompletableFuture<Result>> fs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fs.add(i % 2 == 0 ? c.executeAsync("select $1::int4 * 2 as even", i)
                        : c.executeAsync("select $1::int4 * 3 as odd, 'x' as pad", i));
            }
            for (int i = 0; i < 200; i++) {
                Row r = fs.get(i).get().rows().get(0);
                assertEquals(i % 2 == 0 ? i * 2 : i * 3, r.getInt(0));
                assertEquals(i % 2 == 0 ? 1 : 2, r.size());
            }
            assertEquals(0, c.session().cachedStatements());
            assertEquals(1L, c.execute("select count(*) from pg_prepared_statements").rows().get(0).getLong(0),
                    "uncached statements are closed after use: only the counting statement itself exists");
        }
    }

    @Test
    void streamingWithAFetchSize() {
        try (PgConnection c = Pg.connect()) {
            long sum = 0;
            int n = 0;
            try (PgCursor cur = c.stream(100, "select g, repeat('x', 50) from generate_series(1, $1::int4) g", 100_000)) {
                while (cur.hasNext()) {
                    sum += cur.next().getInt(0);
                    n++;
                }
            }
            assertEquals(100_000, n);
            assertEquals(100_000L * 100_001 / 2, sum);
            try (PgCursor cur = c.stream(10, "select g from generate_series(1, 1000000) g where g > $1", 0)) {
                assertEquals(1, cur.next().getInt(0));
            }
            assertEquals(7, c.execute("select $1::int4", 7).rows().get(0).getInt(0));
        }
    }

    @Test
    void copyInAndOut() throws Exception {
        String t = Pg.table("pgcopy");
        try (PgConnection c = Pg.connect()) {
            c.query("create table " + t + " (id int, name text)");
            try {
                byte[] data = "1\tone\n2\t\\N\n3\tthree\\ttab\n".getBytes(StandardCharsets.UTF_8);
                assertEquals(3, c.copyIn("copy " + t + " from stdin", new ByteArrayInputStream(data)));
                assertNull(c.execute("select name from " + t + " where id = $1", 2).rows().get(0).get(0));
                assertEquals("three\ttab", c.execute("select name from " + t + " where id = $1", 3).rows().get(0).getString(0));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertEquals(3, c.copyOut("copy (select * from " + t + " order by id) to stdout with (format csv)", out));
                assertEquals("1,one\n2,\n3,three\ttab\n", out.toString(StandardCharsets.UTF_8));
                assertEquals(2, c.copyInRows(t, List.of("id", "name"), List.of(List.of(4, "f\\our"), java.util.Arrays.asList(5, null))));
                assertEquals("f\\our", c.execute("select name from " + t + " where id = $1", 4).rows().get(0).getString(0));
                assertThrows(io.sluice.core.error.ServerException.class,
                        () -> c.copyIn("copy " + t + " from stdin", new ByteArrayInputStream("x\ty\n".getBytes())));
                assertEquals(5L, c.execute("select count(*) from " + t).rows().get(0).getLong(0));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void listenNotifyAcrossTwoConnections() throws Exception {
        List<PgSession.Notification> got = new CopyOnWriteArrayList<>();
        try (PgListener l = PgListener.start(Pg.config().build(), List.of("sluice_chan"), got::add);
             PgConnection sender = Pg.connect()) {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!l.isConnected() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            sender.notify("sluice_chan", "hello");
            deadline = System.nanoTime() + 5_000_000_000L;
            while (got.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, got.size());
            assertEquals("hello", got.get(0).payload());
            assertEquals("sluice_chan", got.get(0).channel());
            // the listener survives its connection being killed
            int pid = l.backendPid();
            sender.execute("select pg_terminate_backend($1)", pid);
            deadline = System.nanoTime() + 10_000_000_000L;
            while ((l.connects() < 2 || !l.isConnected()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(2, l.connects());
            sender.notify("sluice_chan", "again");
            deadline = System.nanoTime() + 5_000_000_000L;
            while (got.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("again", got.get(got.size() - 1).payload());
        }
    }

    @Test
    void cancelStopsPgSleepWithinASecond() throws Exception {
        try (PgConnection c = Pg.connect()) {
            CompletableFuture<Result> f = c.executeAsync("select pg_sleep(60)");
            Thread.sleep(300);
            long t0 = System.nanoTime();
            c.cancel();
            Exception e = assertThrows(Exception.class, () -> f.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof QueryCancelledException, String.valueOf(e.getCause()));
            assertTrue((System.nanoTime() - t0) < 1_000_000_000L, "cancel took too long");
            assertEquals(1, c.execute("select 1").rows().get(0).getInt(0));
            assertFalse(c.inTransaction());
        }
    }

    @Test
    void byteaAndArrays() {
        try (PgConnection c = Pg.connect()) {
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            assertArrayEquals(all, c.execute("select $1::bytea", (Object) all).rows().get(0).getBytes(0));
            Object arr = c.execute("select array[1, null, 3]::int4[]").rows().get(0).get(0);
            assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) arr);
            Object text = c.query("select array[1, null, 3]::int4[]").get(0).rows().get(0).get(0);
            assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) text);
        }
    }
}
