package io.sluice.mysql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.result.Result;
import io.sluice.mysql.MySqlConfig;
import io.sluice.core.transport.TlsMode;
import io.sluice.mysql.MySqlConnection;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Result shapes kept per prepared statement, and MariaDB's CACHE_METADATA: a repeated execution
 * must not receive (or rebuild) the column definitions, and must still follow a changed table.
 */
class MetadataCacheTest {
    private static MySqlConfig.Builder config(String host, int port) {
        MariaDbServer s = TestServers.mariadb();
        return MySqlConfig.builder().host(host).port(port).user(s.user()).password(s.password()).database(s.database())
                .sslMode(TlsMode.DISABLE); // plain bytes, so the proxy's count means packets
    }

    @Test
    void repeatedExecutionsSkipTheDefinitionsAndReuseTheColumns() throws Exception {
        MariaDbServer s = TestServers.mariadb();
        try (CountingProxy proxy = new CountingProxy(s.host(), s.port());
             MySqlConnection c = MySqlConnection.connect(config("127.0.0.1", proxy.port()).build())) {
            String t = "metacache_" + ProcessHandle.current().pid();
            c.query("create table " + t + " (id int primary key, aaaaaaaaaa varchar(20), bbbbbbbbbb int,"
                    + " cccccccccc double, dddddddddd datetime, eeeeeeeeee bigint)");
            try {
                c.execute("insert into " + t + " values (?, ?, ?, ?, ?, ?)", 1, "x", 2, 3.5, null, 4L);
                String sql = "select * from " + t + " where id = ?";
                Result first = c.execute(sql, 1);
                long before = proxy.toClient.get();
                Result second = c.execute(sql, 1);
                long bytes = proxy.toClient.get() - before;
                assertEquals(first.rows().get(0).toString(), second.rows().get(0).toString());
                assertSame(first.columns(), second.columns(), "the cached shape's ColumnIndex is reused");
                if (cachesMetadata(c)) {
                    // 6 definitions would be > 6 x 50 bytes; count + flag + row + OK are far fewer
                    assertTrue(bytes < 120, "response of " + bytes + " bytes still carries column definitions");
                }
                c.query("alter table " + t + " add column ffffffffff int default 9");
                Result third = c.execute(sql, 1);
                assertEquals(7, third.columns().size());
                assertEquals(9, third.rows().get(0).getInt("ffffffffff"));
                assertNotSame(first.columns(), third.columns());
                c.query("alter table " + t + " drop column aaaaaaaaaa");
                Result fourth = c.execute(sql, 1);
                assertEquals(6, fourth.columns().size());
                assertEquals(2, fourth.rows().get(0).getInt("bbbbbbbbbb"));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void resultsOfChangingTypesAndEveryResultOfACallStayRight() {
        MariaDbServer s = TestServers.mariadb();
        try (MySqlConnection c = MySqlConnection.connect(config(s.host(), s.port()).build())) {
            assertEquals(5, c.execute("select ? as x", 5).rows().get(0).get(0));
            assertEquals("abc", c.execute("select ? as x", "abc").rows().get(0).get(0));
            assertEquals(7, c.execute("select ? as x", 7).rows().get(0).get(0));
            String p = "metacache_p_" + ProcessHandle.current().pid();
            c.query("create procedure " + p + "(in x int) begin select x as a; select x + 1 as b, 'q' as c; end");
            try {
                for (int i = 0; i < 3; i++) {
                    List<Result> rs = c.executeAll("call " + p + "(?)", i);
                    assertEquals(i, rs.get(0).rows().get(0).getInt("a"));
                    assertEquals(i + 1, rs.get(1).rows().get(0).getInt("b"));
                    assertEquals("q", rs.get(1).rows().get(0).getString("c"));
                }
            } finally {
                c.query("drop procedure " + p);
            }
        }
    }

    private static boolean cachesMetadata(MySqlConnection c) throws Exception {
        var f = MySqlConnection.class.getDeclaredField("session");
        f.setAccessible(true);
        MySqlSession session = (MySqlSession) f.get(c);
        String v = c.info().serverVersion();
        boolean mariaDb106 = c.info().mariaDb() && compare(v, 10, 6) >= 0;
        assertEquals(mariaDb106, session.cachesMetadata(), "negotiated exactly when the server offers it");
        return session.cachesMetadata();
    }

    private static int compare(String version, int major, int minor) {
        String[] p = version.split("[.-]");
        int a = Integer.parseInt(p[0]);
        int b = Integer.parseInt(p[1]);
        return a != major ? Integer.compare(a, major) : Integer.compare(b, minor);
    }

    /** Forwards one TCP connection and counts the bytes going to the client. */
    private static final class CountingProxy implements AutoCloseable {
        final AtomicLong toClient = new AtomicLong();
        private final ServerSocket listener;

        CountingProxy(String host, int port) throws IOException {
            listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                try (Socket client = listener.accept(); Socket server = new Socket(host, port)) {
                    Thread up = Thread.ofVirtual().start(() -> pump(client, server, null));
                    pump(server, client, toClient);
                    up.join();
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void pump(Socket from, Socket to, AtomicLong counter) {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (counter != null) {
                        counter.addAndGet(n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
