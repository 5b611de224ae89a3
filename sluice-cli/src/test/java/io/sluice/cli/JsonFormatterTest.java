package io.sluice.cli;

import io.sluice.core.result.Result;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.sluice.cli.Results.col;
import static io.sluice.cli.Results.row;
import static io.sluice.cli.Results.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonFormatterTest {

    @Test
    void rowSetIsAnArrayOfObjects() {
        Result r = rows(List.of(col("id", Long.class), col("name", String.class), col("price", BigDecimal.class),
                        col("big", BigInteger.class), col("ok", Boolean.class), col("bin", byte[].class),
                        col("at", LocalDateTime.class), col("d", Duration.class), col("f", Double.class)),
                row(1L, "a\"b\\c\n\u2028\u0001", new BigDecimal("12345678901234567890.123"),
                        new BigInteger("18446744073709551615"), true, new byte[] {1, 2, 3},
                        LocalDateTime.of(2024, 5, 1, 13, 45), Duration.ofMinutes(90), 1.5),
                row(null, null, null, null, null, null, null, null, null));
        assertEquals("[\n"
                + "  {\"id\":1,\"name\":\"a\\\"b\\\\c\\n\\u2028\\u0001\",\"price\":12345678901234567890.123,"
                + "\"big\":18446744073709551615,\"ok\":true,\"bin\":\"AQID\",\"at\":\"2024-05-01T13:45:00\","
                + "\"d\":\"PT1H30M\",\"f\":1.5},\n"
                + "  {\"id\":null,\"name\":null,\"price\":null,\"big\":null,\"ok\":null,\"bin\":null,\"at\":null,"
                + "\"d\":null,\"f\":null}\n"
                + "]", JsonFormatter.format(r));
    }

    @Test
    void emptyRowSetAndUpdate() {
        assertEquals("[]", JsonFormatter.format(rows(List.of(col("id", Long.class)))));
        assertEquals("{\"affectedRows\":3,\"lastInsertId\":42}", JsonFormatter.format(Result.update(3, 42, 1, "")));
    }

    @Test
    void scalarEdgeCases() {
        assertEquals("\"NaN\"", value(Double.NaN));
        assertEquals("\"-Infinity\"", value(Float.NEGATIVE_INFINITY));
        assertEquals("1.0E10", value(1e10));
        assertEquals("1000", value(new BigDecimal("1E+3")));
        assertEquals("-7", value((short) -7));
        assertEquals("\"-PT1H30M\"", value(Duration.ofMinutes(-90)));
        assertEquals("\"PT0.5S\"", value(Duration.ofMillis(500)));
        assertEquals("\"2024-05-01\"", value(LocalDate.of(2024, 5, 1)));
        assertEquals("\"13:45:00.123\"", value(LocalTime.of(13, 45, 0, 123_000_000)));
        assertEquals("\"2024-05-01T13:45:00+02:00\"",
                value(OffsetDateTime.of(2024, 5, 1, 13, 45, 0, 0, ZoneOffset.ofHours(2))));
        assertEquals("\"1970-01-01T00:00:01Z\"", value(Instant.ofEpochSecond(1)));
        assertEquals("[1,\"a\",null]", value(java.util.Arrays.asList(1L, "a", null)));
    }

    @Test
    void stringEscapes() {
        assertEquals("\"\\b\\f\\r\\t\\u001f\\u2029 \u00e9 \ud83d\ude00\"", value("\b\f\r\t\u001f\u2029 é 😀"));
        assertEquals("\"\\ud800x\\udc00\"", value("\ud800x\udc00")); // unpaired surrogates
        assertEquals("\"</script>\"", value("</script>"));
    }

    @Test
    void duplicateLabelsGetSuffixes() {
        assertEquals(List.of("n", "n_3", "n_2", "m"), JsonFormatter.keys(
                List.of(col("n", Long.class), col("n", Long.class), col("n_2", Long.class), col("m", Long.class))));
    }

    private static String value(Object v) {
        StringBuilder sb = new StringBuilder();
        JsonFormatter.value(sb, v);
        return sb.toString();
    }
}
