package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.UsageException;
import io.sluice.core.result.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * executeBatch of an INSERT on MariaDB (COM_STMT_BULK_EXECUTE): values as bound by the binary
 * protocol, NULLs, rows whose value types change (a new command), and a failing row that leaves
 * the connection usable and its command's rows unapplied, as the multi-row INSERT did.
 */
class BulkExecuteTest {

    @Test
    void valuesNullsAndChangingTypesArriveIntact() {
        String t = Db.table("bulk");
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (id bigint primary key, s varchar(50), d decimal(10,2), at datetime(6),"
                    + " n bigint null, u bigint unsigned)");
            try {
                List<List<?>> rows = new ArrayList<>();
                rows.add(Arrays.asList(1, "a'b\\c", new BigDecimal("1.25"), LocalDateTime.of(2024, 1, 1, 1, 1, 1, 123_456_000),
                        null, null));
                rows.add(Arrays.asList(2, null, null, null, 5L, new BigInteger("18446744073709551615")));
                rows.add(Arrays.asList(3L, "ünï€😀", new BigDecimal("-3.5"), LocalDateTime.of(1999, 12, 31, 23, 59, 59),
                        7L, BigInteger.ONE));
                rows.add(Arrays.asList(4, "x", 2.5, LocalDate.of(2020, 2, 29), 8, null));
                List<Long> progress = new ArrayList<>();
                assertEquals(4, c.executeBatch("insert into " + t + " values (?, ?, ?, ?, ?, ?)", rows, progress::add));
                assertEquals(4L, progress.get(progress.size() - 1));
                List<Row> got = c.query("select * from " + t + " order by id").get(0).rows();
                assertEquals(4, got.size());
                assertEquals("a'b\\c", got.get(0).getString("s"));
                assertEquals(new BigDecimal("1.25"), got.get(0).getBigDecimal("d"));
                assertEquals(LocalDateTime.of(2024, 1, 1, 1, 1, 1, 123_456_000), got.get(0).getLocalDateTime("at"));
                assertNull(got.get(0).get("n"));
                assertNull(got.get(1).get("s"));
                assertEquals("18446744073709551615", got.get(1).get("u").toString());
                assertEquals("ünï€😀", got.get(2).getString("s"));
                assertEquals(new BigDecimal("2.50"), got.get(3).getBigDecimal("d"));
                assertEquals(LocalDateTime.of(2020, 2, 29, 0, 0), got.get(3).getLocalDateTime("at"));
                assertEquals(8L, got.get(3).getLong("n"));
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    @Test
    void aFailingRowFailsItsCommandOnlyAndTheConnectionStaysInStep() {
        String t = Db.table("bulkerr");
        try (MySqlConnection c = Db.connect()) {
            c.query("create table " + t + " (id int primary key, s varchar(10))");
            try {
                c.executeBatch("insert into " + t + " values (?, ?)", List.of(List.of(3, "x")), null);
                List<List<?>> bad = new ArrayList<>();
                for (int i = 10; i < 20; i++) {
                    bad.add(List.of(i, "v"));
                }
                bad.set(5, List.of(3, "dup"));
                assertThrows(IntegrityViolationException.class,
                        () -> c.executeBatch("insert into " + t + " (id, s) values (?, ?)", bad, null));
                assertTrue(c.isUsable());
                assertEquals(1L, c.query("select count(*) from " + t).get(0).rows().get(0).getLong(0),
                        "one command, one statement: none of its rows stays");
                List<List<?>> shortRow = List.of(List.of(20, "a"), List.of(21));
                assertThrows(UsageException.class, () -> c.executeBatch("insert into " + t + " values (?, ?)", shortRow, null));
                assertTrue(c.isUsable());
            } finally {
                c.query("drop table " + t);
            }
        }
    }
}
