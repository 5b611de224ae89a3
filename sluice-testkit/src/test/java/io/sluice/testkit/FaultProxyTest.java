package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

    private ScriptedServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void setUp() {
        echo = ScriptedServer.start(conn -> {
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = conn.in().read(buf)) > 0) {
                    conn.out().write(buf, 0, n);
                    conn.out().flush();
                }
            } catch (SocketException reset) {
                // cutAll() resets the proxy's upstream side too: expected in these tests
            }
        });
        proxy = FaultProxy.start("127.0.0.1", echo.port());
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        echo.close();
        echo.assertNoHandlerErrors();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static byte[] roundTrip(Socket s, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
        return s.getInputStream().readNBytes(b.length);
    }

    @Test
    void forwardsBothWays() throws Exception {
        try (Socket s = connect()) {
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), roundTrip(s, "hello"));
            assertEquals(1, proxy.connectionCount());
            assertEquals(1, proxy.acceptedCount());
        }
    }

    @Test
    void blackholeHoldsBytesUntilResume() throws Exception {
        try (Socket s = connect()) {
            assertArrayEquals("a".getBytes(StandardCharsets.US_ASCII), roundTrip(s, "a"));
            proxy.blackhole();
            s.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            assertEquals(1, proxy.connectionCount(), "blackhole must keep the connection open");
            proxy.resume();
            s.setSoTimeout(5000);
            assertArrayEquals("held".getBytes(StandardCharsets.US_ASCII), s.getInputStream().readNBytes(4));
        }
    }

    @Test
    void cutAllResetsConnectionsButAcceptsNewOnes() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, "x");
            proxy.cutAll();
            InputStream in = s.getInputStream();
            int r;
            try {
                r = in.read();
            } catch (SocketException reset) {
                r = -1;
            }
            assertEquals(-1, r);
            assertEquals(0, proxy.connectionCount());
        }
        try (Socket s = connect()) {
            assertArrayEquals("again".getBytes(StandardCharsets.US_ASCII), roundTrip(s, "again"));
        }
    }

    @Test
    void cutAllWakesBlackholedConnections() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, "x");
            proxy.blackhole();
            s.getOutputStream().write('y');
            proxy.cutAll();
            int r;
            try {
                r = s.getInputStream().read();
            } catch (SocketException reset) {
                r = -1;
            }
            assertEquals(-1, r);
        }
    }

    @Test
    void truncatesServerBytesCountedFromTheCall() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, "handshake");
            proxy.truncateServerToClientAfter(3);
            s.getOutputStream().write("abcdef".getBytes(StandardCharsets.US_ASCII));
            byte[] got = s.getInputStream().readAllBytes();
            assertEquals("abc", new String(got, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void truncationAppliesToNewConnectionsFromFirstByte() throws Exception {
        proxy.truncateServerToClientAfter(2);
        try (Socket s = connect()) {
            s.getOutputStream().write("xyz".getBytes(StandardCharsets.US_ASCII));
            assertEquals("xy", new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void corruptsOneServerByte() throws Exception {
        try (Socket s = connect()) {
            roundTrip(s, "hi");
            proxy.corruptServerByteAt(2, 0x20);
            // 'c' ^ 0x20 = 'C'; only once per connection
            assertEquals("abCd", new String(roundTrip(s, "abcd"), StandardCharsets.US_ASCII));
            assertEquals("abcd", new String(roundTrip(s, "abcd"), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void delaysEachChunk() throws Exception {
        try (Socket s = connect()) {
            proxy.delay(Duration.ofMillis(200));
            long t0 = System.nanoTime();
            roundTrip(s, "slow");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 380, "two delayed hops should take >= 400 ms, took " + ms);
            proxy.clearFaults();
            t0 = System.nanoTime();
            roundTrip(s, "fast");
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 350, "clearFaults() must remove the delay");
        }
    }

    @Test
    void closeStopsAccepting() throws Exception {
        int port = proxy.port();
        proxy.close();
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(1000);
                if (s.getInputStream().read() < 0) {
                    throw new IOException("closed");
                }
            }
        });
    }
}
