package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ServerException;
import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.result.Row;
import io.sluice.core.transport.TlsMode;
import io.sluice.testkit.PgBouncerInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The driver behind pgbouncer in transaction pooling mode: with {@code poolerMode} every request is
 * a self-contained unnamed Parse/Bind/Execute/Sync, so it works whichever server connection the
 * pooler picks; without it the per-connection statement names collide on shared server connections.
 */
class PgBouncerTest {
    private static PgBouncerInstance bouncer;

    @BeforeAll
    static void start() {
        // two server connections shared by many clients: statements of different clients interleave
        bouncer = PgBouncerInstance.builder().defaultPoolSize(2).start();
    }

    @AfterAll
    static void stop() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    private static PgConfig.Builder config(PgBouncerInstance b) {
        return PgConfig.builder().host(b.host()).port(b.port()).user(b.backend().user()).database(b.database())
                .sslMode(TlsMode.DISABLE);
    }

    private static PgConnection pooled(PgBouncerInstance b) {
        return PgConnection.connect(config(b).poolerMode(true).build());
    }

    @Test
    void concurrentClientsShareTwoServerConnectionsWithParameterisedStatements() throws Exception {
        int clients = 8;
        int queries = 200;
        Set<Integer> backendPids = ConcurrentHashMap.newKeySet();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    long sum = 0;
                    try (PgConnection conn = pooled(bouncer)) {
                        for (int i = 0; i < queries; i++) {
                            // the same SQL text again and again: a named statement would be tied to
                            // the server connection it was parsed on
                            Row r = conn.execute("select $1::int4 * 2 as n, $2::text as t, pg_backend_pid() as pid",
                                    i, "c" + client).rows().get(0);
                            assertEquals(i * 2, r.getInt("n"));
                            assertEquals("c" + client, r.getString("t"));
                            backendPids.add(r.getInt("pid"));
                            sum += r.getInt("n");
                        }
                    }
                    return sum;
                }));
            }
            for (Future<Long> f : results) {
                assertEquals((long) queries * (queries - 1), f.get());
            }
        }
        assertTrue(backendPids.size() <= 2, "pool size 2 but saw server pids " + backendPids);
    }

    @Test
    void transactionsKeepTheirServerConnectionAndRollBack() {
        String t = Pg.table("bouncer_tx");
        try (PgConnection c = pooled(bouncer)) {
            c.query("create table " + t + " (id int primary key, v text)");
            try {
                c.query("begin");
                assertTrue(c.inTransaction());
                int pid = c.execute("select pg_backend_pid()").rows().get(0).getInt(0);
                c.execute("insert into " + t + " values ($1, $2)", 1, "one");
                // a temp table proves the same server connection serves the whole transaction
                c.query("create temp table tmp_in_tx (x int) on commit drop");
                assertEquals(1, c.execute("select count(*)::int4 from " + t + " where v = $1", "one").rows().get(0).getInt(0));
                assertEquals(pid, c.execute("select pg_backend_pid()").rows().get(0).getInt(0));
                c.query("commit");
                assertFalse(c.inTransaction());

                c.query("begin");
                c.execute("insert into " + t + " values ($1, $2)", 2, "two");
                // an error aborts the transaction; only ROLLBACK is accepted until it ends
                assertThrows(ServerException.class, () -> c.execute("insert into " + t + " values ($1, $2)", 1, "dup"));
                ServerException aborted = assertThrows(ServerException.class, () -> c.execute("select $1::int4", 1));
                assertEquals("25P02", aborted.sqlState());
                c.query("rollback");
                assertFalse(c.inTransaction());
                assertEquals(List.of("one"), c.execute("select v from " + t + " order by id").rows().stream()
                        .map(r -> r.getString(0)).toList());
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void errorsAreCleanAndTheConnectionStaysUsable() {
        try (PgConnection c = pooled(bouncer)) {
            assertThrows(SqlSyntaxException.class, () -> c.execute("selec $1::int4", 1));
            ServerException div = assertThrows(ServerException.class, () -> c.execute("select 1 / $1::int4", 0));
            assertEquals("22012", div.sqlState());
            assertThrows(ServerException.class, () -> c.execute("select $1::int4", "not a number"));
            assertTrue(c.isUsable());
            assertEquals(7, c.execute("select $1::int4", 7).rows().get(0).getInt(0));
            assertEquals(3, c.query("select 1; select 3").get(1).rows().get(0).getInt(0));
        }
    }

    /**
     * Without poolerMode each client names its first statement {@code sluice_1}. Two clients
     * sharing ONE server connection therefore collide deterministically: the second Parse of
     * "sluice_1" on the same server connection fails with 42P05 (duplicate_prepared_statement).
     */
    @Test
    void withoutPoolerModeNamedStatementsCollideOnASharedServerConnection() {
        // without poolerMode the driver sends startup parameters pgbouncer does not track
        try (PgBouncerInstance single = PgBouncerInstance.builder().defaultPoolSize(1)
                .config("ignore_startup_parameters = extra_float_digits, IntervalStyle").start();
             PgConnection a = PgConnection.connect(config(single).build());
             PgConnection b = PgConnection.connect(config(single).build())) {
            assertEquals(1, a.execute("select $1::int4", 1).rows().get(0).getInt(0));
            ServerException e = assertThrows(ServerException.class, () -> b.execute("select $1::text", "x"));
            assertEquals("42P05", e.sqlState(), e.getMessage());
            assertTrue(e.getMessage().contains("sluice_1"), e.getMessage());
            // the same requests in pooler mode are fine on that single shared server connection
            try (PgConnection pa = PgConnection.connect(config(single).poolerMode(true).build());
                 PgConnection pb = PgConnection.connect(config(single).poolerMode(true).build())) {
                assertEquals(1, pa.execute("select $1::int4", 1).rows().get(0).getInt(0));
                assertEquals("x", pb.execute("select $1::text", "x").rows().get(0).getString(0));
            }
        }
    }
}
