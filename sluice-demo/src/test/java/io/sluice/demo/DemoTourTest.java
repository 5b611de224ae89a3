package io.sluice.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.engine.Engine;
import io.sluice.testkit.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole tour against the shared MariaDB and PostgreSQL servers, and once against the embedded
 * PostgreSQL it starts itself; each checks the exit status, the lines that show every section did
 * what it says, and that nothing is left behind (tables, temp directory).
 */
class DemoTourTest {

    @Test
    void tourOnMariaDb() {
        String url = TestServers.mariadb().mysqlUrl();
        DemoRun r = DemoRun.of(url, "--plain");
        assertTour(r, "select sleep(0.1)", "select sleep(0.3)", "START TRANSACTION");
        assertTrue(r.out().contains("IntegrityViolationException (kind UNIQUE, SQLSTATE 23000)"), r.toString());
        assertTrue(r.out().contains("Duplicate entry 'bo.berg@example.com'"), r.toString());
        assertTablesGone(url);
    }

    @Test
    void tourOnPostgres() {
        String url = TestServers.postgres().postgresUrl();
        DemoRun r = DemoRun.of(url, "--plain");
        assertTour(r, "select pg_sleep(0.1)", "select pg_sleep(0.3)", "BEGIN");
        assertTrue(r.out().contains("IntegrityViolationException (kind UNIQUE, SQLSTATE 23505)"), r.toString());
        assertTrue(r.out().contains("COPY FROM STDIN"), r.toString());
        assertTablesGone(url);
    }

    @Test
    void embeddedPostgresStartsRunsAndIsRemoved() {
        DemoRun r = DemoRun.of("--plain");
        assertTour(r, "select pg_sleep(0.1)", "select pg_sleep(0.3)", "BEGIN");
        assertTrue(r.out().contains("server         PostgreSQL 16."), r.toString());
        Matcher m = Pattern.compile("data in (/\\S+sluice-demo-pg-\\d+)").matcher(r.out());
        assertTrue(m.find(), r.toString());
        Path dir = Path.of(m.group(1));
        assertFalse(Files.exists(dir), "temp dir still there: " + dir);
        assertTrue(r.out().contains("stopped PostgreSQL and removed " + dir), r.toString());
        assertTrue(r.out().indexOf("stopped PostgreSQL") > r.out().indexOf("10. Clean up and dispose"), r.toString());
    }

