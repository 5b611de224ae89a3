package io.sluice.testkit;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection accepted by a {@link ScriptedServer}: blocking byte I/O plus the framing of the
 * MySQL and PostgreSQL protocols, so a script can read what the client sent and answer with
 * hand-written (possibly malformed) bytes. Writes are flushed immediately. Not thread-safe: one
 * script drives one connection.
 */
public final class ScriptedConn {

    /** Largest MySQL packet payload: 2^24 - 1 (MySQL protocol docs, "MySQL Packets"). */
    public static final int MYSQL_MAX_PAYLOAD = 0xFFFFFF;
    /** Bound on PostgreSQL message lengths this fake accepts (keeps a bogus length from exhausting memory). */
    public static final int PG_MAX_MESSAGE = 64 * 1024 * 1024;
    /** PostgreSQL's own limit for a startup packet (src/include/libpq/pqcomm.h MAX_STARTUP_PACKET_LENGTH). */
    public static final int PG_MAX_STARTUP = 10_000;

    /** One physical MySQL packet: sequence id and payload (no reassembly of 16 MiB splits). */
    public record MysqlPacket(int seq, byte[] payload) {}

    /** A PostgreSQL message after startup: type byte and body (without the length word). */
    public record PgMessage(char type, byte[] body) {}

    /**
     * A PostgreSQL startup-phase packet (no type byte): the int32 code (196608 = protocol 3.0,
     * 80877103 = SSLRequest, 80877104 = GSSENCRequest, 80877102 = CancelRequest) and the rest.
     */
    public record PgStartup(int code, byte[] rest) {
        public static final int PROTOCOL_3_0 = 196608;
        public static final int SSL_REQUEST = 80877103;
        public static final int GSSENC_REQUEST = 80877104;
        public static final int CANCEL_REQUEST = 80877102;

        /** Name/value pairs of a StartupMessage (NUL-terminated strings, ending with an empty name). */
        public Map<String, String> parameters() {
            Map<String, String> params = new LinkedHashMap<>();
            int i = 0;
            while (i < rest.length && rest[i] != 0) {
                int nameEnd = indexOfNul(rest, i);
                int valueEnd = indexOfNul(rest, nameEnd + 1);
                params.put(new String(rest, i, nameEnd - i, StandardCharsets.UTF_8),
                        new String(rest, nameEnd + 1, valueEnd - nameEnd - 1, StandardCharsets.UTF_8));
                i = valueEnd + 1;
            }
            return params;
        }

        private static int indexOfNul(byte[] b, int from) {
            for (int i = from; i < b.length; i++) {
                if (b[i] == 0) {
                    return i;
                }
            }
            throw new IllegalArgumentException("startup packet parameter is not NUL-terminated");
        }
    }

    private final Socket socket;
    private final int id;
    private final InputStream in;
    private final OutputStream out;

    ScriptedConn(Socket socket, int id) throws IOException {
        this.socket = socket;
        this.id = id;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** 1-based number of this connection on its server. */
    public int id() { return id; }
    public Socket socket() { return socket; }
    public InputStream in() { return in; }
    public OutputStream out() { return out; }

    /** Reads exactly n bytes; EOFException if the peer closes first. */
    public byte[] readExactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("peer closed after " + b.length + " of " + n + " expected bytes");
        }
        return b;
    }

    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * True when the peer closes (EOF or reset) within {@code timeout} without sending anything
     * more; false on timeout. Bytes arriving instead are an error (the script did not expect them).
     */
    public boolean awaitPeerClose(Duration timeout) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int b = in.read();
            if (b >= 0) {
                throw new IOException("expected the peer to close, but it sent byte 0x" + Integer.toHexString(b));
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // connection reset counts as closed
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
    }

    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    // --- MySQL framing: MySQL client/server protocol, "MySQL Packets": int<3> payload length
    // (little-endian), int<1> sequence id, then the payload.

    public void writeMysqlPacket(int seq, byte[] payload) throws IOException {
        if (payload.length > MYSQL_MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes needs splitting; max "
                    + MYSQL_MAX_PAYLOAD + " per packet (write the pieces yourself)");
        }
        byte[] p = new byte[4 + payload.length];
        p[0] = (byte) payload.length;
        p[1] = (byte) (payload.length >>> 8);
        p[2] = (byte) (payload.length >>> 16);
        p[3] = (byte) seq;
        System.arraycopy(payload, 0, p, 4, payload.length);
        write(p);
    }

    public MysqlPacket readMysqlPacket() throws IOException {
        byte[] h = readExactly(4);
        int len = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16;
        return new MysqlPacket(h[3] & 0xff, readExactly(len));
    }

    // --- PostgreSQL framing: protocol docs, "Message Formats": Byte1 type, Int32 length that
    // counts itself but not the type byte, then the body. Startup-phase packets have no type byte.

    public void writePgMessage(char type, byte[] body) throws IOException {
        byte[] m = new byte[5 + body.length];
        m[0] = (byte) type;
        putInt(m, 1, body.length + 4);
        System.arraycopy(body, 0, m, 5, body.length);
        write(m);
    }

    public PgStartup readPgStartup() throws IOException {
        int len = getInt(readExactly(4));
        if (len < 8 || len > PG_MAX_STARTUP) {
            throw new IOException("startup packet length " + len + " outside 8.." + PG_MAX_STARTUP);
        }
        byte[] body = readExactly(len - 4);
        byte[] rest = new byte[body.length - 4];
        System.arraycopy(body, 4, rest, 0, rest.length);
        return new PgStartup(getInt(body), rest);
    }

    public PgMessage readPgMessage() throws IOException {
        byte[] h = readExactly(5);
        int len = getInt(new byte[] {h[1], h[2], h[3], h[4]});
        if (len < 4 || len > PG_MAX_MESSAGE) {
            throw new IOException("message '" + (char) (h[0] & 0xff) + "' length " + len + " outside 4.." + PG_MAX_MESSAGE);
        }
        return new PgMessage((char) (h[0] & 0xff), readExactly(len - 4));
    }

    private static int getInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
