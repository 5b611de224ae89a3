package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScriptedServerTest {

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void mysqlFramingMatchesHandWrittenBytes() throws Exception {
        AtomicReference<ScriptedConn.MysqlPacket> received = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(conn -> {
            conn.writeMysqlPacket(0, bytes(0x0a, 'x', 0));
            received.set(conn.readMysqlPacket());
        })) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] head = new byte[7];
                in.readFully(head);
                // length 3 little-endian, seq 0, payload
                assertArrayEquals(bytes(0x03, 0x00, 0x00, 0x00, 0x0a, 'x', 0), head);
                // client reply: length 2, seq 1, payload 0xAB 0xCD
                s.getOutputStream().write(bytes(0x02, 0x00, 0x00, 0x01, 0xab, 0xcd));
                assertTrue(server.awaitFinished(1, Duration.ofSeconds(5)));
            }
            server.assertNoHandlerErrors();
            assertEquals(1, received.get().seq());
            assertArrayEquals(bytes(0xab, 0xcd), received.get().payload());
        }
    }

    @Test
    void postgresFramingMatchesHandWrittenBytes() throws Exception {
        AtomicReference<ScriptedConn.PgStartup> ssl = new AtomicReference<>();
        AtomicReference<ScriptedConn.PgStartup> startup = new AtomicReference<>();
        AtomicReference<ScriptedConn.PgMessage> query = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(conn -> {
            ssl.set(conn.readPgStartup());
            conn.write(new byte[] {'N'});
            startup.set(conn.readPgStartup());
            conn.writePgMessage('Z', new byte[] {'I'});
            query.set(conn.readPgMessage());
        })) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write(bytes(0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f)); // SSLRequest
                assertEquals('N', s.getInputStream().read());
                // StartupMessage: int32 length (counts itself), int32 196608 (3.0), "user\0bob\0", final \0
                byte[] body = bytes(0, 3, 0, 0, 'u', 's', 'e', 'r', 0, 'b', 'o', 'b', 0, 0);
                out.write(bytes(0, 0, 0, 4 + body.length));
                out.write(body);
                byte[] z = s.getInputStream().readNBytes(6);
                assertArrayEquals(bytes('Z', 0, 0, 0, 5, 'I'), z);
                out.write(bytes('Q', 0, 0, 0, 6, '1', 0));
                assertTrue(server.awaitFinished(1, Duration.ofSeconds(5)));
            }
            server.assertNoHandlerErrors();
        }
        assertEquals(ScriptedConn.PgStartup.SSL_REQUEST, ssl.get().code());
        assertEquals(ScriptedConn.PgStartup.PROTOCOL_3_0, startup.get().code());
        assertEquals(Map.of("user", "bob"), startup.get().parameters());
        assertEquals('Q', query.get().type());
        assertArrayEquals(bytes('1', 0), query.get().body());
    }

    @Test
    void handlerErrorsAreRecordedAndRethrown() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(conn -> {
            throw new IllegalStateException("script expectation failed");
        })) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                assertTrue(server.awaitFinished(1, Duration.ofSeconds(5)));
                assertEquals(-1, s.getInputStream().read(), "the connection is closed after the handler");
            }
            AssertionError e = assertThrows(AssertionError.class, server::assertNoHandlerErrors);
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
    }

    @Test
    void oversizedPgLengthIsRejectedNotAllocated() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(ScriptedConn::readPgMessage)) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(bytes('Q', 0x7f, 0xff, 0xff, 0xff));
                assertTrue(server.awaitFinished(1, Duration.ofSeconds(5)));
            }
            assertEquals(1, server.handlerErrors().size());
            assertTrue(server.handlerErrors().get(0).getMessage().contains("outside"));
        }
    }

    @Test
    void awaitPeerCloseSeesClientClose() throws Exception {
        AtomicReference<Boolean> closed = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(conn -> closed.set(conn.awaitPeerClose(Duration.ofSeconds(5))))) {
            new Socket("127.0.0.1", server.port()).close();
            assertTrue(server.awaitFinished(1, Duration.ofSeconds(5)));
            server.assertNoHandlerErrors();
        }
        assertTrue(closed.get());
    }
}
