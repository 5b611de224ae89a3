package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.transport.TlsMode;
import io.sluice.testkit.ScriptedConn;
import io.sluice.testkit.ScriptedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A scripted fake server answers the first query with malformed or truncated bytes. The driver must
 * fail with a {@link ProtocolException}, or a {@link ConnectionException} that marks the connection
 * broken, and nothing else: no hang (every case runs under a 10 s preemptive timeout while the fake
 * keeps its socket open unless the case closes it), no out-of-memory (a declared length is bounded
 * and checked before any buffer is allocated; the calling thread's allocations are measured), no
 * stray ArrayIndexOutOfBounds or the like.
 *
 * <p>The fake speaks just enough protocol (protocol docs, "Start-up"): 'N' to an SSLRequest, then
 * AuthenticationOk, ParameterStatus(server_version), BackendKeyData, ReadyForQuery('I'); it then
 * reads the client's first request (a Query, or Parse/Describe/Sync) and writes the case's bytes.
 */
class PgFakeServerTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    /** Far below any length the cases declare: proof the driver did not allocate what the peer claimed. */
    private static final long ALLOCATION_BUDGET = 64L << 20;

    /** How the fake ends the case after writing its bytes. */
    enum Then { KEEP_OPEN, CLOSE }

    /** Which protocol the client uses for its first request. */
    enum Via { SIMPLE, EXTENDED }

    // ------------------------------------------------------------------ cases

    @Test
    void maximumMessageLengthIsRefusedWithoutAllocatingOrWaiting() {
        // 'D', length 2^31-1, and no body: the length alone must be refused
        expectBroken(bytes('D', 0x7f, 0xff, 0xff, 0xff), Then.KEEP_OPEN, Via.SIMPLE, true);
        expectBroken(bytes('T', 0x7f, 0xff, 0xff, 0xff), Then.KEEP_OPEN, Via.EXTENDED, true);
    }

    @Test
    void largeButAllowedLengthFromAPeerThatThenClosesAllocatesNothingLikeIt() {
        // 1 GiB is the default maxMessageSize; the peer announces it and hangs up
        expectBroken(bytes('D', 0x40, 0x00, 0x00, 0x00), Then.CLOSE, Via.SIMPLE, true);
        expectBroken(cat(rowDescription(1), bytes('D', 0x3f, 0xff, 0xff, 0xff, 0, 1)), Then.CLOSE, Via.SIMPLE, true);
    }

    @Test
    void messageLengthBelowFour() {
        for (int len = 0; len < 4; len++) {
            expectBroken(bytes('Z', 0, 0, 0, len), Then.KEEP_OPEN, Via.SIMPLE, false);
        }
        expectBroken(bytes('C', 0xff, 0xff, 0xff, 0xff), Then.KEEP_OPEN, Via.EXTENDED, false); // -1
        expectBroken(bytes('C', 0x80, 0, 0, 0), Then.KEEP_OPEN, Via.SIMPLE, false); // -2^31
    }

    @Test
    void truncatedDataRowColumnLengthBeyondTheBody() {
        // DataRow: 1 column, declared 100 bytes long, but only 4 follow within the message
        byte[] row = message('D', cat(bytes(0, 1, 0, 0, 0, 100), "abcd".getBytes(StandardCharsets.US_ASCII)));
        expectBroken(cat(rowDescription(1), row), Then.KEEP_OPEN, Via.SIMPLE, false);
        // column count 2 with only one column present
        byte[] row2 = message('D', bytes(0, 2, 0, 0, 0, 1, '7'));
        expectBroken(cat(rowDescription(2), row2), Then.KEEP_OPEN, Via.SIMPLE, false);
        // negative column length other than -1
        byte[] row3 = message('D', bytes(0, 1, 0xff, 0xff, 0xff, 0xfe));
        expectBroken(cat(rowDescription(1), row3), Then.KEEP_OPEN, Via.SIMPLE, false);
        // column count disagreeing with the RowDescription (a well-formed DataRow of the wrong shape)
        byte[] row4 = message('D', bytes(0, 2, 0, 0, 0, 1, '7', 0, 0, 0, 1, '8'));
        expectBroken(cat(rowDescription(1), row4), Then.KEEP_OPEN, Via.SIMPLE, false);
    }

    @Test
    void unknownMessageType() {
        expectBroken(message('x', new byte[0]), Then.KEEP_OPEN, Via.SIMPLE, false);
        expectBroken(message('\0', bytes(1, 2, 3)), Then.KEEP_OPEN, Via.EXTENDED, false);
        // an unknown type announcing a large body that never comes: refused on the type byte alone
        expectBroken(bytes('!', 0x20, 0, 0, 0), Then.KEEP_OPEN, Via.SIMPLE, true);
    }

    @Test
    void rowDescriptionClaimingMoreFieldsThanItHolds() {
        // "70000 fields": the count is an Int16 on the wire, so 70000 arrives as 70000 & 0xffff
        expectBroken(message('T', cat(bytes((70000 >>> 8) & 0xff, 70000 & 0xff), field("a"))), Then.KEEP_OPEN,
                Via.SIMPLE, false);
        expectBroken(message('T', cat(bytes(0xff, 0xff), field("a"), field("b"))), Then.KEEP_OPEN, Via.SIMPLE, false);
        // and a count of 70000 in the DataRow after a one-field RowDescription
        expectBroken(cat(rowDescription(1), message('D', bytes((70000 >>> 8) & 0xff, 70000 & 0xff, 0, 0, 0, 0))),
                Then.KEEP_OPEN, Via.SIMPLE, false);
    }

    @Test
    void garbageAfterAuthenticationOk() {
        byte[][] garbage = {
            "garbage!garbage!".getBytes(StandardCharsets.US_ASCII),
            bytes('S', 0, 0, 0, 5, 'x'), // ParameterStatus without its NUL terminators
            bytes('K', 0, 0, 0, 6, 0, 1), // BackendKeyData too short
            bytes('Z', 0, 0, 0, 5, 'Q'), // unknown transaction status
            bytes('D', 0, 0, 0, 6, 0, 0), // a DataRow during start-up
            bytes('R', 0, 0, 0, 8, 0, 0, 0, 99), // an authentication request after AuthenticationOk
        };
        for (byte[] g : garbage) {
            for (Then then : Then.values()) {
                assertTimeoutPreemptively(LIMIT, () -> {
                    try (ScriptedServer server = ScriptedServer.start(conn -> {
                        startupUntilAuthOk(conn);
                        conn.write(g);
                        finish(conn, then);
                    })) {
                        try (PgConnection c = PgConnection.connect(config(server))) {
                            fail("connected through garbage " + hex(g) + " " + c);
                        } catch (RuntimeException e) {
                            assertBrokenKind(e, "garbage " + hex(g) + " then " + then);
                        }
                    }
                });
            }
        }
    }

    @Test
    void connectionClosedMidResponse() {
        byte[] full = cat(rowDescription(1), message('D', bytes(0, 1, 0, 0, 0, 1, '1')), message('C', cstr("SELECT 1")),
                message('Z', bytes('I')));
        // cut the response at every byte boundary before its end
        for (int cut = 0; cut < full.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            expectBroken(part, Then.CLOSE, cut % 2 == 0 ? Via.SIMPLE : Via.EXTENDED, false);
        }
    }

    /** 30 seeds of random bytes as the response; the fake then hangs up. */
    @Test
    void randomGarbageFuzz() {
        for (int seed = 0; seed < 30; seed++) {
            Random r = new Random(seed);
            byte[] g = new byte[1 + r.nextInt(seed < 15 ? 64 : 4096)];
            r.nextBytes(g);
            if (seed % 3 == 0) {
                g[0] = (byte) "DTCZEN2t1n".charAt(r.nextInt(10)); // a real message type, garbage after it
            }
            expectBroken(g, Then.CLOSE, seed % 2 == 0 ? Via.SIMPLE : Via.EXTENDED, false);
        }
    }

    /**
     * 30 seeds of a valid response with a few bytes flipped: any typed {@link SluiceException}, or
     * even a result when the flip happened to keep the bytes valid, is fine; a hang or another
     * exception type is not.
     */
    @Test
    void mutatedValidResponseFuzz() {
        byte[] valid = cat(rowDescription(2), message('D', bytes(0, 2, 0, 0, 0, 2, '4', '2', 0xff, 0xff, 0xff, 0xff)),
                message('C', cstr("SELECT 1")), message('Z', bytes('I')));
        for (int seed = 0; seed < 30; seed++) {
            Random r = new Random(1000 + seed);
            byte[] g = valid.clone();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                g[r.nextInt(g.length)] = (byte) r.nextInt(256);
            }
            Via via = seed % 2 == 0 ? Via.SIMPLE : Via.EXTENDED;
            assertTimeoutPreemptively(LIMIT, () -> {
                try (ScriptedServer server = fake(g, Then.CLOSE);
                     PgConnection c = PgConnection.connect(config(server))) {
                    try {
                        request(c, via);
                    } catch (SluiceException expected) {
                        // any typed error
                    } catch (RuntimeException e) {
                        throw new AssertionError("untyped " + e + " for " + hex(g), e);
                    }
                }
            }, () -> "hang for " + hex(g));
        }
    }

    // ------------------------------------------------------------------ harness

    /**
     * Runs one case: the response bytes after the client's first request must make that request fail
     * with a broken-connection error, within the time limit, leaving the connection unusable.
     */
    private static void expectBroken(byte[] response, Then then, Via via, boolean checkAllocation) {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (ScriptedServer server = fake(response, then);
                 PgConnection c = PgConnection.connect(config(server))) {
                long before = allocated();
                try {
                    request(c, via);
                    fail("no error for " + hex(response) + " (" + then + ", " + via + ")");
                } catch (RuntimeException e) {
                    assertBrokenKind(e, hex(response) + " (" + then + ", " + via + ")");
                }
                long used = allocated() - before;
                if (checkAllocation && before >= 0) {
                    assertTrue(used < ALLOCATION_BUDGET, "allocated " + used + " bytes for " + hex(response));
                }
                assertFalse(c.isUsable(), "the connection is out of step and must not be reused");
            }
        }, () -> "hang for " + hex(response) + " (" + then + ", " + via + ")");
    }

    private static void assertBrokenKind(RuntimeException e, String what) {
        if (e instanceof ProtocolException) {
            return;
        }
        if (e instanceof ConnectionException ce && ce.isConnectionBroken()) {
            return;
        }
        throw new AssertionError("expected ProtocolException or a broken ConnectionException for " + what + " but got "
                + e, e);
    }

    private static void request(PgConnection c, Via via) {
        if (via == Via.SIMPLE) {
            c.query("select 1");
        } else {
            c.execute("select $1::int4", 1);
        }
    }

    private static ScriptedServer fake(byte[] response, Then then) {
        return ScriptedServer.start(conn -> {
            startupUntilAuthOk(conn);
            conn.writePgMessage('S', cat(cstr("server_version"), cstr("15.0")));
            conn.writePgMessage('K', bytes(0, 0, 0x30, 0x39, 0x12, 0x34, 0x56, 0x78));
            conn.writePgMessage('Z', bytes('I'));
            // the first request: a Query, or Parse/Describe/... up to Sync
            while (true) {
                ScriptedConn.PgMessage m = conn.readPgMessage();
                if (m.type() == 'Q' || m.type() == 'S') {
                    break;
                }
            }
            conn.write(response);
            finish(conn, then);
        });
    }

    private static void startupUntilAuthOk(ScriptedConn conn) throws IOException {
        ScriptedConn.PgStartup st = conn.readPgStartup();
        if (st.code() == ScriptedConn.PgStartup.SSL_REQUEST) {
            conn.write(new byte[] {'N'});
            st = conn.readPgStartup();
        }
        if (st.code() != ScriptedConn.PgStartup.PROTOCOL_3_0) {
            throw new IOException("expected a StartupMessage, got code " + st.code());
        }
        conn.writePgMessage('R', bytes(0, 0, 0, 0)); // AuthenticationOk
    }

    private static void finish(ScriptedConn conn, Then then) throws IOException {
        if (then == Then.KEEP_OPEN) {
            // hold the socket open: a client still waiting for bytes would hang here
            conn.awaitPeerClose(Duration.ofSeconds(30));
        }
    }

    private static PgConfig config(ScriptedServer s) {
        return PgConfig.builder().host(s.host()).port(s.port()).user("u").database("d").sslMode(TlsMode.DISABLE)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Bytes allocated by this thread so far, or -1 when the JVM does not tell. */
    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getCurrentThreadAllocatedBytes();
        }
        return -1;
    }

    // ------------------------------------------------------------------ bytes

    /** RowDescription with {@code n} int4 text-format fields named c0, c1, ... */
    private static byte[] rowDescription(int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bytes((n >>> 8) & 0xff, n & 0xff));
        for (int i = 0; i < n; i++) {
            b.writeBytes(field("c" + i));
        }
        return message('T', b.toByteArray());
    }

    /** One RowDescription field: name, table oid 0, attnum 0, type int4 (23), typlen 4, typmod -1, format 0. */
    private static byte[] field(String name) {
        return cat(cstr(name), ByteBuffer.allocate(18).putInt(0).putShort((short) 0).putInt(23).putShort((short) 4)
                .putInt(-1).putShort((short) 0).array());
    }

    private static byte[] message(char type, byte[] body) {
        return cat(new byte[] {(byte) type}, ByteBuffer.allocate(4).putInt(body.length + 4).array(), body);
    }

    private static byte[] cstr(String s) {
        return cat(s.getBytes(StandardCharsets.UTF_8), new byte[] {0});
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static String hex(byte[] b) {
        String h = java.util.HexFormat.of().formatHex(b, 0, Math.min(b.length, 48));
        return b.length > 48 ? h + "...(" + b.length + " bytes)" : h;
    }
}
