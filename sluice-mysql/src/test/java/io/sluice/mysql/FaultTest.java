package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConnectionClosedException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.UsageException;
import io.sluice.core.transport.TlsMode;
import io.sluice.testkit.FaultProxy;
import io.sluice.testkit.ScriptedConn;
import io.sluice.testkit.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adversity: truncated, corrupted and lying packets from a scripted server, a server that dies mid
 * result (through a fault proxy in front of the real MariaDB). Every case must end in a typed
 * error within a bounded time, with no hang and no huge allocation.
 */
class FaultTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    /** A greeting of a MariaDB-like server offering mysql_native_password, DEPRECATE_EOF and friends. */
    static byte[] greeting() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(10);
        b.writeBytes("10.11.0-MariaDB-fake\0".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {7, 0, 0, 0});
        b.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        int caps = 0x01 | 0x04 | 0x08 | 0x200 | 0x2000 | 0x8000 | 0x10000 | 0x20000 | 0x80000 | 0x100000 | 0x200000
                | 0x01000000;
        b.write(caps & 0xff);
        b.write((caps >> 8) & 0xff);
        b.write(45);
        b.writeBytes(new byte[] {2, 0});
        b.write((caps >> 16) & 0xff);
        b.write((caps >> 24) & 0xff);
        b.write(21);
        b.writeBytes(new byte[10]);
        b.writeBytes("ijklmnopqrst".getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes("mysql_native_password\0".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    static final byte[] OK = {0, 0, 0, 2, 0, 0, 0};

    /** Script: greet, accept any login, answer the session-init query, then run {@code afterLogin}. */
    static ScriptedServer server(ThrowingConsumer afterLogin) {
        return ScriptedServer.start(conn -> {
            conn.writeMysqlPacket(0, greeting());
            conn.readMysqlPacket();
            conn.writeMysqlPacket(2, OK);
            ScriptedConn.MysqlPacket init = conn.readMysqlPacket(); // SELECT @@session.time_zone ...
            String q = new String(init.payload(), 1, init.payload().length - 1, StandardCharsets.UTF_8);
            if (!q.startsWith("SELECT @@session.time_zone")) {
                throw new IllegalStateException("unexpected init query " + q);
            }
            conn.writeMysqlPacket(1, new byte[] {3});
            conn.writeMysqlPacket(2, colDef("tz"));
            conn.writeMysqlPacket(3, colDef("sys"));
            conn.writeMysqlPacket(4, colDef("off"));
            conn.writeMysqlPacket(5, new byte[] {6, 'S', 'Y', 'S', 'T', 'E', 'M', 3, 'U', 'T', 'C', 1, '0'});
            conn.writeMysqlPacket(6, new byte[] {(byte) 0xfe, 0, 0, 2, 0, 0, 0});
            afterLogin.accept(conn);
        });
    }

    interface ThrowingConsumer {
        void accept(ScriptedConn c) throws Exception;
    }

    static byte[] colDef(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : new String[] {"def", "", "", "", name, ""}) {
            b.write(s.length());
            b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        }
        b.write(0x0c);
        b.writeBytes(new byte[] {45, 0, (byte) 0xff, 0, 0, 0, (byte) 0xfd, 0, 0, 0x1f, 0, 0});
        return b.toByteArray();
    }

    private static MySqlConnection connect(ScriptedServer s) {
        return MySqlConnection.connect(MySqlConfig.builder().host("127.0.0.1").port(s.port()).user("u")
                .sslMode(TlsMode.DISABLE).connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(5)).build());
    }

    private static void expectProtocolError(ThrowingConsumer reply) {
        try (ScriptedServer s = server(conn -> {
            conn.readMysqlPacket();
            reply.accept(conn);
            conn.awaitPeerClose(Duration.ofSeconds(5));
        })) {
            assertTimeoutPreemptively(LIMIT, () -> {
                MySqlConnection c = connect(s);
                SluiceException e = assertThrows(SluiceException.class, () -> c.query("select 1"));
                assertTrue(e instanceof ProtocolException || e.isConnectionBroken(), e.toString());
                assertTrue(c.isBroken());
                assertThrows(ConnectionClosedException.class, () -> c.query("select 1"));
                c.close();
            });
        }
    }

    @Test
    void truncatedPacketThenClose() {
        expectProtocolError(conn -> {
            conn.write(new byte[] {10, 0, 0, 1, 1}); // announces 10 bytes, sends 1, hangs up
            conn.close();
        });
    }

    @Test
    void columnCountLies() {
        expectProtocolError(conn -> conn.writeMysqlPacket(1, new byte[] {(byte) 0xfc, (byte) 0xff, (byte) 0xff}));
    }

    @Test
    void rowLengthLiesWithoutHugeAllocation() {
        expectProtocolError(conn -> {
            conn.writeMysqlPacket(1, new byte[] {1});
            conn.writeMysqlPacket(2, colDef("v"));
            // a text row whose lenenc string claims 16 MiB but carries nothing
            conn.writeMysqlPacket(3, new byte[] {(byte) 0xfd, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        });
    }

    @Test
    void garbageColumnDefinition() {
        expectProtocolError(conn -> {
            conn.writeMysqlPacket(1, new byte[] {1});
            conn.writeMysqlPacket(2, new byte[] {(byte) 0xfc, 1});
        });
    }

    @Test
    void outOfOrderSequenceId() {
        expectProtocolError(conn -> conn.writeMysqlPacket(7, OK));
    }

    @Test
    void randomGarbageNeverHangsOrLeaksUntypedErrors() {
        Random rnd = new Random(42);
        for (int i = 0; i < 30; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(40)];
            rnd.nextBytes(junk);
            try (ScriptedServer s = server(conn -> {
                conn.readMysqlPacket();
                conn.writeMysqlPacket(1, junk);
                conn.awaitPeerClose(Duration.ofSeconds(3));
                conn.close();
            })) {
                assertTimeoutPreemptively(LIMIT, () -> {
                    try (MySqlConnection c = connect(s)) {
                        try {
                            c.query("select 1");
                        } catch (SluiceException expected) {
                            // any typed error is fine; anything else fails the test
                        }
                    }
                });
            }
        }
    }

    @Test
    void rogueLocalInfileRequestIsRefused() {
        byte[][] seen = new byte[1][];
        try (ScriptedServer s = server(conn -> {
            conn.readMysqlPacket();
            byte[] req = ("\u00fb/etc/passwd").getBytes(StandardCharsets.ISO_8859_1);
            conn.writeMysqlPacket(1, req);
            seen[0] = conn.readMysqlPacket().payload(); // the client's answer: must be empty
            conn.writeMysqlPacket(3, OK);
            conn.readMysqlPacket();
        })) {
            try (MySqlConnection c = connect(s)) {
                UsageException e = assertThrows(UsageException.class, () -> c.query("select 1"));
                assertTrue(e.getMessage().contains("/etc/passwd"));
                assertTrue(c.isUsable());
            }
            assertEquals(0, seen[0].length, "no file content was sent");
        }
    }

    /**
     * The same request in answer to a pipelined query with another sent behind it: answering would
     * let the server read that command as file data, so the connection breaks instead and neither
     * caller gets anything but the failure; the client sends nothing more.
     */
    @Test
    void rogueLocalInfileRequestWithCommandsQueuedBehindBreaksTheConnection() throws Exception {
        byte[][] after = new byte[1][];
        try (ScriptedServer s = server(conn -> {
            conn.readMysqlPacket(); // select 1
            conn.readMysqlPacket(); // select 2, pipelined behind it
            conn.writeMysqlPacket(1, ("\u00fb/etc/passwd").getBytes(StandardCharsets.ISO_8859_1));
            after[0] = conn.awaitPeerClose(Duration.ofSeconds(5)) ? new byte[0] : null;
        })) {
            MySqlConnection c = connect(s);
            java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread first = Thread.ofVirtual().start(() -> {
                try {
                    c.query("select 1");
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (c.callsInFlight() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Thread second = Thread.ofVirtual().start(() -> {
                try {
                    c.query("select 2");
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            assertTrue(first.join(LIMIT) && second.join(LIMIT), "a caller hung");
            assertEquals(2, failures.size(), failures::toString);
            assertTrue(failures.stream().anyMatch(e -> e instanceof ProtocolException
                    && e.getMessage().contains("/etc/passwd")), failures::toString);
            failures.forEach(e -> assertTrue(((SluiceException) e).isConnectionBroken(), e.toString()));
            assertTrue(c.isBroken());
            assertTrue(s.awaitFinished(1, Duration.ofSeconds(5)));
            s.assertNoHandlerErrors();
            assertNotNull(after[0], "the client answered the request instead of closing");
            c.close();
        }
    }

    @Test
    void serverDiesMidResult() {
        try (FaultProxy proxy = FaultProxy.start(Db.server().host(), Db.server().port())) {
            MySqlConnection c = MySqlConnection.connect(Db.config().host("127.0.0.1").port(proxy.port()).build());
            proxy.truncateServerToClientAfter(20_000);
            assertTimeoutPreemptively(LIMIT, () -> {
                SluiceException e = assertThrows(SluiceException.class, () -> c.query(
                        "select seq, repeat('x', 200) from seq_1_to_100000"));
                assertTrue(e.isConnectionBroken(), e.toString());
            });
            assertTrue(c.isBroken());
            c.close();
        }
    }

    @Test
    void corruptedByteMidResultIsDetectedOrHarmless() {
        try (FaultProxy proxy = FaultProxy.start(Db.server().host(), Db.server().port())) {
            MySqlConnection c = MySqlConnection.connect(Db.config().host("127.0.0.1").port(proxy.port())
                    .readTimeout(Duration.ofSeconds(3)).build());
            proxy.corruptServerByteAt(2, 0x7f); // inside the first packet header of the next response
            assertTimeoutPreemptively(LIMIT, () -> {
                try {
                    c.query("select seq from seq_1_to_1000");
                } catch (SluiceException e) {
                    assertTrue(e.isConnectionBroken(), e.toString());
                }
            });
            c.close();
        }
    }

    @Test
    void blackholedServerHitsReadTimeout() {
        try (FaultProxy proxy = FaultProxy.start(Db.server().host(), Db.server().port())) {
            MySqlConnection c = MySqlConnection.connect(Db.config().host("127.0.0.1").port(proxy.port())
                    .readTimeout(Duration.ofMillis(400)).build());
            proxy.blackhole();
            assertTimeoutPreemptively(LIMIT, () -> {
                SluiceException e = assertThrows(io.sluice.core.error.TimeoutException.class, () -> c.query("select 1"));
                assertTrue(e.isConnectionBroken());
            });
            assertFalse(c.isUsable());
            c.close();
        }
    }
}
