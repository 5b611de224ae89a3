package io.sluice.mysql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineListener;
import io.sluice.core.engine.ExecuteEvent;
import io.sluice.core.engine.HealthReport;
import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.result.Row;
import io.sluice.core.spi.ConnectionMeta;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQL text, results, bulk, streaming, events and monitoring through the engine on MariaDB. */
class EngineFeaturesTest {
    private static final String USERS = EngineDb.table("users");
    private static Engine engine;

    record User(long id, String email, String fullName, LocalDateTime createdAt) {
    }

    @BeforeAll
    static void setUp() {
        engine = EngineDb.engine("poolSize=4");
        engine.execute("create table " + USERS + " (id bigint primary key auto_increment, email varchar(100) unique, "
                + "full_name varchar(100), created_at datetime default '2024-01-01 00:00:00')");
    }

    @AfterAll
    static void tearDown() {
        engine.execute("drop table if exists " + USERS);
        engine.dispose();
    }

    @Test
    void namedParametersInListsAndRecords() {
        long a = engine.execute("insert into " + USERS + " (email, full_name) values (:email, :name)",
                Map.of("email", "a@x", "name", "Ann")).lastInsertId();
        long b = engine.execute("insert into " + USERS + " (email, full_name) values (?, ?)", "b@x", "Bob").lastInsertId();
        assertTrue(b > a);
        List<User> users = engine.queryAs(User.class, "select id, email, full_name, created_at from " + USERS
                + " where id in :ids order by id", Map.of("ids", List.of(a, b)));
        assertEquals(List.of("Ann", "Bob"), users.stream().map(User::fullName).toList());
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), users.get(0).createdAt());
        // quotes, comments, casts and := are not parameters
        Row r = engine.execute("select ':notparam' as s, /* :nope */ @v := 1 as v, :real as x -- :neither",
                Map.of("real", 5)).rows().get(0);
        assertEquals(":notparam", r.getString("s"));
        assertEquals(5L, r.getLong("x"));
        assertEquals(0L, engine.execute("select count(*) from " + USERS + " where id in :ids",
                Map.of("ids", List.of())).rows().get(0).getLong(0), "an empty IN list matches nothing");
        assertEquals("Bob", engine.execute("select full_name from " + USERS + " where id = ?", b).one().getString(0));
        assertNull(engine.execute("select full_name from " + USERS + " where id = -1").oneOrNone());
        assertEquals(2L, ((Number) engine.execute("select count(*) from " + USERS + " where id in (:ids)",
                Map.of("ids", List.of(a, b))).scalar()).longValue());
        IntegrityViolationException dup = assertThrows(IntegrityViolationException.class, () -> engine.execute(
                "insert into " + USERS + " (email) values (:e)", Map.of("e", "a@x")));
        assertEquals(IntegrityViolationException.Kind.UNIQUE, dup.kind());
    }

    /**
     * Rows are bound as the bulk commands are built (about 10 MB here, so several commands,
     * the next encoded while the previous runs): a bad row deep in the batch must fail it with the
     * binding error, leave the connection usable, and inside a transaction leave nothing.
     */
    @Test
    void executeManyWithABadRowDeepInTheBatchFailsCleanly() {
        String t = EngineDb.table("bulk_bad");
        engine.execute("create table " + t + " (id int primary key, name varchar(250))");
        try {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                rows.add(i == 40_000 ? List.of(i) : List.of(i, "n" + "x".repeat(200) + i));
            }
            io.sluice.core.error.UsageException e = assertThrows(io.sluice.core.error.UsageException.class,
                    () -> engine.inTransaction(tx -> tx.executeMany("insert into " + t + " (id, name) values (?, ?)",
                            rows, null)));
            assertTrue(e.getMessage().contains("1 value(s) were given"), e.getMessage());
            assertEquals(0L, ((Number) engine.execute("select count(*) from " + t).scalar()).longValue());
            assertEquals(2, engine.executeMany("insert into " + t + " (id, name) values (?, ?)",
                    List.of(List.of(1, "a"), List.of(2, "b")), null));
        } finally {
            engine.execute("drop table " + t);
        }
    }

    @Test
    void executeManyOf100kRowsWithProgress() {
        String t = EngineDb.table("bulk");
        engine.execute("create table " + t + " (id int primary key, name varchar(40), score double)");
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                rows.add(Map.of("id", i, "name", "user" + i, "score", i / 3.0));
            }
            List<Long> progress = new CopyOnWriteArrayList<>();
            long affected = engine.executeMany("insert into " + t + " (id, name, score) values (:id, :name, :score)",
                    rows, progress::add);
            assertEquals(100_000, affected);
            assertEquals(100_000L, progress.get(progress.size() - 1));
            assertEquals(100_000L, engine.execute("select count(*) from " + t).rows().get(0).getLong(0));
            assertEquals("user99999", engine.execute("select name from " + t + " where id = ?", 99_999).one().getString(0));
        } finally {
            engine.execute("drop table " + t);
        }
    }

    @Test
    void streamingAMillionRowsUnder64MegabytesOfHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StreamProbe.class.getName(), EngineDb.url("poolSize=1")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("rows=1000000"), out);
        assertTrue(out.contains("sum=500000500000"), out);
    }

    @Test
    void asyncStreamHonoursDemand() throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        AtomicLong sum = new AtomicLong();
        engine.async().stream("select seq from seq_1_to_10000 where seq > ?", 0).subscribe(new Flow.Subscriber<>() {
            Flow.Subscription s;
            long n;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                this.s = s;
                s.request(10);
            }

            @Override
            public void onNext(Row item) {
                sum.addAndGet(item.getLong(0));
                if (++n % 10 == 0) {
                    s.request(10);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(n);
            }
        });
        assertEquals(10_000L, done.get(30, TimeUnit.SECONDS));
        assertEquals(50_005_000L, sum.get());
        // cancel early: the connection comes back and works
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        engine.async().stream("select seq from seq_1_to_10000000 where seq > ?", 0).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(5);
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException ignored) {
                        return;
                    }
                    s.cancel();
                    cancelled.complete(null);
                });
            }

            @Override
            public void onNext(Row item) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        cancelled.get(10, TimeUnit.SECONDS);
        assertEquals(1L, engine.execute("select 1").one().getLong(0));
    }

    @Test
    void eventsSlowQueryLogStatsHealthAndInfo() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<ExecuteEvent> slow = new CopyOnWriteArrayList<>();
        try (Engine e = EngineDb.engine("poolSize=2&slowQueryThreshold=150ms")) {
            e.addListener(new EngineListener() {
                @Override
                public void onConnect(ConnectionMeta c) {
                    events.add("connect");
                }

                @Override
                public void onCheckout(ConnectionMeta c, Duration wait) {
                    events.add("checkout");
                }

                @Override
                public void onCheckin(ConnectionMeta c, Duration held) {
                    events.add("checkin");
                }

                @Override
                public void beforeExecute(ExecuteEvent ev) {
                    events.add("before:" + ev.sql() + ":" + ev.parameterCount());
                }

                @Override
                public void afterExecute(ExecuteEvent ev) {
                    events.add("after:" + ev.rows() + ":" + (ev.error() == null ? "ok" : "error"));
                }

                @Override
                public void onSlowQuery(ExecuteEvent ev) {
                    slow.add(ev);
                }
            });
            e.execute("select ?, ?", 1, 2);
            assertEquals(List.of("connect", "checkout", "before:select ?, ?:2", "after:1:ok", "checkin"), events);
            assertThrows(RuntimeException.class, () -> e.execute("selec 1"));
            assertTrue(events.contains("after:-1:error"));
            e.execute("select sleep(0.2)");
            assertEquals(1, slow.size());
            assertTrue(slow.get(0).durationNanos() >= 150_000_000L);
            var stats = e.stats();
            assertEquals(3, stats.queries());
            assertEquals(1, stats.errors());
            assertEquals(1, stats.slowQueries());
            assertTrue(stats.latency().p99Micros() >= 150_000, stats.toString());
            assertEquals(3, stats.checkoutWait().count());
            HealthReport h = e.health();
            assertTrue(h.healthy(), String.valueOf(h.error()));
            assertNotNull(h.connection().serverVersion());
            ConnectionMeta info = e.info();
            assertEquals(EngineDb.server().database(), info.database());
            assertTrue(info.connectionId() > 0);
        }
        try (Engine dead = Engine.create("mysql://root@127.0.0.1:1/test?connectTimeout=500ms&poolTimeout=1s")) {
            HealthReport h = dead.health();
            assertTrue(!h.healthy() && h.error() != null);
        }
    }

    @Test
    void anAsyncResultArrivesWithItsConnectionBackInThePool() throws Exception {
        // the body's result used to complete the future before the connection went back: a caller
        // joining it and looking at the pool at once could still see the connection in use
        for (int i = 0; i < 200; i++) {
            engine.async().execute("select ? + 0", i).get();
            assertEquals(0, engine.poolStatus().inUse(), "round " + i);
        }
    }

    @Test
    void asyncFaceCoversTransactionsBulkAndMapping() throws Exception {
        String t = EngineDb.table("async");
        engine.async().execute("create table " + t + " (id int primary key, v varchar(10))").get();
        try {
            long n = engine.async().executeMany("insert into " + t + " values (?, ?)",
                    List.of(List.of(1, "a"), List.of(2, "b"), List.of(3, "c")), null).get();
            assertEquals(3, n);
            long sum = engine.async().inTransaction(tx -> {
                tx.execute("update " + t + " set v = 'z' where id = ?", 1);
                return ((Number) tx.execute("select sum(id) from " + t).scalar()).longValue();
            }).get();
            assertEquals(6, sum);
            record Item(int id, String v) {
            }
            List<Item> items = engine.async().queryAs(Item.class, "select id, v from " + t + " order by id").get();
            assertEquals("z", items.get(0).v());
            var failed = engine.async().inTransaction(tx -> {
                tx.execute("update " + t + " set v = 'gone' where id = ?", 2);
                throw new IllegalStateException("abort");
            });
            java.util.concurrent.ExecutionException ee = assertThrows(java.util.concurrent.ExecutionException.class,
                    failed::get);
            assertTrue(ee.getCause() instanceof IllegalStateException);
            assertEquals("b", engine.execute("select v from " + t + " where id = ?", 2).one().getString(0));
        } finally {
            engine.execute("drop table " + t);
        }
    }

    @Test
    void urlOptionsAreValidatedWithoutLeakingThePassword() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Engine.create("mysql://u:topsecret@h/db?poolSize=0"));
        assertTrue(e.getMessage().contains("poolSize"), e.getMessage());
        assertTrue(!e.getMessage().contains("topsecret"));
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> Engine.create("mysql://u:topsecret@h/db?poolSizee=3"));
        assertTrue(unknown.getMessage().contains("'poolSizee'"), unknown.getMessage());
        try (Engine ok = Engine.create("mysql://u:topsecret@h/db?poolSize=3")) {
            assertTrue(!ok.toString().contains("topsecret") && !ok.config().toString().contains("topsecret"));
        }
    }
}
