package io.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testkit.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** `sluice sql` and `sluice load` against the real PostgreSQL. */
class PostgresCliTest {
    private static String url() {
        String u = TestServers.postgres().postgresUrl();
        return u + (u.contains("?") ? "&" : "?") + "sslMode=disable";
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sqlPrintsATableAndErrorsAsOneLine() {
        Run ok = run("sql", url(), "select 1 as one, array[1,null]::int4[] as arr");
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("one | arr"), ok.out());
        assertTrue(ok.out().contains("{1,NULL}"), ok.out());
        assertTrue(ok.out().contains("(1 row)"), ok.out());
        Run bad = run("sql", url(), "select * from no_such_table_cli");
        assertEquals(1, bad.status());
        assertEquals("ERROR 0 (42P01): relation \"no_such_table_cli\" does not exist\n", bad.err());
    }

    @Test
    void loadRunsOnPostgres() {
        Run r = run("load", url(), "--sql", "select {int:1:100} + 0", "--concurrency", "4", "--pool-size", "2",
                "--duration", "1s", "--progress", "off");
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("0 errors"), r.out());
    }
}
