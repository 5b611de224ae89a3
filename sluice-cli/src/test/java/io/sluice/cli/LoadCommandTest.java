package io.sluice.cli;

import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.TestServers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sluice load} end to end through {@link Main#run} against the shared MariaDB. */
class LoadCommandTest {

    private record Run(int status, String out, String err) {
        Map<String, Object> json() {
            return MiniJson.object(MiniJson.parse(out));
        }
    }

    private static String url() {
        return TestServers.mariadb().mysqlUrl();
    }

    private static Run load(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "load";
        full[1] = url();
        System.arraycopy(args, 0, full, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(full, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static long number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertNotNull(v, key + " missing in " + m);
        return ((Number) v).longValue();
    }

    @Test
    void shortTextRun() {
        Run r = load("--sql", "select {int:1:100} + 0", "--duration", "1500ms", "--concurrency", "4", "--progress", "lines");
        assertEquals(0, r.status(), r.err());
        Matcher m = Pattern.compile("operations\\s+(\\d+) ok, (\\d+) errors").matcher(r.out());
        assertTrue(m.find(), r.out());
        long ok = Long.parseLong(m.group(1));
        assertTrue(ok > 0, r.out());
        assertEquals("0", m.group(2));
        assertTrue(r.out().contains("throughput   " + String.format(java.util.Locale.ROOT, "%.1f", ok / 1.5) + " ops/s"),
                r.out());
        assertTrue(r.out().contains("p99.9"), r.out());
        assertTrue(r.out().contains("pool at end  size 4, idle 4, in use 0"), r.out());
        assertFalse(r.out().contains("\nerrors\n"), r.out());
        assertTrue(r.err().contains(" ops/s  p50 "), "plain progress lines on a non-terminal: " + r.err());
        assertFalse(r.err().contains("\r"), r.err());
    }

    @Test
    void jsonReportParsesAndAddsUp() {
        Run r = load("--sql", "select {int:1:100} + 0", "--duration", "1s", "--concurrency", "4", "--format", "json",
                "--progress", "off");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        Map<String, Object> j = r.json();
        long ok = number(j, "ok");
        assertTrue(ok > 0);
        assertEquals(0, number(j, "errors"));
        assertEquals(ok, ((Number) j.get("throughput")).doubleValue(), 0.5, "1 s window");
        Map<String, Object> lat = MiniJson.object(j.get("latencyMicros"));
        assertEquals(ok, number(lat, "count"));
        assertTrue(number(lat, "min") <= number(lat, "p50"));
        assertTrue(number(lat, "p50") <= number(lat, "p90"));
        assertTrue(number(lat, "p90") <= number(lat, "p99"));
        assertTrue(number(lat, "p99") <= number(lat, "p99.9"));
        assertTrue(number(lat, "p99.9") <= number(lat, "max"));
        assertTrue(number(lat, "max") < 10_000_000, "no statement took 10 s");
        Map<String, Object> stmt = MiniJson.object(MiniJson.array(j.get("statements")).getFirst());
        assertEquals("select {int:1:100} + 0", stmt.get("sql"));
        assertEquals("select ? + 0", stmt.get("sent"));
        assertEquals(ok, number(stmt, "ok"));
        Map<String, Object> pool = MiniJson.object(j.get("pool"));
        assertEquals(0, number(pool, "inUse"));
        assertEquals(4, number(pool, "size"));
        Map<String, Object> settings = MiniJson.object(j.get("settings"));
        assertEquals(4, number(settings, "poolSize"), "pool size defaults to the concurrency");
        assertEquals(0, number(settings, "maxOverflow"));
        Map<String, Object> engine = MiniJson.object(j.get("engine"));
        assertTrue(number(engine, "queries") >= ok);
        assertEquals(List.of(), j.get("errorsByKind"));
    }

    @Test
    void badSqlIsReportedByVendorCodeAndExitsOne() {
        Run r = load("--sql", "selec {int:1:5}", "--duration", "500ms", "--concurrency", "2", "--format", "json",
                "--progress", "off");
        assertEquals(1, r.status(), "100% errors");
        assertTrue(r.err().contains("every statement failed"), r.err());
        Map<String, Object> j = r.json();
        assertEquals(0, number(j, "ok"));
        long errors = number(j, "errors");
        assertTrue(errors > 0);
        List<Object> kinds = MiniJson.array(j.get("errorsByKind"));
        assertEquals(1, kinds.size(), kinds.toString());
        Map<String, Object> k = MiniJson.object(kinds.getFirst());
        assertEquals(1064, number(k, "vendorCode"));
        assertEquals("42000", k.get("sqlState"));
        assertEquals("SqlSyntaxException", k.get("type"));
        assertEquals(errors, number(k, "count"));
        assertTrue(((String) k.get("first")).startsWith("ERROR 1064 (42000): You have an error in your SQL syntax"),
                k.toString());
    }

    @Test
    void badSqlInTextShowsTheErrorTable() {
        Run r = load("--sql", "select * from sluice_load_no_such_table", "--duration", "300ms", "--concurrency", "2",
                "--progress", "off");
        assertEquals(1, r.status());
        assertTrue(r.out().contains("UndefinedObjectException 1146 (42S02)"), r.out());
        assertTrue(r.out().contains("first: ERROR 1146 (42S02): Table"), r.out());
        assertTrue(r.out().contains("latency: no statement succeeded"), r.out());
    }

    @Test
    void setupInsertsWithPlaceholdersAndCleanupDrops() {
        MariaDbServer db = TestServers.mariadb();
        String table = "sluice_load_t" + ProcessHandle.current().pid();
        try {
            Run r = load("--setup", "drop table if exists " + table + "; create table " + table
                            + " (id bigint primary key, name varchar(20), pick varchar(5), at datetime, u char(36))",
                    "--sql", "insert into " + table + " values ({seq}, {string:3:20}, {choice:a|bb|ccc}, {now}, {uuid})",
                    "--duration", "500ms", "--concurrency", "4", "--format", "json", "--progress", "off");
            assertEquals(0, r.status(), r.err());
            long ok = number(r.json(), "ok");
            long rows = Long.parseLong(db.sqlValue("select count(*) from " + table));
            assertTrue(rows >= ok, "every measured insert landed: " + rows + " rows, " + ok + " ok");
            assertEquals(String.valueOf(rows), db.sqlValue("select max(id) from " + table), "{seq} is 1..n, no gaps");
            assertEquals("0", db.sqlValue("select count(*) from " + table
                    + " where pick not in ('a','bb','ccc') or length(name) not between 3 and 20 or u not like '%-4%'"));
            Run c = load("--sql", "select count(*) from " + table, "--cleanup", "drop table " + table,
                    "--duration", "200ms", "--progress", "off");
            assertEquals(0, c.status(), c.err());
            assertEquals("0", db.sqlValue("select count(*) from information_schema.tables where table_schema = database() "
                    + "and table_name = '" + table + "'"));
        } finally {
            db.sql("drop table if exists " + table);
        }
    }

    @Test
    void failedSetupExitsOneAndStillCleansUp() {
        Run r = load("--setup", "create tabel x (i int)", "--cleanup", "selec 2", "--sql", "select 1",
                "--duration", "200ms", "--progress", "off");
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("setup: ERROR 1064 (42000): "), r.err());
        assertTrue(r.err().contains("\ncleanup: ERROR 1064 (42000): "), "cleanup ran (and failed): " + r.err());
        assertEquals("", r.out(), "no load ran, no report");
    }

    @Test
    void asyncOpenLoopHoldsTheRate() {
        Run r = load("--sql", "select {int:1:9}", "--sql", "weight=3:select {double:0:1}", "--rate", "400",
                "--async", "--duration", "1s", "--warmup", "200ms", "--concurrency", "4", "--format", "json",
                "--progress", "off");
        assertEquals(0, r.status(), r.err());
        Map<String, Object> j = r.json();
        long ok = number(j, "ok");
        assertTrue(ok >= 360 && ok <= 401, "about 400 in the 1 s window after warmup: " + ok);
        assertNotNull(j.get("serviceTimeMicros"));
        List<Object> stmts = MiniJson.array(j.get("statements"));
        long a = number(MiniJson.object(stmts.get(0)), "ok");
        long b = number(MiniJson.object(stmts.get(1)), "ok");
        assertTrue(Math.abs(b - 3 * a) <= 4, "weights 1:3 give " + a + ":" + b);
        assertEquals(true, MiniJson.object(j.get("settings")).get("async"));
    }

    @Test
    void poolTimeoutsAreCountedAsErrors() {
        Run r = load("--sql", "select sleep(0.05)", "--concurrency", "8", "--pool-size", "1", "--pool-timeout", "1ms",
                "--duration", "500ms", "--format", "json", "--progress", "off");
        assertEquals(0, r.status(), "some statements succeeded: " + r.err());
        Map<String, Object> j = r.json();
        assertTrue(number(j, "ok") > 0);
        Map<String, Object> k = MiniJson.object(MiniJson.array(j.get("errorsByKind")).getFirst());
        assertEquals("PoolTimeoutException", k.get("type"));
        assertEquals(number(j, "errors"), number(k, "count"));
    }

    @Test
    void aBadPasswordFailsFastWithoutPrintingIt() {
        MariaDbServer db = TestServers.mariadb();
        String secret = "Hunter2Secret";
        String bad = "mysql://sluice_no_such_user:" + secret + "@" + db.host() + ":" + db.port() + "/" + db.database();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"load", bad, "--sql", "select 1", "--duration", "5s"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, status);
        assertTrue(e.startsWith("ERROR 1045 (28000)"), e);
        assertFalse(e.contains(secret) || out.toString(StandardCharsets.UTF_8).contains(secret), e);
    }

    @Test
    void usageErrorExitsTwoAndScrubsThePassword() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"load", "mysql://u:Hunter2Secret@h/db", "--sql", "select {int:10:1}"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status);
        assertTrue(e.startsWith("sluice: --sql: placeholder {int:10:1}: min 10 > max 1\nUsage: sluice load"), e);
        assertFalse(e.contains("Hunter2Secret"), e);
    }

    @Test
    void helpPrintsTheOptions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"load", "--help"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("{int:MIN:MAX}"));
    }
}
