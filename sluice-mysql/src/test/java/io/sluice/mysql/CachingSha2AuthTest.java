package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.AuthenticationException;
import io.sluice.core.transport.TlsMode;
import io.sluice.mysql.fake.FakeMySql8;
import io.sluice.testkit.ScriptedServer;
import io.sluice.testkit.TestCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * caching_sha2_password and sha256_password exchanges of MySQL 8, against a scripted fake server
 * (MariaDB does not implement these plugins).
 */
class CachingSha2AuthTest {
    private static TestCertificates certs;
    private static SSLContext serverTls;
    private static KeyPair rsa;

    @BeforeAll
    static void setUp() throws Exception {
        certs = TestCertificates.create();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.server().pkcs12())) {
            ks.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, TestCertificates.STORE_PASSWORD.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
    }

    @AfterAll
    static void tearDown() {
        certs.close();
    }

    private static MySqlConfig.Builder cfg(ScriptedServer s, String password) {
        return MySqlConfig.builder().host("127.0.0.1").port(s.port()).user("app").password(password)
                .sslMode(TlsMode.DISABLE).connectTimeout(Duration.ofSeconds(5));
    }

    private static void check(MySqlConfig c) {
        try (MySqlConnection conn = MySqlConnection.connect(c)) {
            assertEquals("fake", conn.query("select 1").get(0).rows().get(0).getString(0));
        }
    }

    @Test
    void fastPath() {
        FakeMySql8 fake = new FakeMySql8(FakeMySql8.Plugin.CACHING_SHA2, "s3cret", true, null, rsa);
        try (ScriptedServer s = ScriptedServer.start(fake::handle)) {
            check(cfg(s, "s3cret").build());
            assertTrue(fake.log.fastPathUsed);
            assertFalse(fake.log.fullAuth);
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> MySqlConnection.connect(cfg(s, "wrong").build()));
            assertEquals(1045, e.vendorCode());
            s.assertNoHandlerErrors();
        }
    }

    @Test
    void fullAuthOverTlsSendsPasswordInsideTls() {
        FakeMySql8 fake = new FakeMySql8(FakeMySql8.Plugin.CACHING_SHA2, "s3cret", false, serverTls, rsa);
        try (ScriptedServer s = ScriptedServer.start(fake::handle)) {
            check(cfg(s, "s3cret").sslMode(TlsMode.REQUIRE).build());
            assertTrue(fake.log.tls);
            assertTrue(fake.log.fullAuth);
            assertTrue(fake.log.cleartextReceived);
            assertFalse(fake.log.rsaReceived);
            s.assertNoHandlerErrors();
        }
    }

    @Test
    void fullAuthWithoutTlsRetrievesKeyOnlyWhenAllowed() {
        FakeMySql8 fake = new FakeMySql8(FakeMySql8.Plugin.CACHING_SHA2, "s3cret", false, null, rsa);
        try (ScriptedServer s = ScriptedServer.start(fake::handle)) {
            AuthenticationException refused = assertThrows(AuthenticationException.class,
                    () -> MySqlConnection.connect(cfg(s, "s3cret").build()));
            assertTrue(refused.getMessage().contains("allowPublicKeyRetrieval"), refused.getMessage());
            assertFalse(fake.log.publicKeyRequested);
            assertFalse(fake.log.cleartextReceived, "the password never crossed the wire in clear");

            check(cfg(s, "s3cret").allowPublicKeyRetrieval(true).build());
            assertTrue(fake.log.publicKeyRequested);
            assertTrue(fake.log.rsaReceived);
            assertThrows(AccessDeniedException.class,
                    () -> MySqlConnection.connect(cfg(s, "wrong").allowPublicKeyRetrieval(true).build()));
            // "perform full authentication" with refusal must not leave handler errors behind (no cleartext)
            assertEquals(0, s.handlerErrors().stream().filter(t -> t.getMessage() != null
                    && t.getMessage().contains("cleartext")).count());
        }
    }

    @Test
    void fullAuthWithSuppliedKeyNeedsNoRetrieval() throws Exception {
        FakeMySql8 fake = new FakeMySql8(FakeMySql8.Plugin.CACHING_SHA2, "s3cret", false, null, rsa);
        Path key = Files.createTempFile("server-rsa", ".pem");
        try (ScriptedServer s = ScriptedServer.start(fake::handle)) {
            Files.writeString(key, fake.rsaPublicKeyPem());
            check(cfg(s, "s3cret").serverRsaPublicKeyFile(key).build());
            assertTrue(fake.log.rsaReceived);
            assertFalse(fake.log.publicKeyRequested);
        } finally {
            Files.deleteIfExists(key);
        }
    }

    @Test
    void sha256PasswordOverTlsAndRsa() {
        FakeMySql8 tlsFake = new FakeMySql8(FakeMySql8.Plugin.SHA256, "pw256", false, serverTls, rsa);
        try (ScriptedServer s = ScriptedServer.start(tlsFake::handle)) {
            check(cfg(s, "pw256").sslMode(TlsMode.REQUIRE).build());
            assertTrue(tlsFake.log.cleartextReceived);
            s.assertNoHandlerErrors();
        }
        FakeMySql8 plain = new FakeMySql8(FakeMySql8.Plugin.SHA256, "pw256", false, null, rsa);
        try (ScriptedServer s = ScriptedServer.start(plain::handle)) {
            assertThrows(AuthenticationException.class, () -> MySqlConnection.connect(cfg(s, "pw256").build()));
            check(cfg(s, "pw256").allowPublicKeyRetrieval(true).build());
            assertTrue(plain.log.publicKeyRequested);
            assertTrue(plain.log.rsaReceived);
            assertThrows(AccessDeniedException.class,
                    () -> MySqlConnection.connect(cfg(s, "nope").allowPublicKeyRetrieval(true).build()));
        }
    }
}
