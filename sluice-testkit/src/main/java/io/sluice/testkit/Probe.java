package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Cheap "is a database server answering here?" checks that need no driver. */
final class Probe {

    private Probe() {}

    /**
     * True when a MySQL/MariaDB server greets us: MySQL client/server protocol, "Connection
     * Phase": the server speaks first with Protocol::HandshakeV10, whose payload starts with the
     * protocol version byte 10 after the 4-byte packet header (3-byte length, 1-byte sequence).
     */
    static boolean mysqlGreets(String host, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            int ms = (int) timeout.toMillis();
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            InputStream in = s.getInputStream();
            byte[] head = in.readNBytes(5);
            return head.length == 5 && head[4] == 10;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when a PostgreSQL server answers an SSLRequest (protocol docs, "SSL Session
     * Encryption": int32 length 8, int32 code 80877103; the server replies one byte, 'S' or 'N').
     */
    static boolean postgresAnswers(String host, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            int ms = (int) timeout.toMillis();
            s.connect(new InetSocketAddress(host, port), ms);
            s.setSoTimeout(ms);
            OutputStream out = s.getOutputStream();
            out.write(new byte[] {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f});
            out.flush();
            int b = s.getInputStream().read();
            return b == 'N' || b == 'S';
        } catch (IOException e) {
            return false;
        }
    }

    /** A currently free TCP port on 127.0.0.1 (racy by nature; callers retry on bind failure). */
    static int freePort() {
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(false);
            ss.bind(new InetSocketAddress("127.0.0.1", 0));
            return ss.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free TCP port: " + e, e);
        }
    }
}
