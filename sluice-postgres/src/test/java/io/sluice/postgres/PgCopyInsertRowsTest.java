package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import io.sluice.core.result.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows of an INSERT loaded by COPY ({@code copyInsertRows}, the path of {@code executeMany}): binary
 * format when the first row's values have the column types' binary forms, text otherwise. Which
 * format ran shows in what each accepts: binary takes one Java type per column (a row with another
 * type fails the whole COPY cleanly), text lets the server parse any value's text form.
 */
class PgCopyInsertRowsTest {
    private static final List<String> COLS = List.of("id", "big", "name", "score", "at", "day", "ok", "amount", "u");

    private PgConnection c;
    private String t;
    private String insert;

    @BeforeEach
    void setUp() {
        c = Pg.connect();
        t = Pg.table("copy_rows");
        c.query("create table " + t + " (id int4 primary key, big int8, name varchar(40), score float8,"
                + " at timestamp, day date, ok bool, amount numeric(12,2), u uuid)");
        insert = "insert into " + t + " (" + String.join(", ", COLS) + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    }

    @AfterEach
    void tearDown() {
        c.query("drop table if exists " + t);
        c.close();
    }

    private static List<Object> row(int i) {
        return Arrays.asList(i, i * 1_000_000_007L, i % 7 == 0 ? null : "name\t" + i + " é", i / 3.0,
                LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i * 61L).plusNanos(i % 1000 * 1000L),
                LocalDate.of(2000, 1, 1).plusDays(i), i % 2 == 0, new BigDecimal(i + ".25"),
                new UUID(i, -i));
    }

    private long load(List<? extends List<?>> rows) {
        return c.copyInsertRows(t, COLS, insert, rows.get(0), rows);
    }

    @Test
    void binaryRowsReadBackAsTheyWereWritten() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            rows.add(row(i));
        }
        assertEquals(20_000, load(rows));
        for (int i : new int[] {1, 7, 9_999, 20_000}) {
            Row r = c.execute("select " + String.join(", ", COLS) + " from " + t + " where id = $1", i).rows().get(0);
            List<Object> want = row(i);
            assertEquals(want.get(1), r.getLong(1));
            assertEquals(want.get(2), r.getString(2));
            assertEquals((double) want.get(3), r.getDouble(3));
            assertEquals(want.get(4), r.get(4, LocalDateTime.class));
            assertEquals(want.get(5), r.get(5, LocalDate.class));
            assertEquals(want.get(6), r.get(6, Boolean.class));
            assertEquals(0, ((BigDecimal) want.get(7)).compareTo(r.get(7, BigDecimal.class)));
            assertEquals(want.get(8), r.get(8, UUID.class));
        }
        assertEquals("20000", c.query("select count(*) from " + t + " where name is null or name like 'name%'")
                .get(0).rows().get(0).getString(0));
    }

    /** Binary takes the first row's Java types: a later Long for the int4 column ends the COPY, leaving nothing. */
    @Test
    void aLaterValueOfAnotherTypeFailsTheWholeCopyAndTheConnectionStaysUsable() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 5_000; i++) {
            List<Object> r = row(i);
            if (i == 4_000) {
                r.set(5, "2020-02-02"); // text for the date column
            }
            rows.add(r);
        }
        UsageException e = assertThrows(UsageException.class, () -> load(rows));
        assertTrue(e.getMessage().contains("row 4000, column 6") && e.getMessage().contains("java.lang.String"),
                e.getMessage());
        assertFalse(e.isConnectionBroken());
        assertEquals(0L, c.execute("select count(*) from " + t).rows().get(0).getLong(0));
        assertFalse(c.inTransaction());
        assertEquals(3, c.execute("select $1::int4", 3).rows().get(0).getInt(0));
    }

    /** A first row with text for typed columns goes as text COPY: the server parses every value, mixed types too. */
    @Test
    void textValuesInTheFirstRowMeanTextCopy() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 1_000; i++) {
            List<Object> r = row(i);
            r.set(5, i == 1 || i % 3 == 0 ? "2020-02-0" + (1 + i % 9) : LocalDate.of(2020, 2, 1 + i % 9));
            rows.add(r);
        }
        assertEquals(1_000, load(rows));
        assertEquals(LocalDate.of(2020, 2, 2), c.execute("select day from " + t + " where id = 1").rows().get(0)
                .get(0, LocalDate.class));
        assertEquals(LocalDate.of(2020, 2, 4), c.execute("select day from " + t + " where id = 3").rows().get(0)
                .get(0, LocalDate.class));
    }

    /** NULLs in the first row do not decide the format; the column's type does. */
    @Test
    void nullsInTheFirstRow() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList(1, null, null, null, null, null, null, null, null));
        for (int i = 2; i <= 300; i++) {
            rows.add(row(i));
        }
        assertEquals(300, load(rows));
        Row r = c.execute("select big, at, u from " + t + " where id = 1").rows().get(0);
        assertNull(r.get(0));
        assertNull(r.get(1));
        assertNull(r.get(2));
        assertEquals(300L * 1_000_000_007L, c.execute("select big from " + t + " where id = 300").scalar());
    }

    /**
     * A LocalDateTime for a timestamptz column means "in the session's TimeZone", as a parameter
     * does; its binary form has no zone, so such rows go as text and land where a Bind puts them.
     */
    @Test
    void localDateTimeIntoTimestamptzKeepsTheSessionTimeZone() {
        String z = Pg.table("copy_tz");
        c.query("create table " + z + " (id int4, at timestamptz)");
        try {
            c.query("set time zone 'America/New_York'");
            LocalDateTime local = LocalDateTime.of(2024, 7, 1, 12, 0);
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                rows.add(List.of(i, local));
            }
            c.copyInsertRows(z, List.of("id", "at"), "insert into " + z + " (id, at) values ($1, $2)", rows.get(0), rows);
            c.execute("insert into " + z + " (id, at) values ($1, $2)", -1, local);
            Object viaCopy = c.execute("select at from " + z + " where id = 0").scalar();
            Object viaBind = c.execute("select at from " + z + " where id = -1").scalar();
            assertEquals(viaBind, viaCopy);
            assertEquals(OffsetDateTime.parse("2024-07-01T16:00Z").toInstant(),
                    ((OffsetDateTime) viaCopy).toInstant());
        } finally {
            c.query("drop table " + z);
        }
    }
}
