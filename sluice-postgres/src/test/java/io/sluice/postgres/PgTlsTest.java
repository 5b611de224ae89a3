package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.AuthenticationException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.transport.TlsMode;
import io.sluice.postgres.auth.ChannelBinding;
import io.sluice.testkit.PostgresInstance;
import io.sluice.testkit.TestCertificates;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sslmode ladder, certificate and host-name verification, SCRAM-SHA-256-PLUS channel binding
 * and client certificates against real TLS clusters: one with the test CA's localhost certificate
 * and a pg_hba.conf that picks TLS-only, plain-allowed, md5, trust, cert and clientcert lines by
 * user; one presenting a certificate for another host name.
 */
class PgTlsTest {
    private static final String PW = "tls-Secret-9";
    private static TestCertificates certs;
    private static PostgresInstance pg;
    private static PostgresInstance wrongHostPg;
    private static Path wrongHostFiles;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.create();
        certs.tlsMaterial();
        TestCertificates.Leaf wrong = certs.wrongHost();
        wrongHostFiles = serverReadableCopy(wrong);
        // the two clusters start in parallel: start-up is most of this class's time
        CompletableFuture<PostgresInstance> second = CompletableFuture.supplyAsync(() -> PostgresInstance.builder()
                .certificates(certs)
                .config("ssl_cert_file = '" + wrongHostFiles.resolve("server.pem") + "'")
                .config("ssl_key_file = '" + wrongHostFiles.resolve("server.key") + "'")
                .start());
        pg = PostgresInstance.builder().certificates(certs).hba("""
                hostssl all "sluice-client" 127.0.0.1/32 cert
                hostssl all u_clientca 127.0.0.1/32 scram-sha-256 clientcert=verify-ca
                hostssl all u_md5 127.0.0.1/32 md5
                hostssl all u_trust 127.0.0.1/32 trust
                hostnossl all u_plain 127.0.0.1/32 scram-sha-256
                hostssl all all 127.0.0.1/32 scram-sha-256
                """).start();
        wrongHostPg = second.join();
        pg.sql("""
                SET password_encryption = 'scram-sha-256';
                CREATE ROLE u_tls LOGIN PASSWORD '%1$s';
                CREATE ROLE u_plain LOGIN PASSWORD '%1$s';
                CREATE ROLE u_clientca LOGIN PASSWORD '%1$s';
                CREATE ROLE u_trust LOGIN;
                CREATE ROLE "sluice-client" LOGIN;
                SET password_encryption = 'md5';
                CREATE ROLE u_md5 LOGIN PASSWORD '%1$s';
                """.formatted(PW));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {pg, wrongHostPg, certs}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (wrongHostFiles != null) {
            try (var s = Files.walk(wrongHostFiles)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /**
     * PostgreSQL refuses a key that is group/world readable or not owned by the server user: copy
     * it with mode 0600 and, when we are root (the cluster then runs as postgres), chown both files.
     */
    private static Path serverReadableCopy(TestCertificates.Leaf leaf) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "sluice-wronghost-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cert = Files.copy(leaf.certPem(), dir.resolve("server.pem"));
        Path key = Files.copy(leaf.keyPem(), dir.resolve("server.key"));
        Files.setPosixFilePermissions(cert, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            for (Path p : new Path[] {dir, cert, key}) {
                Files.setOwner(p, postgres);
            }
        }
        return dir;
    }

    private static PgConfig.Builder to(PostgresInstance server, String host, String user, TlsMode mode) {
        return PgConfig.builder().host(host).port(server.port()).database("test").user(user).password(PW)
                .sslMode(mode).sslCa(certs.ca().certPem()).connectTimeout(Duration.ofSeconds(10));
    }

    private static PgConfig.Builder as(String user, TlsMode mode) {
        return to(pg, "127.0.0.1", user, mode);
    }

    /** Connects, checks who we are, returns "tls:&lt;authMethod&gt;" or "plain:&lt;authMethod&gt;". */
    private static String connect(PgConfig cfg) {
        try (PgConnection c = PgConnection.connect(cfg)) {
            assertEquals(cfg.user(), c.execute("select current_user::text").rows().get(0).getString(0));
            boolean serverSaysSsl = c.execute("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
                    .rows().get(0).getBoolean(0);
            assertEquals(serverSaysSsl, c.session().isTls(), "client and server disagree about TLS");
            if (c.session().isTls()) {
                assertTrue(c.session().tlsProtocol().startsWith("TLSv1."), c.session().tlsProtocol());
            }
            return (c.session().isTls() ? "tls:" : "plain:") + c.session().authMethod();
        }
    }

    @Test
    void sslModeLadderWithAUserAllowedBothWays() {
        assertEquals("plain:SCRAM-SHA-256", connect(as("u_plain", TlsMode.DISABLE).build()));
        assertEquals("plain:SCRAM-SHA-256", connect(as("u_plain", TlsMode.ALLOW).build()), "allow tries plain first");
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_plain", TlsMode.PREFER).build()));
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_plain", TlsMode.REQUIRE).build()));
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_plain", TlsMode.VERIFY_CA).build()));
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_plain", TlsMode.VERIFY_FULL).build()));
    }

    @Test
    void allowUpgradesToTlsWhenTheServerOnlyAcceptsHostssl() {
        AccessDeniedException plain = assertThrows(AccessDeniedException.class,
                () -> PgConnection.connect(as("u_tls", TlsMode.DISABLE).build()));
        assertEquals("28000", plain.sqlState(), plain.getMessage()); // no pg_hba.conf entry ... no encryption
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_tls", TlsMode.ALLOW).build()));
        // allow + channelBinding=require skips the doomed plain-text attempt
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_plain", TlsMode.ALLOW)
                .channelBinding(ChannelBinding.REQUIRE).build()));
    }

