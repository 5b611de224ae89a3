package io.sluice.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.AuthenticationException;
import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.transport.TlsMode;
import io.sluice.postgres.auth.ChannelBinding;
import io.sluice.testkit.PostgresInstance;
import io.sluice.testkit.ScriptedConn;
import io.sluice.testkit.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every password method against a real server (one throwaway cluster whose pg_hba.conf picks the
 * method by user), channel-binding policy without TLS, and the SCRAM checks only a fake server can
 * provoke: an iteration count beyond the bound and a server that skips the SASL final message.
 */
class PgAuthTest {
    private static PostgresInstance pg;

    @BeforeAll
    static void start() {
        pg = PostgresInstance.builder().hba("""
                host all u_trust 127.0.0.1/32 trust
                host all u_password 127.0.0.1/32 password
                host all u_md5 127.0.0.1/32 md5
                host all u_scram 127.0.0.1/32 scram-sha-256
                """).start();
        // psql runs the whole script in one session, so each SET applies to the roles after it
        pg.sql("""
                CREATE ROLE u_trust LOGIN;
                SET password_encryption = 'scram-sha-256';
                CREATE ROLE u_password LOGIN PASSWORD 'clear-Secret-1';
                CREATE ROLE u_scram LOGIN PASSWORD 'scram-Secret-3';
                SET password_encryption = 'md5';
                CREATE ROLE u_md5 LOGIN PASSWORD 'md5-Secret-2';
                """);
        assertTrue(pg.sqlValue("select rolpassword from pg_authid where rolname = 'u_md5'").startsWith("md5"));
        assertTrue(pg.sqlValue("select rolpassword from pg_authid where rolname = 'u_scram'").startsWith("SCRAM-SHA-256$"));
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private static PgConfig.Builder as(String user, String password) {
        return PgConfig.builder().host(pg.host()).port(pg.port()).database("test").user(user).password(password)
                .sslMode(TlsMode.DISABLE).connectTimeout(Duration.ofSeconds(10));
    }

    private static String authMethodOf(PgConfig cfg) {
        try (PgConnection c = PgConnection.connect(cfg)) {
            assertEquals(cfg.user(), c.execute("select current_user::text").rows().get(0).getString(0));
            assertFalse(c.session().isTls());
            return c.session().authMethod();
        }
    }

    @Test
    void eachMethodWithTheRightPassword() {
        assertEquals("trust", authMethodOf(as("u_trust", "").build()));
        assertEquals("password", authMethodOf(as("u_password", "clear-Secret-1").build()));
        assertEquals("md5", authMethodOf(as("u_md5", "md5-Secret-2").build()));
        assertEquals("SCRAM-SHA-256", authMethodOf(as("u_scram", "scram-Secret-3").build()));
        // the default channelBinding=prefer without TLS is plain SCRAM, as is sslMode=prefer against a non-TLS server
        assertEquals("SCRAM-SHA-256", authMethodOf(as("u_scram", "scram-Secret-3").sslMode(TlsMode.PREFER).build()));
    }

    @Test
    void wrongPasswordIsAccessDeniedWithoutThePassword() {
        for (String user : new String[] {"u_password", "u_md5", "u_scram"}) {
            String wrong = "Wr0ng-" + user + "-pw";
            AccessDeniedException e = assertThrows(AccessDeniedException.class,
                    () -> PgConnection.connect(as(user, wrong).build()), user);
            assertEquals("28P01", e.sqlState(), user + ": " + e.getMessage());
            assertTrue(e.getMessage().contains(user), e.getMessage());
            assertFalse(e.getMessage().contains(wrong), e.getMessage());
            assertFalse(String.valueOf(e).contains(wrong), String.valueOf(e));
        }
    }

    @Test
    void channelBindingRequireWithoutTlsFails() {
        // config time: sslMode=disable makes binding impossible
        ConfigurationException cfg = assertThrows(ConfigurationException.class,
                () -> as("u_scram", "scram-Secret-3").channelBinding(ChannelBinding.REQUIRE).build());
        assertTrue(cfg.getMessage().contains("channelBinding"), cfg.getMessage());
        assertThrows(ConfigurationException.class, () -> PgConfig.fromUrl("postgresql://u_scram@127.0.0.1:"
                + pg.port() + "/test?sslMode=disable&channelBinding=require"));
        // connect time: prefer/allow could have used TLS, but this server has none
        for (TlsMode mode : new TlsMode[] {TlsMode.PREFER, TlsMode.ALLOW}) {
            for (String user : new String[] {"u_scram", "u_md5", "u_password", "u_trust"}) {
                PgConfig c = as(user, "x").sslMode(mode).channelBinding(ChannelBinding.REQUIRE).build();
                AuthenticationException e = assertThrows(AuthenticationException.class, () -> PgConnection.connect(c),
                        mode + " " + user);
                assertTrue(e.getMessage().contains("TLS"), e.getMessage());
            }
        }
    }

    @Test
    void requiredTlsAgainstAServerWithoutTlsFails() {
        for (TlsMode mode : new TlsMode[] {TlsMode.REQUIRE, TlsMode.VERIFY_CA, TlsMode.VERIFY_FULL}) {
            ConnectionException e = assertThrows(ConnectionException.class,
                    () -> PgConnection.connect(as("u_trust", "").sslMode(mode).build()), mode.toString());
            assertTrue(e.getMessage().contains("does not support TLS"), e.getMessage());
        }
    }

    /** Under channelBinding=require the client must give up before the StartupMessage tells a plain-text peer anything. */
    @Test
    void channelBindingRequireSendsNoStartupMessageWhenTheServerRefusesTls() throws Exception {
        AtomicReference<Boolean> closedWithoutStartup = new AtomicReference<>();
        try (ScriptedServer fake = ScriptedServer.start(conn -> {
            ScriptedConn.PgStartup ssl = conn.readPgStartup();
            assertEquals(ScriptedConn.PgStartup.SSL_REQUEST, ssl.code());
            conn.write(new byte[] {'N'});
            closedWithoutStartup.set(conn.awaitPeerClose(Duration.ofSeconds(5)));
        })) {
            PgConfig c = PgConfig.builder().host(fake.host()).port(fake.port()).user("u").password("secret")
                    .sslMode(TlsMode.PREFER).channelBinding(ChannelBinding.REQUIRE).build();
            assertThrows(AuthenticationException.class, () -> PgConnection.connect(c));
            assertTrue(fake.awaitFinished(1, Duration.ofSeconds(10)));
            fake.assertNoHandlerErrors();
            assertEquals(Boolean.TRUE, closedWithoutStartup.get());
        }
    }

    /**
     * A server demanding 5,000,000 PBKDF2 iterations (a CPU-burning attack: seconds per attempt) is
     * refused as soon as the server-first-message arrives, before any hashing.
     */
    @Test
    void scramIterationCountAboveTheBoundIsRefusedBeforeHashing() throws Exception {
        AtomicReference<Boolean> closedWithoutProof = new AtomicReference<>();
        try (ScriptedServer fake = ScriptedServer.start(conn -> {
            String clientNonce = saslStart(conn);
            sendSaslContinue(conn, "r=" + clientNonce + "srvNonce,s=" + b64("0123456789abcdef") + ",i=5000000");
            closedWithoutProof.set(conn.awaitPeerClose(Duration.ofSeconds(10)));
        })) {
            PgConfig c = fakeConfig(fake).build();
            long t0 = System.nanoTime();
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> PgConnection.connect(c));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(e.getMessage().contains("5000000"), e.getMessage());
            assertTrue(ms < 1500, "refused after " + ms + " ms: the client hashed first");
            assertTrue(fake.awaitFinished(1, Duration.ofSeconds(15)));
            fake.assertNoHandlerErrors();
            assertEquals(Boolean.TRUE, closedWithoutProof.get(), "client sent a proof anyway");
        }
        // the bound is configurable, and within it the same exchange proceeds to the proof
        AtomicReference<Character> next = new AtomicReference<>();
        try (ScriptedServer fake = ScriptedServer.start(conn -> {
            String clientNonce = saslStart(conn);
            sendSaslContinue(conn, "r=" + clientNonce + "srvNonce,s=" + b64("0123456789abcdef") + ",i=5000");
            next.set(conn.readPgMessage().type());
            conn.writePgMessage('E', errorBody("28P01", "password authentication failed for user \"u\""));
        })) {
            PgConfig c = fakeConfig(fake).scramMaxIterations(5000).build();
            assertThrows(AccessDeniedException.class, () -> PgConnection.connect(c));
            assertTrue(fake.awaitFinished(1, Duration.ofSeconds(10)));
            fake.assertNoHandlerErrors();
            assertEquals('p', next.get());
        }
    }

