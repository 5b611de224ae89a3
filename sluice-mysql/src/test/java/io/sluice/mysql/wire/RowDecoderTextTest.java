package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.WireBytes.cat;
import static io.sluice.mysql.wire.WireBytes.col;
import static io.sluice.mysql.wire.WireBytes.hex;
import static io.sluice.mysql.wire.WireBytes.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.DataException;
import io.sluice.core.error.ProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Text-protocol rows (page_protocol_com_query_response_text_resultset_row.html), hand-assembled. */
class RowDecoderTextTest {
    static final int UNSIGNED = 0x20;
    static final DecodeContext UTC_ERROR = new DecodeContext(ZoneId.of("UTC"), ZeroDateBehavior.ERROR);
    static final DecodeContext UTC_NULL = new DecodeContext(ZoneId.of("UTC"), ZeroDateBehavior.NULL);

    private static Object one(ColumnDefinition c, byte[] payload, DecodeContext ctx) {
        Object[] row = RowDecoder.text(new ColumnDefinition[] {c}, ctx).decode(payload);
        assertEquals(1, row.length);
        return row[0];
    }

    private static Object one(ColumnDefinition c, byte[] payload) {
        return one(c, payload, UTC_ERROR);
    }

    @Test
    void integers() {
        assertEquals(-128, one(col("a", ColumnType.TINY), hex("04 2d 31 32 38")));
        assertEquals(255, one(col("a", ColumnType.TINY, UNSIGNED, 63), hex("03 32 35 35")));
        assertEquals(1, one(col("flag", ColumnType.TINY), hex("01 31"))); // TINYINT(1) stays Integer
        assertEquals(-32768, one(col("a", ColumnType.SHORT), str("-32768")));
        assertEquals(8388607, one(col("a", ColumnType.INT24), str("8388607")));
        assertEquals(Integer.MIN_VALUE, one(col("a", ColumnType.LONG), str("-2147483648")));
        assertEquals(4294967295L, one(col("a", ColumnType.LONG, UNSIGNED, 63), str("4294967295")));
        assertEquals(Long.MIN_VALUE, one(col("a", ColumnType.LONGLONG), str("-9223372036854775808")));
        assertEquals(Long.MAX_VALUE, one(col("a", ColumnType.LONGLONG, UNSIGNED, 63), str("9223372036854775807")));
        assertEquals(5L, one(col("a", ColumnType.LONGLONG, UNSIGNED | 0x40, 63), str("00000000000000000005")));
        assertEquals(2024, one(col("y", ColumnType.YEAR, UNSIGNED, 63), hex("04 32 30 32 34")));
    }

    @Test
    void bigintUnsignedAboveLongMaxIsBigInteger() {
        Object v = one(col("a", ColumnType.LONGLONG, UNSIGNED, 63), hex("14 31 38 34 34 36 37 34 34 30 37 33 37 30 39 35 35 31 36 31 35"));
        assertEquals(new BigInteger("18446744073709551615"), v);
        assertEquals(new BigInteger("9223372036854775808"),
                one(col("a", ColumnType.LONGLONG, UNSIGNED, 63), str("9223372036854775808")));
        assertThrows(ProtocolException.class,
                () -> one(col("a", ColumnType.LONGLONG, UNSIGNED, 63), str("18446744073709551616")));
    }

