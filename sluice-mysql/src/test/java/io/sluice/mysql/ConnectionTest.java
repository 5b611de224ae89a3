package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.ConnectionClosedException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.TimeoutException;
import io.sluice.core.result.Result;
import io.sluice.testkit.FaultProxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Connection-level behaviour against the real MariaDB. */
class ConnectionTest {

    @Test
    void selectOneAndInfo() {
        try (MySqlConnection c = Db.connect()) {
            List<Result> r = c.query("select 1 as one");
            assertEquals(1, r.size());
            assertEquals(1, r.get(0).rows().get(0).getInt("one"));
            ConnectionInfo info = c.info();
            assertTrue(info.connectionId() > 0);
            assertEquals(Db.server().user(), info.user());
            assertNotNull(info.serverVersion());
            assertEquals(info.connectionId(), c.query("select connection_id()").get(0).rows().get(0).getLong(0));
            assertEquals(Db.server().database(), c.query("select database()").get(0).rows().get(0).getString(0));
        }
    }

    @Test
    void fromUrl() {
        try (MySqlConnection c = MySqlConnection.connect(Db.server().mysqlUrl() + "?sslMode=disable&connectTimeout=5s")) {
            assertEquals(2L, c.execute("select ? + 1", 1).rows().get(0).getLong(0));
        }
    }