    /** AuthenticationOk straight after the client's proof, without SASLFinal: the server never proved it knows the password. */
    @Test
    void serverSkippingSaslFinalIsRefused() throws Exception {
        try (ScriptedServer fake = ScriptedServer.start(conn -> {
            String clientNonce = saslStart(conn);
            sendSaslContinue(conn, "r=" + clientNonce + "srvNonce,s=" + b64("0123456789abcdef") + ",i=4096");
            assertEquals('p', conn.readPgMessage().type()); // client-final-message with the proof
            conn.writePgMessage('R', intBytes(0)); // AuthenticationOk
            conn.writePgMessage('Z', new byte[] {'I'});
            conn.awaitPeerClose(Duration.ofSeconds(5));
        })) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> PgConnection.connect(fakeConfig(fake).build()));
            assertTrue(e.getMessage().contains("SCRAM"), e.getMessage());
            assertTrue(fake.awaitFinished(1, Duration.ofSeconds(10)));
            fake.assertNoHandlerErrors();
        }
        // also before the server-first-message: AuthenticationOk right after SASLInitialResponse
        try (ScriptedServer fake = ScriptedServer.start(conn -> {
            saslStart(conn);
            conn.writePgMessage('R', intBytes(0));
            conn.writePgMessage('Z', new byte[] {'I'});
            conn.awaitPeerClose(Duration.ofSeconds(5));
        })) {
            assertThrows(AuthenticationException.class, () -> PgConnection.connect(fakeConfig(fake).build()));
            assertTrue(fake.awaitFinished(1, Duration.ofSeconds(10)));
            fake.assertNoHandlerErrors();
        }
    }

    // ---- the fake server's side of SCRAM (protocol docs: "SASL Authentication", "Message Formats")

    private static PgConfig.Builder fakeConfig(ScriptedServer fake) {
        return PgConfig.builder().host(fake.host()).port(fake.port()).user("u").password("pencil")
                .sslMode(TlsMode.DISABLE).connectTimeout(Duration.ofSeconds(10));
    }

    /**
     * Reads the StartupMessage, offers SCRAM-SHA-256 (AuthenticationSASL: Int32 10, mechanism names,
     * empty name) and reads SASLInitialResponse: mechanism, Int32 length, client-first-message
     * "n,,n=,r=NONCE". Returns the client nonce.
     */
    private static String saslStart(ScriptedConn conn) throws Exception {
        ScriptedConn.PgStartup startup = conn.readPgStartup();
        assertEquals(ScriptedConn.PgStartup.PROTOCOL_3_0, startup.code());
        assertEquals("u", startup.parameters().get("user"));
        ByteArrayOutputStream sasl = new ByteArrayOutputStream();
        sasl.writeBytes(intBytes(10));
        sasl.writeBytes("SCRAM-SHA-256\0\0".getBytes(UTF_8));
        conn.writePgMessage('R', sasl.toByteArray());
        ScriptedConn.PgMessage init = conn.readPgMessage();
        assertEquals('p', init.type());
        ByteBuffer b = ByteBuffer.wrap(init.body());
        int nul = 0;
        while (init.body()[nul] != 0) {
            nul++;
        }
        assertEquals("SCRAM-SHA-256", new String(init.body(), 0, nul, UTF_8));
        b.position(nul + 1);
        int len = b.getInt();
        String clientFirst = new String(init.body(), b.position(), len, UTF_8);
        assertTrue(clientFirst.startsWith("n,,n=,r="), clientFirst);
        return clientFirst.substring("n,,n=,r=".length());
    }

    /** AuthenticationSASLContinue: Int32 11 then the server-first-message. */
    private static void sendSaslContinue(ScriptedConn conn, String serverFirst) throws Exception {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.writeBytes(intBytes(11));
        m.writeBytes(serverFirst.getBytes(UTF_8));
        conn.writePgMessage('R', m.toByteArray());
    }

    /** ErrorResponse body: field type byte, NUL-terminated value, ..., final NUL. */
    private static byte[] errorBody(String sqlState, String message) {
        return ("SFATAL\0VFATAL\0C" + sqlState + "\0M" + message + "\0\0").getBytes(UTF_8);
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
    }
}
