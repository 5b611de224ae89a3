package io.sluice.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoArgsTest {

    @Test
    void helpGoesToStdout() {
        DemoRun r = DemoRun.of("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: sluice demo [URL] [--plain]\n"), r.out());
    }

    @Test
    void unknownSchemeIsAUsageErrorWithoutThePassword() {
        DemoRun r = DemoRun.of("sqlite://me:secret@host/db");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("sluice demo: the demo needs a mysql://, mariadb:// or postgresql:// URL, "
                + "not sqlite://me:***@host/db\nUsage: sluice demo"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, DemoRun.of("--bogus").status());
        assertEquals(2, DemoRun.of("mysql://a/b", "mysql://c/d").status());
        assertEquals(2, DemoRun.of("--rows", "0").status());
        assertEquals(2, DemoRun.of("--rows", "x").status());
    }

    @Test
    void unreachableServerFailsWithStatusOne() {
        // port 1 on loopback: refused at once
        DemoRun r = DemoRun.of("mysql://root:pw@127.0.0.1:1/test?connectTimeout=2s", "--plain");
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().startsWith("sluice demo: failed: "), r.err());
        assertTrue(r.err().contains("(target mysql://root:***@127.0.0.1:1/test?connectTimeout=2s)"), r.err());
        assertTrue(!r.err().contains("pw@") && !r.out().contains("pw@"), r.toString());
    }

    @Test
    void redactHidesOnlyThePassword() {
        assertEquals("mysql://u:***@h:3306/d?x=1", Demo.redact("mysql://u:p%40ss@h:3306/d?x=1"));
        assertEquals("mysql://u@h/d", Demo.redact("mysql://u@h/d"));
        assertEquals("postgresql://h:5432/d", Demo.redact("postgresql://h:5432/d"));
        assertEquals("mysql://u:***@h", Demo.redact("mysql://u:a@b@h"));
    }

    @Test
    void tourOptionsReplaceTheUsersPoolOptionsAndKeepTheRest() {
        assertEquals("mysql://u@h/d?poolSize=20&maxOverflow=0&poolTimeout=10s&slowQueryThreshold=250ms",
                Tour.withOptions("mysql://u@h/d"));
        assertEquals("mysql://u@h/d?sslMode=disable&charset=latin1&poolSize=20&maxOverflow=0&poolTimeout=10s"
                        + "&slowQueryThreshold=250ms",
                Tour.withOptions("mysql://u@h/d?poolSize=3&sslMode=disable&slowQueryThreshold=1s&charset=latin1"));
    }

    @Test
    void dialectFromScheme() {
        assertEquals(DemoDialect.MYSQL, DemoDialect.ofUrl("mysql://h/d"));
        assertEquals(DemoDialect.MYSQL, DemoDialect.ofUrl("MariaDB://h/d"));
        assertEquals(DemoDialect.POSTGRES, DemoDialect.ofUrl("postgresql://h/d"));
        assertEquals(DemoDialect.POSTGRES, DemoDialect.ofUrl("postgres://h/d"));
        assertEquals(null, DemoDialect.ofUrl("h/d"));
    }
}
