package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server CPU from /proc against the real local servers, and the parsing it relies on. */
class ServerCpuTest {

    @Test
    void parsesStatWithAnAwkwardCommand() {
        String line = "4242 (post (gres) x) S 1 2 3 0 -1 4194560 100 0 0 0 250 31 7 5 20 0 1 0 4885 1 1 0";
        ServerCpu.Stat s = ServerCpu.Stat.parse(line);
        assertEquals(4242, s.pid());
        assertEquals("post (gres) x", s.comm());
        assertEquals(250 + 31 + 7 + 5, s.ticks());
        assertNull(ServerCpu.Stat.parse("4242 (short) S 1 2"));
    }

    @Test
    void aRemoteServerIsNotMeasured() {
        ServerCpu far = ServerCpu.probe(Db.PG, new Servers.Server("postgres", "", "db.example.org", 5432));
        assertInstanceOf(ServerCpu.Absent.class, far);
        assertTrue(far.describe().contains("not on this machine"), far.describe());
        Map<String, Object> extra = new LinkedHashMap<>();
        far.start().stop().putInto(extra, "ns_per_row", 1, 1000);
        assertTrue(Double.isNaN((Double) extra.get("server_cpu_share")), extra.toString());
        assertTrue(ServerCpu.isLoopback("localhost") && ServerCpu.isLoopback("127.0.0.1")
                && ServerCpu.isLoopback("[::1]"));
    }

    /** A query that burns server CPU on a connection opened and closed inside the window (as pgbench does). */
    @Test
    void countsTheCpuOfABackendThatExitsDuringTheWindow() throws Exception {
        Servers.Server pg = Servers.defaults().pg();
        Schema.createDatabase(Db.PG, pg);
        ServerCpu probe = ServerCpu.probe(Db.PG, pg);
        assertInstanceOf(ServerCpu.Local.class, probe, probe.describe());
        ServerCpu.Window w = probe.start();
        try (Connection c = Schema.connect(Db.PG, pg); Statement st = c.createStatement()) {
            st.execute("select count(*) from generate_series(1, 6000000)");
        }
        Thread.sleep(300); // the postmaster reaps the backend and takes its CPU into cutime/cstime
        ServerCpu.Usage u = w.stop();
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(u.cpuNanos() >= 150e6, "a 6M-row generate_series takes well over 150 ms of CPU, got " + u);
        assertTrue(u.cpuNanos() <= u.wallNanos() * cores + 2 * ServerCpu.NANOS_PER_TICK, u.toString());
        assertTrue(u.share() > 0 && u.share() <= cores + 0.1, u.toString());
    }

    @Test
    void measuresMariaDbThreads() throws Exception {
        Servers.Server my = Servers.defaults().mysql();
        Schema.createDatabase(Db.MYSQL, my);
        ServerCpu probe = ServerCpu.probe(Db.MYSQL, my);
        assertInstanceOf(ServerCpu.Local.class, probe, probe.describe());
        try (Connection c = Schema.connect(Db.MYSQL, my); Statement st = c.createStatement()) {
            ServerCpu.Window w = probe.start();
            st.execute("select benchmark(3000000, md5('sluice'))");
            ServerCpu.Usage u = w.stop();
            assertTrue(u.cpuNanos() >= 150e6, "3M md5 calls take well over 150 ms of CPU, got " + u);
            assertTrue(u.cpuNanos() <= u.wallNanos() * Runtime.getRuntime().availableProcessors()
                    + 2 * ServerCpu.NANOS_PER_TICK, u.toString());
        }
    }
}
