package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.IntegrityViolationException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** executeBatch: multi-row INSERT rewriting and pipelined prepared executions, on the real server. */
class BatchTest {

    @Test
    void insertOf100kRowsIsRewrittenIntoFewStatements() {
        String t = Db.table("batch");
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (id int primary key, name varchar(50), amount decimal(10,2), at datetime(6))");
            try {
                List<List<?>> rows = new ArrayList<>();
                for (int i = 0; i < 100_000; i++) {
                    rows.add(List.of(i, "name '" + i + "' \\ \"x\"", new BigDecimal(i + ".25"),
                            LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i)));
                }
                long q0 = c.query("show session status like 'Com_insert'").get(0).rows().get(0).getLong(1);
                List<Long> progress = new ArrayList<>();
                long affected = c.executeBatch("insert into " + t + " (id, name, amount, at) values (?, ?, ?, ?)", rows,
                        progress::add);
                assertEquals(100_000, affected);
                long statements = c.query("show session status like 'Com_insert'").get(0).rows().get(0).getLong(1) - q0;
                assertTrue(statements < 100, "expected a few multi-row statements, got " + statements);
                assertEquals(100_000L, progress.get(progress.size() - 1));
                for (int i = 1; i < progress.size(); i++) {
                    assertTrue(progress.get(i) > progress.get(i - 1));
                }
                var row = c.execute("select name, amount, at from " + t + " where id = ?", 77_777).rows().get(0);
                assertEquals("name '77777' \\ \"x\"", row.getString(0));
                assertEquals(new BigDecimal("77777.25"), row.getBigDecimal(1));
                assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(77_777), row.getLocalDateTime(2));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void rewriteHonoursNoBackslashEscapesAndOnDuplicateKey() {
        String t = Db.table("batchnbe");
        try (MySqlConnection c = MySqlConnection.connect(Db.config().sessionVariable("sql_mode", "NO_BACKSLASH_ESCAPES").build())) {
            assertTrue(c.noBackslashEscapes());
            c.query("create table " + t + " (id int primary key, s varchar(50), n int default 0)");
            try {
                List<List<?>> rows = List.of(List.of(1, "a\\'b"), List.of(2, "c\\"), List.of(1, "dup"));
                c.executeBatch("insert into " + t + " (id, s) values (?, ?) on duplicate key update n = n + 1", rows, null);
                assertEquals("a\\'b", c.execute("select s from " + t + " where id = ?", 1).rows().get(0).getString(0));
                assertEquals(1L, c.execute("select n from " + t + " where id = ?", 1).rows().get(0).getLong(0));
                assertEquals("c\\", c.execute("select s from " + t + " where id = ?", 2).rows().get(0).getString(0));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void updatesArePipelinedAndAnErrorKeepsTheConnectionInStep() {
        String t = Db.table("batchupd");
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (id int primary key, v int, u int unique)");
            try {
                List<List<?>> ins = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    ins.add(List.of(i, 0, i));
                }
                c.executeBatch("insert into " + t + " values (?, ?, ?)", ins, null);
                List<List<?>> upd = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    upd.add(List.of(i * 2, i));
                }
                long before = c.query("show session status like 'Com_stmt_execute'").get(0).rows().get(0).getLong(1);
                assertEquals(999, c.executeBatch("update " + t + " set v = ? where id = ?", upd, null));
                assertEquals(1000, c.query("show session status like 'Com_stmt_execute'").get(0).rows().get(0).getLong(1) - before);
                assertEquals(1998L, c.execute("select v from " + t + " where id = ?", 999).rows().get(0).getLong(0));
                // row 3 violates the unique key: the error surfaces after the window is read
                List<List<?>> bad = List.of(List.of(5000, 1), List.of(5001, 2), List.of(5, 3), List.of(5002, 4));
                assertThrows(IntegrityViolationException.class,
                        () -> c.executeBatch("update " + t + " set u = ? where id = ?", bad, null));
                assertTrue(c.isUsable());
                assertEquals(5002L, c.execute("select u from " + t + " where id = ?", 4).rows().get(0).getLong(0),
                        "later rows of the window were applied (documented)");
            } finally {
                c.query("drop table " + t);
            }
        }
    }
}
