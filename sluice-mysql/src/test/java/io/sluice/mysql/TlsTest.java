package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.transport.TlsMode;
import io.sluice.testkit.MariaDbInstance;
import io.sluice.testkit.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every TLS mode against a TLS-enabled throwaway MariaDB (test CA), plus the ed25519 plugin which
 * the same instance loads. A second instance presents a certificate for the wrong host name.
 */
class TlsTest {
    private static TestCertificates certs;
    private static MariaDbInstance db;
    private static MariaDbInstance wrongHostDb;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create();
        db = MariaDbInstance.builder().certificates(certs).ed25519(true).start();
        TestCertificates.Leaf wrong = certs.wrongHost();
        for (Path p : List.of(wrong.certPem(), wrong.keyPem())) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        wrongHostDb = MariaDbInstance.builder().certificates(certs)
                .config("ssl_cert=" + wrong.certPem()).config("ssl_key=" + wrong.keyPem()).start();
        db.sql("CREATE USER 'x509user'@'%' IDENTIFIED BY 'pw' REQUIRE X509; GRANT ALL ON test.* TO 'x509user'@'%';"
                + " CREATE USER 'tlsuser'@'%' IDENTIFIED BY 'pw' REQUIRE SSL; GRANT ALL ON test.* TO 'tlsuser'@'%';"
                + " CREATE USER 'edu'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('ed-secret'); GRANT ALL ON test.* TO 'edu'@'%'");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (wrongHostDb != null) {
            wrongHostDb.close();
        }
        if (certs != null) {
            certs.close();
        }
    }

    private static MySqlConfig.Builder cfg(MariaDbInstance i, String host) {
        return MySqlConfig.builder().host(host).port(i.port()).user("root").password("").database("test");
    }

    private static String cipherOf(MySqlConnection c) {
        return c.query("show session status like 'Ssl_cipher'").get(0).rows().get(0).getString(1);
    }

    @Test
    void disableAndPrefer() {
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").sslMode(TlsMode.DISABLE).build())) {
            assertNull(c.info().tlsProtocol());
            assertEquals("", cipherOf(c));
        }
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").sslMode(TlsMode.PREFER).build())) {
            assertNotNull(c.info().tlsProtocol());
            assertTrue(!cipherOf(c).isEmpty());
        }
    }

    @Test
    void preferFallsBackOnlyWhenServerHasNoTls() {
        // the shared server (the machine's own) has no TLS configured: prefer connects in plain text
        String haveSsl = Db.server().sqlValue("select @@have_ssl");
        if (!haveSsl.equals("YES")) {
            try (MySqlConnection c = MySqlConnection.connect(Db.config().sslMode(TlsMode.PREFER).build())) {
                assertNull(c.info().tlsProtocol());
            }
            ConnectionException e = assertThrows(ConnectionException.class,
                    () -> MySqlConnection.connect(Db.config().sslMode(TlsMode.REQUIRE).build()));
            assertTrue(e.getMessage().contains("does not support TLS"), e.getMessage());
        }
    }

    /** Pipelining writes on one thread while another reads: the TLS engine must keep both directions apart. */
    @Test
    void pipelinedCallsOverTls() throws Exception {
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").sslMode(TlsMode.REQUIRE).build())) {
            c.execute("select ? + 1", 0);
            java.util.concurrent.ConcurrentLinkedQueue<String> problems = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> ts = new java.util.ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int id = t;
                ts.add(Thread.ofVirtual().start(() -> {
                    for (int k = 0; k < 200; k++) {
                        long v = id * 10_000L + k;
                        try {
                            long got = c.execute("select ? + 1", v).rows().get(0).getLong(0);
                            if (got != v + 1) {
                                problems.add("asked " + v + ", got " + got);
                            }
                        } catch (RuntimeException e) {
                            problems.add(e.toString());
                        }
                    }
                }));
            }
            for (Thread t : ts) {
                assertTrue(t.join(java.time.Duration.ofSeconds(60)), "a caller hung");
            }
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, e.g. " + problems.peek());
            assertTrue(!cipherOf(c).isEmpty());
        }
    }

    @Test
    void requireEncryptsWithoutVerifying() {
        // the untrusted CA is irrelevant to require: it never checks the chain
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").sslMode(TlsMode.REQUIRE).build())) {
            assertTrue(!cipherOf(c).isEmpty());
        }
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").user("tlsuser").password("pw")
                .sslMode(TlsMode.REQUIRE).build())) {
            assertEquals(1L, c.query("select 1").get(0).rows().get(0).getLong(0));
        }
        assertThrows(AccessDeniedException.class, () -> MySqlConnection.connect(cfg(db, "127.0.0.1").user("tlsuser")
                .password("pw").sslMode(TlsMode.DISABLE).build()));
    }

    @Test
    void verifyCaChecksTheChain() {
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").sslMode(TlsMode.VERIFY_CA)
                .sslCa(certs.ca().certPem()).build())) {
            assertTrue(!cipherOf(c).isEmpty());
        }
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").sslMode(TlsMode.VERIFY_CA)
                .trustStore(certs.trustStore(), TestCertificates.STORE_PASSWORD, "PKCS12").build())) {
            assertTrue(!cipherOf(c).isEmpty());
        }
        ConnectionException untrusted = assertThrows(ConnectionException.class, () -> MySqlConnection.connect(
                cfg(db, "127.0.0.1").sslMode(TlsMode.VERIFY_CA).sslCa(certs.untrustedCa().certPem()).build()));
        assertTrue(untrusted.getMessage().contains("TLS"), untrusted.getMessage());
        // verify-ca does not look at the name: the wrong-host certificate is accepted
        try (MySqlConnection c = MySqlConnection.connect(cfg(wrongHostDb, "127.0.0.1").sslMode(TlsMode.VERIFY_CA)
                .sslCa(certs.ca().certPem()).build())) {
            assertTrue(!cipherOf(c).isEmpty());
        }
    }

    @Test
    void verifyFullChecksChainAndHostName() {
        for (String host : List.of("localhost", "127.0.0.1")) {
            try (MySqlConnection c = MySqlConnection.connect(cfg(db, host).sslMode(TlsMode.VERIFY_FULL)
                    .sslCa(certs.ca().certPem()).build())) {
                assertTrue(!cipherOf(c).isEmpty());
            }
        }
        ConnectionException wrongName = assertThrows(ConnectionException.class, () -> MySqlConnection.connect(
                cfg(wrongHostDb, "127.0.0.1").sslMode(TlsMode.VERIFY_FULL).sslCa(certs.ca().certPem()).build()));
        assertTrue(wrongName.getMessage().contains("TLS handshake"), wrongName.getMessage());
        assertThrows(ConnectionException.class, () -> MySqlConnection.connect(cfg(db, "localhost")
                .sslMode(TlsMode.VERIFY_FULL).sslCa(certs.untrustedCa().certPem()).build()));
        // without a CA the JDK trust store is used, which does not know the test CA
        assertThrows(ConnectionException.class, () -> MySqlConnection.connect(cfg(db, "localhost")
                .sslMode(TlsMode.VERIFY_FULL).build()));
    }

    @Test
    void clientCertificate() {
        TestCertificates.TlsMaterial m = db.tls().orElseThrow();
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "localhost").user("x509user").password("pw")
                .sslMode(TlsMode.VERIFY_FULL).sslCa(m.caPem()).sslCert(m.clientCertPem(), m.clientKeyPem()).build())) {
            assertEquals("x509user", c.query("select substring_index(current_user(), '@', 1)").get(0).rows().get(0)
                    .getString(0));
        }
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "localhost").user("x509user").password("pw")
                .sslMode(TlsMode.VERIFY_FULL).sslCa(m.caPem())
                .keyStore(m.clientKeyStoreP12(), m.storePassword(), "PKCS12").build())) {
            assertEquals(1L, c.query("select 1").get(0).rows().get(0).getLong(0));
        }
        assertThrows(AccessDeniedException.class, () -> MySqlConnection.connect(cfg(db, "localhost").user("x509user")
                .password("pw").sslMode(TlsMode.VERIFY_FULL).sslCa(m.caPem()).build()));
    }

    @Test
    void unixSocketWithRequiredTlsIsAConfigError() {
        assertThrows(ConfigurationException.class, () -> MySqlConfig.builder().socket(db.socket()).user("root")
                .sslMode(TlsMode.REQUIRE).build());
    }

    @Test
    void ed25519RightAndWrongPassword() {
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "127.0.0.1").user("edu").password("ed-secret")
                .sslMode(TlsMode.DISABLE).build())) {
            assertEquals("client_ed25519", c.info().authPlugin());
            assertEquals(1L, c.query("select 1").get(0).rows().get(0).getLong(0));
        }
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> MySqlConnection.connect(
                cfg(db, "127.0.0.1").user("edu").password("ed-wrong").sslMode(TlsMode.DISABLE).build()));
        assertEquals(1045, e.vendorCode());
        // and over TLS
        try (MySqlConnection c = MySqlConnection.connect(cfg(db, "localhost").user("edu").password("ed-secret")
                .sslMode(TlsMode.VERIFY_FULL).sslCa(certs.ca().certPem()).build())) {
            assertEquals(1L, c.query("select 1").get(0).rows().get(0).getLong(0));
        }
    }
}