    private static void assertTour(DemoRun r, String sleep, String slowSleep, String begin) {
        String o = r.out();
        assertEquals(0, r.status(), r.toString());
        assertEquals("", r.err(), r.toString());
        assertFalse(o.contains("\u001b["), "plain output has no escape codes");
        for (int i = 1; i <= 10; i++) {
            assertTrue(o.contains("\n== " + i + ". "), "section " + i + " missing\n" + r);
        }
        // 1: engine from a URL, password never shown
        assertTrue(o.contains("Engine.create(\""), r.toString());
        assertTrue(o.contains("poolSize=20&maxOverflow=0"), r.toString());
        // 2, 3: schema and CRUD
        assertTrue(o.contains("ok: created sluice_demo_users"), r.toString());
        assertTrue(o.contains("ok: created 12 users"), r.toString());
        assertTrue(o.contains("fullName=Ann Archer, age=21]"), r.toString());
        assertTrue(o.contains("page 2 of 3 (12 users, 5 per page)"), r.toString());
        assertTrue(o.contains(" 6 | fay.fox@example.com   | Fay Fox   |  56"), r.toString());
        assertTrue(o.contains("ok: update: 1 row affected; now User[id=1, email=ann.archer@example.com, "
                + "fullName=Ann Archer-Lee, age=22]"), r.toString());
        assertTrue(o.contains("1 row affected; get 12 now finds 0 rows"), r.toString());
        // 4: transfers with savepoints and a rollback
        assertTrue(o.contains("    " + begin + "\n"), r.toString());
        assertTrue(o.contains("SAVEPOINT sluice_sp_1"), r.toString());
        assertTrue(o.contains("-> IntegrityViolationException\n    ROLLBACK TO SAVEPOINT sluice_sp_2\n    COMMIT"),
                r.toString());
        assertTrue(o.contains("ok: T-1 committed"), r.toString());
        assertTrue(o.contains("ok: T-2 committed"), r.toString());
        assertTrue(o.contains("for update\n    ROLLBACK\n  ok: T-3 rolled back: insufficient funds: account 3 has "
                + "30.00, needs 500.00"), r.toString());
        assertTrue(o.contains(" 1 | alice |   70.00\n     2 | bob   |   60.00\n     3 | carol |   30.00"), r.toString());
        assertTrue(o.contains("total still 160.00; 2 transfers recorded"), r.toString());
        // 5: 50 sleeps on 20 connections: at least 3 waves, far less than 5 s
        assertTrue(o.contains("engine.async().execute(\"" + sleep + "\")"), r.toString());
        Matcher wall = Pattern.compile("wall time +(\\d+\\.\\d+) s for 50 x 0.1 s").matcher(o);
        assertTrue(wall.find(), r.toString());
        double secs = Double.parseDouble(wall.group(1));
        assertTrue(secs >= 0.29 && secs < 3.0, "wall time " + secs);
        // the pool never lends more than its 20 connections; the rest of the 50 wait
        Matcher peak = Pattern.compile("pool at peak   size=(\\d+) idle=\\d+ inUse=(\\d+) overflow=0 waiting=(\\d+)")
                .matcher(o);
        assertTrue(peak.find(), r.toString());
        assertTrue(Integer.parseInt(peak.group(1)) <= 20 && Integer.parseInt(peak.group(2)) <= 20, peak.group());
        assertTrue(Integer.parseInt(peak.group(2)) + Integer.parseInt(peak.group(3)) >= 20, peak.group());
        assertTrue(o.contains("pool after     size=20 idle=20 inUse=0 overflow=0 waiting=0"), r.toString());
        // 6, 7: bulk insert and streaming
        assertTrue(o.contains("... 100,000 / 100,000 rows (100%"), r.toString());
        assertTrue(o.contains("select count(*) says 100,000"), r.toString());
        assertTrue(o.contains("click    | 25,000 | 1261316.00"), r.toString());
        assertTrue(o.contains("ok: streamed 100,000 rows"), r.toString());
        // 8: slow-query listener and log, statistics
        // a 0.3 s sleep is reported at or above the 250 ms threshold (on a loaded machine it may take longer)
        Matcher slowOne = Pattern.compile("ok: onSlowQuery: (\\d+\\.\\d) ms, 1 row\\(s\\), connection \\d+: "
                + Pattern.quote(slowSleep)).matcher(o);
        assertTrue(slowOne.find(), r.toString());
        assertTrue(Double.parseDouble(slowOne.group(1)) >= 250.0, slowOne.group());
        assertTrue(o.contains("WARNING slow query ("), r.toString());
        assertTrue(o.contains("errors         2   (the duplicate email and the duplicate transfer ref)"), r.toString());
        // 9, 10: health, info, dispose
        assertTrue(o.contains("ok: healthy in "), r.toString());
        assertTrue(o.contains("connection id  "), r.toString());
        assertTrue(o.contains("pool after     size=0 idle=0 inUse=0"), r.toString());
        assertTrue(o.contains("Demo finished in "), r.toString());
    }

    private static void assertTablesGone(String url) {
        try (Engine e = Engine.create(url)) {
            String sql = url.startsWith("mysql")
                    ? "select count(*) from information_schema.tables where table_schema = database() "
                            + "and table_name like 'sluice_demo%'"
                    : "select count(*) from information_schema.tables where table_name like 'sluice_demo%'";
            assertEquals(0L, e.execute(sql).scalar(Long.class));
        }
    }
}
