package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One throwaway cluster with a scram-only TCP hba and TLS, shared by all methods. */
class ThrowawayPostgresTest {

    private static PostgresInstance pg;

    @BeforeAll
    static void start() {
        pg = PostgresInstance.builder()
                .hba("host all all 127.0.0.1/32 scram-sha-256")
                .config("max_connections = 50")
                .tls(true)
                .start();
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            Path dir = pg.dir();
            long pid = pg.pid();
            pg.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postmaster still alive");
            assertFalse(Files.exists(dir), "temp dir not deleted: " + dir);
        }
    }

    @Test
    void selectOneThroughPsql() {
        assertEquals("1", pg.sqlQuery("select 1").strip());
        assertEquals("test", pg.sqlValue("select current_database()"));
    }

    @Test
    void extraConfigLinesWin() {
        assertEquals("50", pg.sqlValue("show max_connections"));
        assertEquals("on", pg.sqlValue("show ssl"));
    }

    @Test
    void endpointDescribesCluster() {
        PostgresServer s = pg.server();
        assertTrue(s.throwaway());
        assertEquals("postgresql://postgres@127.0.0.1:" + s.port() + "/test", s.postgresUrl());
        assertTrue(Files.exists(s.unixSocket().orElseThrow()));
        assertTrue(Probe.postgresAnswers("127.0.0.1", s.port(), Duration.ofSeconds(2)));
    }

    @Test
    void customHbaIsEnforcedOverTcp() {
        pg.sql("DROP ROLE IF EXISTS alice; CREATE ROLE alice LOGIN PASSWORD 'wonder land'");
        PostgresServer alice = new PostgresServer("127.0.0.1", pg.port(), "alice", "wonder land", "test", null, false);
        assertEquals("alice", alice.sqlValue("select current_user"));
        // Trust is gone over TCP: the superuser without a password is refused there.
        PostgresServer noPassword = new PostgresServer("127.0.0.1", pg.port(), "postgres", "", "test", null, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> noPassword.sql("select 1"));
        assertTrue(e.getMessage().contains("password"), e.getMessage());
        PostgresServer wrong = new PostgresServer("127.0.0.1", pg.port(), "alice", "wrong", "test", null, false);
        e = assertThrows(IllegalStateException.class, () -> wrong.sql("select 1"));
        assertTrue(e.getMessage().contains("password authentication failed"), e.getMessage());
    }

    @Test
    void tlsVerifiesAgainstGeneratedCa() {
        pg.sql("DROP ROLE IF EXISTS tls_user; CREATE ROLE tls_user LOGIN PASSWORD 'pw'");
        TestCertificates.TlsMaterial tls = pg.tls().orElseThrow();
        Exec.Result r = Exec.run(List.of(PostgresServer.psqlBinary().toString(), "-X", "-A", "-t", "-c",
                        "select ssl from pg_stat_ssl where pid = pg_backend_pid()",
                        "host=localhost port=" + pg.port() + " dbname=test user=tls_user sslmode=verify-full"
                                + " sslrootcert=" + tls.caPem()),
                null, Map.of("PGPASSWORD", "pw"), null, Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("t", r.stdout().strip());
    }
}
