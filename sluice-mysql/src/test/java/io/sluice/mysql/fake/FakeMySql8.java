package io.sluice.mysql.fake;

import io.sluice.testkit.ScriptedConn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted stand-in for a MySQL 8 server, for what MariaDB cannot show: caching_sha2_password
 * (fast path, full authentication over TLS and over RSA) and sha256_password. Written from the
 * protocol documentation independently of the driver's own codecs, so the two check each other.
 * After authentication it answers COM_QUERY with a small fixed result set or OK, and COM_QUIT.
 */
public final class FakeMySql8 {
    public enum Plugin { CACHING_SHA2, SHA256 }

    /** What the exchange looked like, for assertions. */
    public static final class Log {
        public volatile boolean fastPathUsed;
        public volatile boolean fullAuth;
        public volatile boolean publicKeyRequested;
        public volatile boolean cleartextReceived;
        public volatile boolean rsaReceived;
        public volatile boolean tls;
        public volatile String user;
        public volatile String lastQuery;
    }

    private static final int CAPS = 0x00000001 | 0x00000004 | 0x00000008 | 0x00000200 | 0x00000800 | 0x00002000
            | 0x00008000 | 0x00010000 | 0x00020000 | 0x00080000 | 0x00100000 | 0x00200000 | 0x01000000;
    private static final int CLIENT_SSL = 0x00000800;

    private final Plugin plugin;
    private final String password;
    private final boolean cached; // caching_sha2: is the user's hash in the server cache (fast path possible)?
    private final SSLContext tls;  // null: server without TLS
    private final KeyPair rsa;
    public final Log log = new Log();
    private final AtomicReference<Throwable> error = new AtomicReference<>();

    public FakeMySql8(Plugin plugin, String password, boolean cached, SSLContext tls, KeyPair rsa) {
        this.plugin = plugin;
        this.password = password;
        this.cached = cached;
        this.tls = tls;
        this.rsa = rsa;
    }