    @Test
    void verifyFullChecksChainAndHostName() {
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(to(pg, "localhost", "u_tls", TlsMode.VERIFY_FULL).build()));
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(to(pg, "127.0.0.1", "u_tls", TlsMode.VERIFY_FULL).build()));
        // the same through a trust store instead of a PEM CA file
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(to(pg, "localhost", "u_tls", TlsMode.VERIFY_FULL).sslCa(null)
                .trustStore(certs.trustStore(), TestCertificates.STORE_PASSWORD, "PKCS12").build()));
        // an untrusted CA fails both verifying modes but not require (which promises no verification)
        for (TlsMode mode : new TlsMode[] {TlsMode.VERIFY_CA, TlsMode.VERIFY_FULL}) {
            PgConfig untrusted = as("u_tls", mode).sslCa(certs.untrustedCa().certPem()).build();
            ConnectionException e = assertThrows(ConnectionException.class, () -> PgConnection.connect(untrusted));
            assertTrue(e.getMessage().contains("TLS") && e.getMessage().contains("PKIX"), e.getMessage());
        }
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_tls", TlsMode.REQUIRE)
                .sslCa(certs.untrustedCa().certPem()).build()));
    }

    @Test
    void verifyFullRejectsACertificateForAnotherHostWhileVerifyCaAcceptsIt() {
        // the second cluster keeps initdb's trust-all pg_hba.conf; its certificate names wrong.example
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            PgConfig full = to(wrongHostPg, host, "postgres", TlsMode.VERIFY_FULL).build();
            ConnectionException e = assertThrows(ConnectionException.class, () -> PgConnection.connect(full), host);
            // the chain is fine (the test CA); the JDK's host-name check names the mismatch
            assertTrue(e.getMessage().contains("TLS") && e.getMessage().contains("subject alternative"), e.getMessage());
        }
        assertEquals("tls:trust", connect(to(wrongHostPg, "localhost", "postgres", TlsMode.VERIFY_CA).build()));
        assertEquals("tls:trust", connect(to(wrongHostPg, "127.0.0.1", "postgres", TlsMode.VERIFY_CA).build()));
    }

    @Test
    void channelBindingModesOverTls() {
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_tls", TlsMode.REQUIRE).channelBinding(ChannelBinding.PREFER).build()));
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_tls", TlsMode.VERIFY_FULL).channelBinding(ChannelBinding.REQUIRE).build()));
        assertEquals("tls:SCRAM-SHA-256", connect(as("u_tls", TlsMode.VERIFY_FULL).channelBinding(ChannelBinding.DISABLE).build()));
        // the URL form
        String url = "postgresql://u_tls:" + PW + "@localhost:" + pg.port() + "/test?sslMode=verify-full&sslCa="
                + URLEncoder.encode(certs.ca().certPem().toString(), StandardCharsets.UTF_8) + "&channelBinding=require";
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(PgConfig.fromUrl(url)));
        // require is never downgraded to methods that cannot bind, even over TLS
        for (String user : new String[] {"u_md5", "u_trust"}) {
            PgConfig cfg = as(user, TlsMode.VERIFY_FULL).channelBinding(ChannelBinding.REQUIRE).build();
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> PgConnection.connect(cfg), user);
            assertTrue(e.getMessage().contains("channel"), e.getMessage());
        }
        assertEquals("tls:md5", connect(as("u_md5", TlsMode.VERIFY_FULL).build()));
        assertEquals("tls:trust", connect(as("u_trust", TlsMode.VERIFY_FULL).build()));
    }

    @Test
    void clientCertificatesAsPemAndAsPkcs12() {
        TestCertificates.Leaf client = certs.client();
        // scram plus clientcert=verify-ca: the certificate is checked, the password still needed
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_clientca", TlsMode.VERIFY_FULL)
                .sslCert(client.certPem(), client.keyPem()).build()));
        assertEquals("tls:SCRAM-SHA-256-PLUS", connect(as("u_clientca", TlsMode.VERIFY_FULL)
                .keyStore(client.pkcs12(), TestCertificates.STORE_PASSWORD, "PKCS12").build()));
        AccessDeniedException noCert = assertThrows(AccessDeniedException.class,
                () -> PgConnection.connect(as("u_clientca", TlsMode.VERIFY_FULL).build()));
        assertEquals("28000", noCert.sqlState(), noCert.getMessage());
        // the cert method: the certificate's CN (sluice-client) is the login; no password exchange
        // at all, so the driver sees AuthenticationOk straight away
        assertEquals("tls:trust", connect(as("sluice-client", TlsMode.VERIFY_FULL).password("")
                .sslCert(client.certPem(), client.keyPem()).build()));
        assertEquals("tls:trust", connect(as("sluice-client", TlsMode.REQUIRE).password("")
                .keyStore(client.pkcs12(), TestCertificates.STORE_PASSWORD, "PKCS12").build()));
        assertThrows(AccessDeniedException.class, () -> PgConnection.connect(as("sluice-client", TlsMode.VERIFY_FULL)
                .password("").build()));
    }
}
