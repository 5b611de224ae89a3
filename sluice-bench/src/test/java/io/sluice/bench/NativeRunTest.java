package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The native tools' paths that do not need the tool: skipping when absent, reading its output. */
class NativeRunTest {

    @Test
    void sysbenchAbsentIsASkippedCell() {
        Cell c = NativeRun.sysbench(null, Servers.defaults().mysql(), 8, 1, 100_000,
                new ServerCpu.Absent(Db.MYSQL, "test"));
        assertEquals("sysbench", c.target());
        assertTrue(!c.ok() && c.error().startsWith("skipped: sysbench not installed"), String.valueOf(c.error()));
    }

    @Test
    void readsSysbenchQueriesAndRate() {
        String out = """
                SQL statistics:
                    queries performed:
                        read:                            30505
                        total:                           30505
                    transactions:                        30505  (15221.42 per sec.)
                    queries:                             30505  (15221.42 per sec.)
                    ignored errors:                      0      (0.00 per sec.)
                """;
        Matcher m = NativeRun.SYSBENCH_QPS.matcher(out);
        assertTrue(m.find());
        assertEquals("15221.42", m.group(2));
        assertEquals(30505, NativeRun.count(NativeRun.SYSBENCH_QPS, out));
    }
}