    public String rsaPublicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** The ScriptedServer handler. */
    public void handle(ScriptedConn conn) throws Exception {
        // the raw socket stream, not conn.in(): a buffered reader could swallow the client's TLS
        // ClientHello together with the SSLRequest, and the TLS engine would then wait forever for it
        Io io = new Io(conn.socket().getInputStream(), conn.out());
        byte[] seed = new byte[20];
        new java.security.SecureRandom().nextBytes(seed);
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (1 + (seed[i] & 0x7f) % 126); // printable-ish, never NUL, like the real server
        }
        io.write(greeting(seed));
        Packet p = io.read();
        int clientCaps = le32(p.payload, 0);
        if ((clientCaps & CLIENT_SSL) != 0) {
            if (tls == null) {
                throw new IllegalStateException("client asked for TLS from a server without it");
            }
            Socket raw = conn.socket();
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(raw, raw.getInetAddress().getHostAddress(),
                    raw.getPort(), true);
            s.setUseClientMode(false);
            s.startHandshake();
            log.tls = true;
            io = new Io(s.getInputStream(), s.getOutputStream(), io.seq);
            p = io.read();
        }
        Response r = Response.parse(p.payload);
        log.user = r.user;
        String pluginName = plugin == Plugin.CACHING_SHA2 ? "caching_sha2_password" : "sha256_password";
        if (!pluginName.equals(r.plugin)) {
            io.write(authSwitch(pluginName, seed));
            r = new Response(r.user, io.read().payload, pluginName);
        }
        boolean ok = plugin == Plugin.CACHING_SHA2 ? cachingSha2(io, seed, r.auth) : sha256(io, seed, r.auth);
        if (!ok) {
            io.write(err(1045, "28000", "Access denied for user '" + r.user + "'@'localhost' (using password: YES)"));
            return;
        }
        io.write(ok());
        commands(io);
    }

    private boolean cachingSha2(Io io, byte[] seed, byte[] scramble) throws Exception {
        if (password.isEmpty()) {
            return scramble.length == 0;
        }
        if (cached) {
            if (!Arrays.equals(scramble, sha2Scramble(password, seed))) {
                return false;
            }
            log.fastPathUsed = true;
            io.write(new byte[] {0x01, 0x03}); // fast_auth_success
            return true;
        }
        log.fullAuth = true;
        io.write(new byte[] {0x01, 0x04}); // perform_full_authentication
        return fullAuth(io, seed);
    }

    private boolean sha256(Io io, byte[] seed, byte[] first) throws Exception {
        if (first.length == 1 && first[0] == 0x01) { // request for the public key
            return sendKeyAndCheck(io, seed);
        }
        return checkSecret(first, seed);
    }

    private boolean fullAuth(Io io, byte[] seed) throws Exception {
        byte[] d = io.read().payload;
        if (d.length == 1 && d[0] == 0x02) {
            return sendKeyAndCheck(io, seed);
        }
        return checkSecret(d, seed);
    }

    private boolean sendKeyAndCheck(Io io, byte[] seed) throws Exception {
        log.publicKeyRequested = true;
        byte[] pem = rsaPublicKeyPem().getBytes(StandardCharsets.US_ASCII);
        byte[] more = new byte[pem.length + 1];
        more[0] = 0x01;
        System.arraycopy(pem, 0, more, 1, pem.length);
        io.write(more);
        return checkSecret(io.read().payload, seed);
    }

    /** Either the cleartext password + NUL (secure channel) or RSA-OAEP(password + NUL XOR seed). */
    private boolean checkSecret(byte[] d, byte[] seed) throws Exception {
        byte[] expected = (password + "\0").getBytes(StandardCharsets.UTF_8);
        if (Arrays.equals(d, expected)) {
            if (!log.tls) {
                throw new IllegalStateException("client sent a cleartext password over an insecure channel");
            }
            log.cleartextReceived = true;
            return true;
        }
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(Cipher.DECRYPT_MODE, rsa.getPrivate());
        byte[] plain;
        try {
            plain = c.doFinal(d);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
        log.rsaReceived = true;
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= seed[i % seed.length];
        }
        return Arrays.equals(plain, expected);
    }

    private void commands(Io io) throws IOException {
        while (true) {
            io.seq = 0;
            Packet p;
            try {
                p = io.read();
            } catch (IOException eof) {
                return;
            }
            int cmd = p.payload[0] & 0xff;
            if (cmd == 0x01) { // COM_QUIT
                return;
            }
            if (cmd == 0x03) {
                String q = new String(p.payload, 1, p.payload.length - 1, StandardCharsets.UTF_8);
                log.lastQuery = q;
                if (q.startsWith("SELECT @@session.time_zone")) {
                    resultSet(io, new String[] {"@@session.time_zone", "@@system_time_zone", "offset"},
                            new String[] {"SYSTEM", "UTC", "0"});
                } else if (q.toLowerCase().startsWith("select")) {
                    resultSet(io, new String[] {"v"}, new String[] {"fake"});
                } else {
                    io.write(ok());
                }
            } else if (cmd == 0x0e) { // COM_PING
                io.write(ok());
            } else {
                io.write(err(1047, "08S01", "Unknown command"));
            }
        }
    }

    private static void resultSet(Io io, String[] names, String[] values) throws IOException {
        io.write(new byte[] {(byte) names.length});
        for (String n : names) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (String s : new String[] {"def", "", "", "", n, ""}) {
                lenenc(b, s);
            }
            b.write(0x0c);
            b.write(new byte[] {45, 0, (byte) 0xff, 0, 0, 0, (byte) 0xfd, 0, 0, 0x1f, 0, 0}, 0, 12);
            io.write(b.toByteArray());
        }
        ByteArrayOutputStream row = new ByteArrayOutputStream();
        for (String v : values) {
            lenenc(row, v);
        }
        io.write(row.toByteArray());
        io.write(new byte[] {(byte) 0xfe, 0, 0, 0x02, 0, 0, 0});
    }

    private static void lenenc(ByteArrayOutputStream b, String s) {
        byte[] x = s.getBytes(StandardCharsets.UTF_8);
        b.write(x.length);
        b.write(x, 0, x.length);
    }

    /** caching_sha2_password scramble: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) || seed). */
    public static byte[] sha2Scramble(String password, byte[] seed) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] h1 = md.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] h2 = md.digest(h1);
        md.update(h2);
        md.update(seed);
        byte[] h3 = md.digest();
        for (int i = 0; i < h1.length; i++) {
            h1[i] ^= h3[i];
        }
        return h1;
    }

    private byte[] greeting(byte[] seed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(10);
        b.writeBytes("8.0.36-fake\0".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {42, 0, 0, 0});
        b.write(seed, 0, 8);
        b.write(0);
        int caps = tls != null ? CAPS | CLIENT_SSL : CAPS;
        b.write(caps & 0xff);
        b.write((caps >> 8) & 0xff);
        b.write(255); // utf8mb4_0900_ai_ci
        b.writeBytes(new byte[] {2, 0});
        b.write((caps >> 16) & 0xff);
        b.write((caps >> 24) & 0xff);
        b.write(21);
        b.writeBytes(new byte[10]);
        b.write(seed, 8, 12);
        b.write(0);
        b.writeBytes((plugin == Plugin.CACHING_SHA2 ? "caching_sha2_password" : "sha256_password").getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        return b.toByteArray();
    }

    private static byte[] authSwitch(String plugin, byte[] seed) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xfe);
        b.writeBytes(plugin.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        b.writeBytes(seed);
        b.write(0);
        return b.toByteArray();
    }

    static byte[] ok() {
        return new byte[] {0, 0, 0, 0x02, 0, 0, 0};
    }

    static byte[] err(int code, String state, String msg) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0xff);
        b.write(code & 0xff);
        b.write(code >> 8);
        b.write('#');
        b.writeBytes(state.getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(msg.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    record Packet(int seq, byte[] payload) {
    }

    /** HandshakeResponse41 fields we check (PLUGIN_AUTH_LENENC_CLIENT_DATA form, which the driver uses). */
    record Response(String user, byte[] auth, String plugin) {
        static Response parse(byte[] p) {
            int caps = le32(p, 0);
            int i = 32;
            int nul = i;
            while (p[nul] != 0) {
                nul++;
            }
            String user = new String(p, i, nul - i, StandardCharsets.UTF_8);
            i = nul + 1;
            int len = p[i] & 0xff; // auth responses here are < 251 bytes
            byte[] auth = Arrays.copyOfRange(p, i + 1, i + 1 + len);
            i += 1 + len;
            if ((caps & 0x00000008) != 0) { // CONNECT_WITH_DB
                while (p[i] != 0) {
                    i++;
                }
                i++;
            }
            int pn = i;
            while (pn < p.length && p[pn] != 0) {
                pn++;
            }
            return new Response(user, auth, new String(p, i, pn - i, StandardCharsets.UTF_8));
        }
    }

    /** Minimal MySQL packet framing over any stream (so it works before and after the TLS upgrade). */
    static final class Io {
        final InputStream in;
        final OutputStream out;
        int seq;

        Io(InputStream in, OutputStream out) {
            this(in, out, 0);
        }

        Io(InputStream in, OutputStream out, int seq) {
            this.in = in;
            this.out = out;
            this.seq = seq;
        }

        Packet read() throws IOException {
            byte[] h = in.readNBytes(4);
            if (h.length < 4) {
                throw new IOException("peer closed");
            }
            int len = (h[0] & 0xff) | (h[1] & 0xff) << 8 | (h[2] & 0xff) << 16;
            seq = (h[3] & 0xff) + 1;
            byte[] p = in.readNBytes(len);
            if (p.length < len) {
                throw new IOException("truncated");
            }
            return new Packet(h[3] & 0xff, p);
        }

        void write(byte[] payload) throws IOException {
            byte[] h = {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16), (byte) seq++};
            out.write(h);
            out.write(payload);
            out.flush();
        }
    }
}