    @Test
    void integerOverflowAndGarbageAreProtocolErrors() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> one(col("qty", ColumnType.LONG), str("2147483648")));
        assertTrue(e.getMessage().contains("'qty'"), e.getMessage());
        assertThrows(ProtocolException.class, () -> one(col("a", ColumnType.LONGLONG), str("9223372036854775808")));
        assertThrows(ProtocolException.class, () -> one(col("a", ColumnType.LONG), str("12a")));
        assertThrows(ProtocolException.class, () -> one(col("a", ColumnType.LONG), str("")));
        assertThrows(ProtocolException.class, () -> one(col("a", ColumnType.LONG), str("-")));
    }

    @Test
    void decimalsAreExact() {
        BigDecimal thirty = new BigDecimal("12345678901234567890.1234567890");
        assertEquals(thirty, one(col("d", ColumnType.NEWDECIMAL), str("12345678901234567890.1234567890")));
        assertEquals(new BigDecimal("-0.50"), one(col("d", ColumnType.NEWDECIMAL), hex("05 2d 30 2e 35 30")));
        assertEquals(new BigDecimal("7"), one(col("d", ColumnType.DECIMAL), str("7")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.NEWDECIMAL), str("1e5")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.NEWDECIMAL), str("1.2.3")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.NEWDECIMAL), str("NaN")));
    }

    @Test
    void floatingPoint() {
        assertEquals(1.1f, one(col("f", ColumnType.FLOAT), hex("03 31 2e 31")));
        assertEquals(-1.5e10, one(col("d", ColumnType.DOUBLE), str("-1.5e10")));
        assertEquals(2.2250738585072014E-308, one(col("d", ColumnType.DOUBLE), str("2.2250738585072014e-308")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.DOUBLE), str("NaN")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.DOUBLE), str("Infinity")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.DOUBLE), str("1e999")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.DOUBLE), str("0x1p3")));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.FLOAT), str("1f")));
    }

    @Test
    void bitIsRawBigEndianBytes() {
        assertArrayEquals(hex("05"), (byte[]) one(col("b", ColumnType.BIT), hex("01 05")));
        assertArrayEquals(hex("01 02"), (byte[]) one(col("b", ColumnType.BIT), hex("02 01 02")));
    }

    @Test
    void datesAndTimes() {
        assertEquals(LocalDate.of(2024, 2, 29), one(col("d", ColumnType.DATE), str("2024-02-29")));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                one(col("dt", ColumnType.DATETIME), hex("13 32 30 32 34 2d 30 31 2d 30 32 20 30 33 3a 30 34 3a 30 35")));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                one(col("dt", ColumnType.DATETIME), str("2024-01-02 03:04:05.123456")));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000),
                one(col("dt", ColumnType.DATETIME), str("2024-01-02 03:04:05.5")));
        DecodeContext berlin = new DecodeContext(ZoneId.of("Europe/Berlin"), ZeroDateBehavior.ERROR);
        assertEquals(Instant.parse("2024-07-01T10:00:00Z"),
                one(col("ts", ColumnType.TIMESTAMP), str("2024-07-01 12:00:00"), berlin));
        assertEquals(Instant.parse("2024-01-01T11:00:00.000001Z"),
                one(col("ts", ColumnType.TIMESTAMP), str("2024-01-01 12:00:00.000001"), berlin));
    }

    @Test
    void timeCanBeNegativeAndLongerThanADay() {
        assertEquals(Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated(),
                one(col("t", ColumnType.TIME), str("-838:59:59.000000")));
        assertEquals(Duration.ofHours(100), one(col("t", ColumnType.TIME), str("100:00:00")));
        assertEquals(Duration.ofMillis(-1500), one(col("t", ColumnType.TIME), str("-00:00:01.5")));
        assertEquals(Duration.ofSeconds(45296, 789_000), one(col("t", ColumnType.TIME), str("12:34:56.000789")));
        assertThrows(ProtocolException.class, () -> one(col("t", ColumnType.TIME), str("12:60:00")));
        assertThrows(ProtocolException.class, () -> one(col("t", ColumnType.TIME), str("12:00")));
        assertThrows(ProtocolException.class, () -> one(col("t", ColumnType.TIME), str("12:00:00.1234567")));
    }

    @Test
    void zeroDatesFollowTheConfiguredBehavior() {
        DataException e = assertThrows(DataException.class,
                () -> one(col("born", ColumnType.DATE), str("0000-00-00"), UTC_ERROR));
        assertEquals("22007", e.sqlState());
        assertTrue(e.getMessage().contains("zero date '0000-00-00' in column born"), e.getMessage());
        assertNull(one(col("born", ColumnType.DATE), str("0000-00-00"), UTC_NULL));
        assertThrows(DataException.class, () -> one(col("d", ColumnType.DATE), str("2020-00-15"), UTC_ERROR));
        assertNull(one(col("d", ColumnType.DATE), str("2020-00-15"), UTC_NULL));
        assertNull(one(col("d", ColumnType.DATE), str("2020-05-00"), UTC_NULL));
        assertThrows(DataException.class,
                () -> one(col("dt", ColumnType.DATETIME), str("0000-00-00 00:00:00"), UTC_ERROR));
        assertNull(one(col("dt", ColumnType.DATETIME), str("0000-00-00 00:00:00"), UTC_NULL));
        assertNull(one(col("ts", ColumnType.TIMESTAMP), str("0000-00-00 00:00:00"), UTC_NULL));
        // ALLOW_INVALID_DATES can store Feb 30, which java.time cannot hold either.
        assertThrows(DataException.class, () -> one(col("d", ColumnType.DATE), str("2021-02-30"), UTC_ERROR));
        assertNull(one(col("d", ColumnType.DATE), str("2021-02-30"), UTC_NULL));
        // Impossible fields are not data but corruption.
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.DATE), str("2021-13-01"), UTC_NULL));
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.DATE), str("2021-1-01"), UTC_NULL));
    }

    @Test
    void stringsUseTheColumnCharset() {
        String emoji = "caf\u00e9 \uD83D\uDE00"; // 4-byte UTF-8 must survive
        assertEquals(emoji, one(col("s", ColumnType.VAR_STRING, 0, 45), hex("0a 63 61 66 c3 a9 20 f0 9f 98 80")));
        assertEquals("\u00e9\u20ac", one(col("s", ColumnType.STRING, 0, 8), hex("02 e9 80"))); // latin1 = cp1252
        Charset gbk = Charset.forName("GBK");
        assertEquals("\u4e2d\u6587", one(col("s", ColumnType.VAR_STRING, 0, 28), hex("04 d6 d0 ce c4")));
        assertEquals("\u4e2d", new String(hex("d6 d0"), gbk));
        assertEquals("long text", one(col("s", ColumnType.BLOB, 0x10, 255), str("long text")));
        assertEquals("a,b", one(col("s", ColumnType.STRING, 0x800, 255), str("a,b")));
        assertEquals("small", one(col("s", ColumnType.STRING, 0x100, 255), str("small")));
        assertEquals("{\"k\": \"\u00e9\"}", one(col("j", ColumnType.JSON, 0x90, 63), str("{\"k\": \"\u00e9\"}")));
    }

    @Test
    void binaryCollationGivesBytes() {
        assertArrayEquals(hex("00 ff 80"), (byte[]) one(col("b", ColumnType.VAR_STRING, 0x80, 63), hex("03 00 ff 80")));
        assertArrayEquals(hex("c3 a9"), (byte[]) one(col("b", ColumnType.BLOB, 0x90, 63), hex("02 c3 a9")));
        assertArrayEquals(hex("01 02"), (byte[]) one(col("b", ColumnType.STRING, 0x80, 63), hex("02 01 02")));
        // POINT(1 2), SRID 0: 4-byte SRID + WKB, returned as sent.
        byte[] point = hex("00000000 01 01000000 000000000000f03f 0000000000000040");
        assertArrayEquals(point, (byte[]) one(col("g", ColumnType.GEOMETRY, 0x90, 63), cat(hex("19"), point)));
    }

    @Test
    void nullsAndTheNullType() {
        ColumnDefinition[] cols = {col("a", ColumnType.LONG), col("b", ColumnType.VAR_STRING, 0, 45),
            col("c", ColumnType.NULL), col("d", ColumnType.DATE)};
        Object[] row = RowDecoder.text(cols, UTC_ERROR).decode(hex("fb 01 78 fb fb"));
        assertNull(row[0]);
        assertEquals("x", row[1]);
        assertNull(row[2]);
        assertNull(row[3]);
    }

    @Test
    void multiColumnRowAndLongLengths() {
        String big = "x".repeat(300);
        byte[] payload = cat(hex("01 37"), hex("fc 2c 01"), big.getBytes(), hex("00"));
        ColumnDefinition[] cols = {col("a", ColumnType.LONG), col("b", ColumnType.VAR_STRING, 0, 45),
            col("c", ColumnType.VAR_STRING, 0, 45)};
        Object[] row = RowDecoder.text(cols, UTC_ERROR).decode(payload);
        assertEquals(7, row[0]);
        assertEquals(big, row[1]);
        assertEquals("", row[2]);
    }

    @Test
    void framingErrors() {
        ColumnDefinition[] two = {col("a", ColumnType.LONG), col("b", ColumnType.LONG)};
        RowDecoder d = RowDecoder.text(two, UTC_ERROR);
        assertThrows(ProtocolException.class, () -> d.decode(hex("01 31"))); // a column missing
        assertThrows(ProtocolException.class, () -> d.decode(hex("01 31 01 32 00"))); // trailing byte
        assertThrows(ProtocolException.class, () -> d.decode(hex("01 31 05 32"))); // length past the end
        assertThrows(ProtocolException.class, () -> d.decode(hex("01 31 ff"))); // undefined lenenc prefix
        assertThrows(ProtocolException.class, () -> d.decode(hex("01 31 fe ff ff ff ff ff ff ff ff")));
        ProtocolException e = assertThrows(ProtocolException.class, () -> d.decode(hex("01 31 03 32")));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("#2"), e.getMessage());
    }
}