    @Test
    void unknownOptionNamesIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> MySqlConnection.connect(Db.server().mysqlUrl() + "?sslMod=disable"));
        assertTrue(e.getMessage().contains("'sslMod'"), e.getMessage());
    }

    @Test
    void pingInitDbAndReset() {
        Db.server().sql("CREATE DATABASE IF NOT EXISTS sluice_other");
        try (MySqlConnection c = Db.connect()) {
            c.ping();
            c.initDb("sluice_other");
            assertEquals("sluice_other", c.query("select database()").get(0).rows().get(0).getString(0));
            c.query("set @x = 42");
            c.query("set session sql_mode = 'ANSI_QUOTES'");
            c.query("begin");
            assertTrue(c.inTransaction());
            c.resetConnection();
            assertFalse(c.inTransaction());
            assertTrue(c.query("select @x").get(0).rows().get(0).isNull(0), "user variable cleared");
            assertFalse(c.query("select @@session.sql_mode").get(0).rows().get(0).getString(0).contains("ANSI_QUOTES"));
        }
    }

    @Test
    void sessionSettingsAppliedAndReappliedAfterReset() {
        MySqlConfig cfg = Db.config().timeZone("+03:00").sessionVariable("sql_mode", "ANSI_QUOTES,STRICT_ALL_TABLES")
                .sessionVariable("wait_timeout", "1234").initSql("set @init = 'yes'").autocommit(false)
                .connectionAttribute("app", "sluice-test").build();
        try (MySqlConnection c = MySqlConnection.connect(cfg)) {
            for (int round = 0; round < 2; round++) {
                var row = c.query("select @@session.time_zone, @@session.sql_mode, @@session.wait_timeout, @init, @@autocommit")
                        .get(0).rows().get(0);
                assertEquals("+03:00", row.getString(0));
                assertTrue(row.getString(1).contains("ANSI_QUOTES"));
                assertEquals(1234L, row.getLong(2));
                assertEquals("yes", row.getString(3));
                assertEquals(0L, row.getLong(4));
                assertFalse(c.autocommit());
                c.resetConnection();
            }
            assertEquals("+03:00", c.sessionZone().getId());
        }
    }

    @Test
    void collationAboveHandshakeByteIsSetAfterLogin() {
        // ids above 255 do not fit the handshake's collation byte; the driver sends SET NAMES ... COLLATE
        try (MySqlConnection c = MySqlConnection.connect(Db.config().collation("utf8mb4_croatian_ci").build())) {
            var row = c.query("select @@collation_connection, @@character_set_client, @@character_set_results")
                    .get(0).rows().get(0);
            assertEquals("utf8mb4_croatian_ci", row.getString(0));
            assertEquals("utf8mb4", row.getString(1));
            assertEquals("utf8mb4", row.getString(2));
            c.resetConnection();
            assertEquals("utf8mb4_croatian_ci", c.query("select @@collation_connection").get(0).rows().get(0).getString(0));
        }
    }

    @Test
    void preferFallsBackToPlainTextOnlyWithoutServerTls() {
        // a scripted server that does not offer TLS: prefer connects in plain text, require refuses
        try (var fake = FaultTest.server(conn -> conn.awaitPeerClose(Duration.ofSeconds(5)))) {
            MySqlConfig prefer = MySqlConfig.builder().host("127.0.0.1").port(fake.port()).user("u")
                    .sslMode(io.sluice.core.transport.TlsMode.PREFER).build();
            try (MySqlConnection c = MySqlConnection.connect(prefer)) {
                assertEquals(null, c.info().tlsProtocol());
            }
            ConnectionException e = assertThrows(ConnectionException.class, () -> MySqlConnection.connect(
                    MySqlConfig.builder().host("127.0.0.1").port(fake.port()).user("u")
                            .sslMode(io.sluice.core.transport.TlsMode.REQUIRE).build()));
            assertTrue(e.getMessage().contains("does not support TLS"), e.getMessage());
        }
    }

    @Test
    void sessionStateChangesAreTracked() {
        try (MySqlConnection c = Db.connect()) {
            assertFalse(c.sessionStateChanged(), "own settings are the baseline");
            c.execute("select ?", 1);
            c.query("select 1");
            c.query("begin");
            c.query("commit");
            assertFalse(c.sessionStateChanged(), "plain statements and transactions change no session state");
            c.query("set @v = 1");
            assertTrue(c.sessionStateChanged());
            c.resetConnection();
            assertFalse(c.sessionStateChanged());
            c.query("set session sql_mode = 'ANSI'");
            assertTrue(c.sessionStateChanged());
            c.resetConnection();
            c.initDb("mysql");
            assertTrue(c.sessionStateChanged());
            c.resetConnection();
            assertEquals(Db.server().database(), c.query("select database()").get(0).rows().get(0).getString(0));
        }
    }

    @Test
    void unixSocket() {
        Path sock = Db.server().unixSocket().orElse(Path.of("/run/mysqld/mysqld.sock"));
        if (!Files.exists(sock)) {
            sock = Path.of("/var/run/mysqld/mysqld.sock");
        }
        assertTrue(Files.exists(sock), "no MariaDB unix socket found at " + sock);
        MySqlConfig cfg = MySqlConfig.builder().socket(sock).user("root").password(Db.server().password())
                .database(Db.server().database()).build();
        try (MySqlConnection c = MySqlConnection.connect(cfg)) {
            assertEquals(1L, c.query("select 1").get(0).rows().get(0).getLong(0));
            assertTrue(c.query("select @@socket").get(0).rows().get(0).getString(0) != null);
        }
    }

    @Test
    void refusedPortIsConnectionError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int p = port;
        ConnectionException e = assertThrows(ConnectionException.class,
                () -> MySqlConnection.connect(Db.config().port(p).build()));
        assertTrue(e.getMessage().contains("" + p), e.getMessage());
    }

    @Test
    void connectTimeoutIsABudget() {
        try (FaultProxy proxy = FaultProxy.start(Db.server().host(), Db.server().port())) {
            proxy.blackhole(); // TCP connects, but the greeting never arrives
            MySqlConfig cfg = Db.config().host("127.0.0.1").port(proxy.port()).connectTimeout(Duration.ofMillis(700)).build();
            long t0 = System.nanoTime();
            TimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(TimeoutException.class, () -> MySqlConnection.connect(cfg)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 600 && ms < 5000, "took " + ms + " ms: " + e.getMessage());
        }
    }

    @Test
    void readTimeoutBreaksConnectionAndKillsServerSide() throws Exception {
        MySqlConfig cfg = Db.config().readTimeout(Duration.ofMillis(500)).build();
        MySqlConnection c = MySqlConnection.connect(cfg);
        long id = c.info().connectionId();
        TimeoutException e = assertThrows(TimeoutException.class, () -> c.query("select sleep(5)"));
        assertTrue(e.isConnectionBroken());
        assertTrue(c.isBroken());
        assertThrows(ConnectionClosedException.class, () -> c.query("select 1"));
        // the statement must not keep running on the server: the connection is killed there too
        try (MySqlConnection admin = Db.connect()) {
            long deadline = System.nanoTime() + 3_000_000_000L;
            long n;
            do {
                n = admin.execute("select count(*) from information_schema.processlist where id = ?", id)
                        .rows().get(0).getLong(0);
                if (n == 0) {
                    break;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            assertEquals(0, n, "server still runs the timed-out statement");
        }
        c.close();
    }

    @Test
    void serverKillMarksBroken() {
        MySqlConnection c = Db.connect();
        long id = c.info().connectionId();
        try (MySqlConnection admin = Db.connect()) {
            admin.query("kill " + id);
        }
        SluiceException e = assertThrows(SluiceException.class, () -> c.query("select 1"));
        assertTrue(e.isConnectionBroken(), e.toString());
        assertFalse(c.isUsable());
        assertThrows(ConnectionClosedException.class, c::ping);
        c.close();
    }

    @Test
    void cancelStopsStatementAndKeepsConnection() throws Exception {
        try (MySqlConnection c = Db.connect()) {
            CompletableFuture<List<Result>> f = c.queryAsync("select sleep(30)");
            Thread.sleep(300);
            long t0 = System.nanoTime();
            c.cancel();
            // KILL QUERY on SLEEP makes it return 1 (interrupted) rather than an error on MariaDB
            try {
                f.get();
            } catch (ExecutionException ignored) {
                // an ER_QUERY_INTERRUPTED error is fine too
            }
            assertTrue((System.nanoTime() - t0) < 5_000_000_000L);
            assertEquals(1L, c.query("select 1").get(0).rows().get(0).getLong(0));
        }
    }

    @Test
    void asyncFaceAndConcurrentCallersOnOneConnection() throws Exception {
        try (MySqlConnection c = MySqlConnection.connectAsync(Db.config().build()).get()) {
            List<CompletableFuture<Result>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                fs.add(c.executeAsync("select ?", i));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals((long) i, fs.get(i).get().rows().get(0).getLong(0));
            }
            c.pingAsync().get();
        }
    }

    @Test
    void manyVirtualThreadsEachWithAConnection() throws Exception {
        try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Long>> fs = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long v = i;
                fs.add(exec.submit(() -> {
                    try (MySqlConnection c = Db.connect()) {
                        return c.execute("select ? * 2", v).rows().get(0).getLong(0);
                    }
                }));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(i * 2L, fs.get(i).get());
            }
        }
    }

    @Test
    void toStringHidesPassword() {
        MySqlConfig cfg = Db.config().password("hunter2-secret").build();
        assertFalse(cfg.toString().contains("hunter2"));
    }

    /**
     * A caller's SET NAMES / SET time_zone reaches the driver through session tracking: SQL text and
     * parameters are then encoded in the charset the server expects, and instants convert in the
     * zone the server now uses. A reset restores the configured charset.
     */
    @Test
    void aCallersSetNamesAndTimeZoneAreFollowed() {
        String t = "sluice_follow_" + ProcessHandle.current().pid();
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (id int primary key, s varchar(20) character set utf8mb4, ts timestamp null)");
            try {
                c.query("set names latin1");
                assertEquals("latin1", c.query("select @@character_set_client").get(0).rows().get(0).getString(0));
                String text = "d\u00e9j\u00e0 \u00bfs\u00ed?"; // latin1 can carry it
                assertEquals(text, c.execute("select ?", text).rows().get(0).getString(0));
                assertEquals(text, c.query("select '" + text + "'").get(0).rows().get(0).getString(0));
                c.execute("insert into " + t + " (id, s) values (?, ?)", 1, text);
                c.query("set names utf8mb4");
                assertEquals(text, c.execute("select s from " + t + " where id = ?", 1).rows().get(0).getString(0),
                        "stored as the characters sent, not as their UTF-8 bytes read as latin1");
                assertEquals(4, c.query("select char_length('\u00e9\u00e0\u00bf\u00ed')").get(0).rows().get(0).getLong(0));

                java.time.Instant at = java.time.Instant.parse("2001-09-09T01:46:40Z");
                c.query("set time_zone = '+5:00'");
                assertEquals(java.time.ZoneOffset.ofHours(5), c.sessionZone());
                c.execute("update " + t + " set ts = ? where id = ?", at, 1);
                assertEquals("2001-09-09 06:46:40", c.query("select cast(ts as char) from " + t).get(0).rows().get(0).getString(0));
                c.query("set time_zone = '-03:30'");
                assertEquals(at, c.execute("select ts from " + t + " where id = ?", 1).rows().get(0).get(0, java.time.Instant.class));
                c.query("set time_zone = 'SYSTEM'");
                assertEquals(at, c.execute("select ts from " + t + " where id = ?", 1).rows().get(0).get(0, java.time.Instant.class));

                c.query("set names latin1");
                c.resetConnection();
                assertEquals("utf8mb4", c.query("select @@character_set_client").get(0).rows().get(0).getString(0));
                String wide = "\u65e5\u672c \ud83d\ude00"; // not latin1: the configured utf8mb4 is back
                assertEquals(wide, c.execute("select ?", wide).rows().get(0).getString(0));
            } finally {
                c.query("drop table " + t);
            }
        }
    }
}
