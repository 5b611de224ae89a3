package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.error.UsageException;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Multi-results, large packets, the statement cache, LOCAL INFILE and streaming, on the real server. */
class ProtocolFeaturesTest {

    private static long status(MySqlConnection c, String name) {
        return c.query("show session status like '" + name + "'").get(0).rows().get(0).getLong(1);
    }

    @Test
    void multiStatementsAndMultiResults() {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().multiStatements(true).build())) {
            String t = Db.table("multi");
            List<Result> rs = c.query("create temporary table " + t + " (i int); insert into " + t
                    + " values (1),(2),(3); select i from " + t + " order by i; select 'x' as s, 2 as n");
            assertEquals(4, rs.size());
            assertFalse(rs.get(0).hasRows());
            assertEquals(3, rs.get(1).affectedRows());
            assertEquals(List.of(1, 2, 3), rs.get(2).rows().stream().map(r -> r.getInt(0)).toList());
            assertEquals("x", rs.get(3).rows().get(0).getString("s"));
            // an error in the middle ends the batch; the connection stays in step
            assertThrows(SqlSyntaxException.class, () -> c.query("select 1; selec 2; select 3"));
            assertEquals(5L, c.query("select 5").get(0).rows().get(0).getLong(0));
        }
    }

    @Test
    void multiStatementsOffByDefault() {
        try (MySqlConnection c = Db.connect()) {
            assertThrows(SqlSyntaxException.class, () -> c.query("select 1; select 2"));
            assertEquals(1L, c.query("select 1").get(0).rows().get(0).getLong(0));
        }
    }

    @Test
    void storedProcedureResultsInBothProtocols() {
        String p = Db.table("proc");
        try (MySqlConnection c = Db.connect()) {
            c.query("create procedure " + p + "(in n int) begin select n as a; select n * 2 as b, 'z' as c; end");
            try {
                List<Result> text = c.query("call " + p + "(21)");
                assertEquals(3, text.size(), "two row sets and the final status");
                assertEquals(21, text.get(0).rows().get(0).getInt("a"));
                assertEquals(42L, text.get(1).rows().get(0).getLong("b"));
                List<Result> bin = c.executeAll("call " + p + "(?)", 5);
                assertEquals(3, bin.size());
                assertEquals(10L, bin.get(1).rows().get(0).getLong("b"));
                assertEquals(3L, c.execute("select 3").rows().get(0).getLong(0));
            } finally {
                c.query("drop procedure " + p);
            }
        }
    }

    @Test
    void statementCacheEvictsLeastRecentlyUsed() {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().prepareCacheSize(2).build())) {
            long prepared0 = status(c, "Com_stmt_prepare");
            long closed0 = status(c, "Com_stmt_close");
            c.execute("select ? as a", 1);
            c.execute("select ? as b", 1);
            c.execute("select ? as a", 2); // hit: a becomes most recent
            assertEquals(2, c.cachedStatements());
            c.execute("select ? as c", 1); // evicts b
            c.execute("select ? as a", 3); // still cached
            assertEquals(2, c.cachedStatements());
            assertEquals(3, status(c, "Com_stmt_prepare") - prepared0, "a, b, c prepared once each");
            assertEquals(1, status(c, "Com_stmt_close") - closed0, "b closed on eviction");
            c.execute("select ? as b", 1); // b prepared again, evicts c
            assertEquals(4, status(c, "Com_stmt_prepare") - prepared0);
        }
    }

    @Test
    void cacheDisabledClosesEachStatement() {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().prepareCacheSize(0).build())) {
            long closed0 = status(c, "Com_stmt_close");
            for (int i = 0; i < 5; i++) {
                assertEquals((long) i, c.execute("select ?", i).rows().get(0).getLong(0));
            }
            assertEquals(0, c.cachedStatements());
            assertTrue(status(c, "Com_stmt_close") - closed0 >= 4);
        }
    }

    @Test
    void cachedStatementSurvivesConnectionReset() {
        try (MySqlConnection c = Db.connect()) {
            assertEquals(1L, c.execute("select ? + 0", 1).rows().get(0).getLong(0));
            c.resetConnection(); // the server forgets every prepared statement
            assertEquals(2L, c.execute("select ? + 0", 2).rows().get(0).getLong(0));
        }
    }

    @Test
    void explicitPreparedStatement() {
        try (MySqlConnection c = Db.connect(); MySqlStatement s = c.prepare("select ? * ?")) {
            assertEquals(2, s.parameterCount());
            assertEquals(6L, s.execute(2, 3).rows().get(0).getLong(0));
            s.reset();
            assertEquals(20L, s.execute(4, 5).rows().get(0).getLong(0));
            s.close();
            assertThrows(UsageException.class, () -> s.execute(1, 1));
        }
    }

    @Test
    void packetsOver16MiBBothWays() {
        Db.server().sql("SET GLOBAL max_allowed_packet = 67108864");
        int size = 16 * 1024 * 1024 + 123; // crosses the 0xFFFFFF packet boundary
        byte[] blob = new byte[size];
        new Random(7).nextBytes(blob);
        String t = Db.table("big");
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (id int primary key, b longblob, s longtext) engine=InnoDB");
            try {
                String text = "é".repeat(size / 2 + 10);
                c.execute("insert into " + t + " values (?, ?, ?)", 1, blob, text);
                Row bin = c.execute("select b, s, length(b) from " + t + " where id = ?", 1).rows().get(0);
                assertEquals(size, bin.getLong(2));
                assertArrayEquals(blob, bin.getBytes(0));
                assertEquals(text, bin.getString(1));
                Row txt = c.query("select b, s from " + t).get(0).rows().get(0);
                assertTrue(Arrays.equals(blob, txt.getBytes(0)));
                assertEquals(text, txt.getString(1));
                // exactly 0xFFFFFF bytes of payload needs a trailing empty packet
                byte[] exact = Arrays.copyOf(blob, 0xFFFFFF - 20);
                c.execute("update " + t + " set b = ? where id = ?", exact, 1);
                assertEquals((long) exact.length, c.query("select length(b) from " + t).get(0).rows().get(0).getLong(0));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void localInfileWithStreamAndRefusedWithout() {
        String t = Db.table("infile");
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (a int, b varchar(10))");
            try {
                byte[] data = "1\tone\n2\ttwo\n3\tthree\n".getBytes(StandardCharsets.UTF_8);
                List<Result> r = c.query("load data local infile 'ignored.tsv' into table " + t,
                        new ByteArrayInputStream(data));
                assertEquals(3, r.get(0).affectedRows());
                UsageException refused = assertThrows(UsageException.class,
                        () -> c.query("load data local infile '/etc/passwd' into table " + t));
                assertTrue(refused.getMessage().contains("/etc/passwd"), refused.getMessage());
                assertEquals(3L, c.query("select count(*) from " + t).get(0).rows().get(0).getLong(0),
                        "the refused load added nothing");
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void streamingReadsRowsAsConsumed() {
        try (MySqlConnection c = Db.connect()) {
            // MariaDB's SEQUENCE engine: seq_1_to_N is a virtual table of N rows
            String seq = "select seq, repeat('x', 100) from seq_1_to_200000 where seq <= ?";
            long sum = 0;
            int rows = 0;
            try (RowStream rs = c.stream(seq, 200_000)) {
                assertEquals(2, rs.columns().size());
                while (rs.hasNext()) {
                    sum += rs.next().getLong(0);
                    rows++;
                }
            }
            assertEquals(200_000, rows);
            assertEquals(200_000L * 200_001 / 2, sum);
            // closing early drains the rest and frees the connection
            try (RowStream rs = c.stream(seq, 100_000)) {
                assertEquals(1L, rs.next().getLong(0));
            }
            try (var s = c.streamText("select 1 union all select 2").stream()) {
                assertEquals(3L, s.mapToLong(r -> r.getLong(0)).sum());
            }
            assertEquals(9L, c.query("select 9").get(0).rows().get(0).getLong(0));
        }
    }
}
