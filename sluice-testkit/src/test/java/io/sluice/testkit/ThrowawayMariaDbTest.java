package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One throwaway MariaDB with TLS and ed25519, shared by all methods (starting one costs ~1-2 s). */
class ThrowawayMariaDbTest {

    private static MariaDbInstance db;

    @BeforeAll
    static void start() {
        db = MariaDbInstance.builder().tls(true).ed25519(true).config("max_allowed_packet=32M").start();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            Path dir = db.dir();
            long pid = db.pid();
            db.close();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server process still alive");
            assertFalse(Files.exists(dir), "temp dir not deleted: " + dir);
        }
    }

    @Test
    void servesTls() {
        assertEquals("have_ssl\tYES", db.sqlQuery("SHOW VARIABLES LIKE 'have_ssl'").strip());
    }

    @Test
    void loadsEd25519() {
        assertEquals("ACTIVE", db.sqlValue(
                "SELECT plugin_status FROM information_schema.plugins WHERE plugin_name = 'ed25519'"));
    }

    @Test
    void appliesExtraConfigLines() {
        assertEquals(Long.toString(32L * 1024 * 1024), db.sqlValue("SELECT @@max_allowed_packet"));
    }

    @Test
    void endpointDescribesInstance() {
        MariaDbServer s = db.server();
        assertTrue(s.throwaway());
        assertEquals("127.0.0.1", s.host());
        assertEquals("root", s.user());
        assertEquals("test", s.database());
        assertEquals("mysql://root@127.0.0.1:" + s.port() + "/test", s.mysqlUrl());
        assertTrue(Files.exists(db.socket()));
        assertTrue(Probe.mysqlGreets("127.0.0.1", s.port(), Duration.ofSeconds(2)));
    }

    @Test
    void rootWithEmptyPasswordWorksOverTcpAndTestDatabaseExists() {
        // throwaway=false forces the helper onto TCP instead of the socket
        MariaDbServer tcp = new MariaDbServer("127.0.0.1", db.port(), "root", "", "test", null, false);
        assertEquals("test", tcp.sqlValue("SELECT DATABASE()"));
        assertEquals("root@127.0.0.1", tcp.sqlValue("SELECT CURRENT_USER()"));
        assertEquals("1", tcp.sqlValue("SELECT COUNT(*) FROM mysql.global_priv WHERE user = 'root' AND host = '%'"));
    }

    @Test
    void ed25519UserCanLogInWithPasswordAndNotWithoutIt() {
        db.sql("CREATE USER IF NOT EXISTS 'edu'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('s3cret pw');"
                + " GRANT SELECT ON test.* TO 'edu'@'%'");
        assertEquals("ed25519", db.sqlValue("SELECT plugin FROM mysql.user WHERE user = 'edu'"));
        MariaDbServer asEdu = new MariaDbServer("127.0.0.1", db.port(), "edu", "s3cret pw", "test", null, false);
        assertEquals("edu@%", asEdu.sqlValue("SELECT CURRENT_USER()"));
        MariaDbServer wrong = new MariaDbServer("127.0.0.1", db.port(), "edu", "nope", "test", null, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wrong.sql("SELECT 1"));
        assertTrue(e.getMessage().contains("Access denied"), e.getMessage());
    }

    @Test
    void serverCertificateVerifiesAgainstGeneratedCa() {
        TestCertificates.TlsMaterial tls = db.tls().orElseThrow();
        for (Path p : List.of(tls.caPem(), tls.serverCertPem(), tls.serverKeyPem(), tls.clientCertPem(),
                tls.clientKeyPem(), tls.trustStoreP12(), tls.clientKeyStoreP12())) {
            assertTrue(Files.isRegularFile(p), p + " missing");
        }
        // The CLI client verifies the chain and the host name against our CA, and presents the client cert.
        Exec.Result r = Exec.run(List.of("mariadb", "--no-defaults", "--protocol=TCP", "-h", "localhost",
                "-P", Integer.toString(db.port()), "-uroot", "--ssl", "--ssl-ca=" + tls.caPem(),
                "--ssl-cert=" + tls.clientCertPem(), "--ssl-key=" + tls.clientKeyPem(),
                "--ssl-verify-server-cert", "-B", "-N", "-e", "SHOW STATUS LIKE 'Ssl_version'"), Duration.ofSeconds(30));
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("Ssl_version\tTLSv1."), r.stdout());
    }

    @Test
    void sqlErrorsCarryTheServerMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.sql("SELECT * FROM no_such_table"));
        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
    }
}
