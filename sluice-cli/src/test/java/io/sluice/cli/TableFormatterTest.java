package io.sluice.cli;

import io.sluice.core.result.Result;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static io.sluice.cli.Results.col;
import static io.sluice.cli.Results.row;
import static io.sluice.cli.Results.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TableFormatterTest {

    @Test
    void alignsColumnsRightAlignsNumbersAndShowsNull() {
        Result r = rows(List.of(col("id", Long.class), col("name", String.class), col("price", BigDecimal.class),
                        col("data", byte[].class)),
                row(1L, "alice", new BigDecimal("9.50"), new byte[] {0x01, (byte) 0xab}),
                row(10L, null, new BigDecimal("-0.5"), null));
        assertEquals("""
                id | name  | price | data
                ---+-------+-------+-------
                 1 | alice |  9.50 | 0x01ab
                10 | NULL  |  -0.5 | NULL
                (2 rows)""", TableFormatter.format(r));
    }

    @Test
    void emptyRowSetAndSingularRow() {
        assertEquals("id\n--\n(0 rows)", TableFormatter.format(rows(List.of(col("id", Long.class)))));
        assertEquals("x\n-\na\n(1 row)", TableFormatter.format(rows(List.of(col("x", String.class)), row("a"))));
    }

    @Test
    void wideCharactersTakeTwoColumns() {
        Result r = rows(List.of(col("name", String.class), col("n", Long.class)),
                row("東京", 1L), row("abc", 22L), row("😀", 3L), row("e\u0301", 4L));
        assertEquals("""
                name |  n
                -----+---
                東京 |  1
                abc  | 22
                😀   |  3
                e\u0301    |  4
                (4 rows)""", TableFormatter.format(r));
    }

    @Test
    void controlCharactersAreEscaped() {
        Result r = rows(List.of(col("v", String.class), col("w", String.class)), row("a\nb\tc\u001b[31m\r", "x"));
        assertEquals("""
                v                 | w
                ------------------+--
                a\\nb\\tc\\x1b[31m\\r | x
                (1 row)""", TableFormatter.format(r));
    }

    @Test
    void binaryIsTruncatedPast64Bytes() {
        byte[] b64 = new byte[64];
        byte[] b65 = new byte[65];
        Arrays.fill(b64, (byte) 0xff);
        Arrays.fill(b65, (byte) 0xff);
        assertEquals("0x" + "ff".repeat(64), ValueText.hex(b64, TableFormatter.MAX_BINARY_BYTES));
        assertEquals("0x" + "ff".repeat(64) + "...", ValueText.hex(b65, TableFormatter.MAX_BINARY_BYTES));
        String table = TableFormatter.format(rows(List.of(col("b", byte[].class)), row((Object) b65)));
        assertEquals("b\n" + "-".repeat(133) + "\n0x" + "ff".repeat(64) + "...\n(1 row)", table);
    }

    @Test
    void temporalsAndDurationsPrintLikeSql() {
        assertEquals("2024-05-01 13:45:00", ValueText.text(LocalDateTime.of(2024, 5, 1, 13, 45), 64));
        assertEquals("2024-05-01 13:45:00.5", ValueText.text(LocalDateTime.of(2024, 5, 1, 13, 45, 0, 500_000_000), 64));
        assertEquals("2024-05-01", ValueText.text(LocalDate.of(2024, 5, 1), 64));
        assertEquals("07:00:00", ValueText.text(LocalTime.of(7, 0), 64));
        assertEquals("2024-05-01 13:45:00+02:00",
                ValueText.text(OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 0, ZoneOffset.ofHours(2)), 64));
        assertEquals("1970-01-01 00:00:01Z", ValueText.text(Instant.ofEpochSecond(1), 64));
        assertEquals("-838:59:59", ValueText.text(Duration.ofSeconds(838 * 3600 + 59 * 60 + 59).negated(), 64));
        assertEquals("-00:00:01.5", ValueText.text(Duration.ofMillis(-1500), 64));
        assertEquals("25:00:00.000001", ValueText.text(Duration.ofHours(25).plusNanos(1000), 64));
        assertEquals("1E+3", new BigDecimal("1E+3").toString());
        assertEquals("1000", ValueText.text(new BigDecimal("1E+3"), 64));
    }

    @Test
    void updateLine() {
        assertEquals("OK, 1 row affected", TableFormatter.format(Result.update(1, 0, 0, "")));
        assertEquals("OK, 0 rows affected", TableFormatter.format(Result.update(0, 0, 0, "")));
        assertEquals("OK, 3 rows affected, last insert id 42, 2 warnings",
                TableFormatter.format(Result.update(3, 42, 2, "")));
        assertEquals("OK, 1 row affected, last insert id 18446744073709551615, 1 warning",
                TableFormatter.format(Result.update(1, -1, 1, "")));
    }

    @Test
    void displayWidth() {
        assertEquals(3, DisplayWidth.of("abc"));
        assertEquals(4, DisplayWidth.of("日本"));
        assertEquals(2, DisplayWidth.of("한"));
        assertEquals(2, DisplayWidth.of("ｱｲ")); // halfwidth katakana stay narrow
        assertEquals(4, DisplayWidth.of("ＡＢ")); // fullwidth Latin is wide
        assertEquals(2, DisplayWidth.of("🚀"));
        assertEquals(1, DisplayWidth.of("e\u0301"));
        assertEquals(1, DisplayWidth.of("a\u200b"));
    }
}
