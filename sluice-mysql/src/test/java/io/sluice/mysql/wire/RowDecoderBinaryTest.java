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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Binary-protocol rows (page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row):
 * 0x00 header, NULL bitmap of (n + 7 + 2) / 8 bytes with bit offset 2, then the non-NULL values.
 */
class RowDecoderBinaryTest {
    static final int UNSIGNED = 0x20;
    static final DecodeContext UTC_ERROR = RowDecoderTextTest.UTC_ERROR;
    static final DecodeContext UTC_NULL = RowDecoderTextTest.UTC_NULL;

    /** One column: header 00, bitmap 00 (1 byte for 1 column), then the value bytes. */
    private static Object one(ColumnDefinition c, String valueHex, DecodeContext ctx) {
        Object[] row = RowDecoder.binary(new ColumnDefinition[] {c}, ctx).decode(hex("00 00 " + valueHex));
        return row[0];
    }

    private static Object one(ColumnDefinition c, String valueHex) {
        return one(c, valueHex, UTC_ERROR);
    }

    @Test
    void integers() {
        assertEquals(-128, one(col("a", ColumnType.TINY), "80"));
        assertEquals(200, one(col("a", ColumnType.TINY, UNSIGNED, 63), "c8"));
        assertEquals(-2, one(col("a", ColumnType.SHORT), "fe ff"));
        assertEquals(65535, one(col("a", ColumnType.SHORT, UNSIGNED, 63), "ff ff"));
        assertEquals(-8388608, one(col("a", ColumnType.INT24), "00 00 80 ff"));
        assertEquals(16777215, one(col("a", ColumnType.INT24, UNSIGNED, 63), "ff ff ff 00"));
        assertEquals(-1, one(col("a", ColumnType.LONG), "ff ff ff ff"));
        assertEquals(4294967295L, one(col("a", ColumnType.LONG, UNSIGNED, 63), "ff ff ff ff"));
        assertEquals(Long.MIN_VALUE, one(col("a", ColumnType.LONGLONG), "00 00 00 00 00 00 00 80"));
        assertEquals(Long.MAX_VALUE, one(col("a", ColumnType.LONGLONG, UNSIGNED, 63), "ff ff ff ff ff ff ff 7f"));
        assertEquals(2024, one(col("y", ColumnType.YEAR, UNSIGNED, 63), "e8 07"));
    }

    @Test
    void bigintUnsignedMaxIsBigInteger() {
        assertEquals(new BigInteger("18446744073709551615"),
                one(col("a", ColumnType.LONGLONG, UNSIGNED, 63), "ff ff ff ff ff ff ff ff"));
        assertEquals(new BigInteger("9223372036854775808"),
                one(col("a", ColumnType.LONGLONG, UNSIGNED, 63), "00 00 00 00 00 00 00 80"));
    }

    @Test
    void floatingPointAndDecimal() {
        assertEquals(1.1f, one(col("f", ColumnType.FLOAT), "cd cc 8c 3f"));
        assertEquals(2.5, one(col("d", ColumnType.DOUBLE), "00 00 00 00 00 00 04 40"));
        // DECIMAL travels as a length-encoded string in the binary protocol too.
        assertEquals(new BigDecimal("123456789012345678901234567890"),
                one(col("d", ColumnType.NEWDECIMAL), "1e 313233343536373839303132333435363738393031323334353637383930"));
    }

    @Test
    void dateTimeLengths0And4And7And11() {
        ColumnDefinition dt = col("dt", ColumnType.DATETIME);
        assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), one(dt, "04 e8 07 01 02"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5), one(dt, "07 e8 07 01 02 03 04 05"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), one(dt, "0b e8 07 01 02 03 04 05 40 e2 01 00"));
        assertNull(one(dt, "00", UTC_NULL));
        DataException e = assertThrows(DataException.class, () -> one(dt, "00", UTC_ERROR));
        assertTrue(e.getMessage().contains("zero date") && e.getMessage().contains("dt"), e.getMessage());
        assertEquals(LocalDate.of(2024, 2, 29), one(col("d", ColumnType.DATE), "04 e8 07 02 1d"));
        assertNull(one(col("d", ColumnType.DATE), "00", UTC_NULL));
        assertNull(one(col("d", ColumnType.DATE), "04 e4 07 00 0f", UTC_NULL)); // 2020-00-15
        assertThrows(DataException.class, () -> one(col("d", ColumnType.DATE), "04 e4 07 00 0f", UTC_ERROR));
        DecodeContext berlin = new DecodeContext(ZoneId.of("Europe/Berlin"), ZeroDateBehavior.ERROR);
        assertEquals(Instant.parse("2024-07-01T10:00:00.000001Z"),
                one(col("ts", ColumnType.TIMESTAMP), "0b e8 07 07 01 0c 00 00 01 00 00 00", berlin));
    }

    @Test
    void malformedTemporalsAreProtocolErrors() {
        ColumnDefinition dt = col("dt", ColumnType.DATETIME);
        assertThrows(ProtocolException.class, () -> one(dt, "05 e8 07 01 02 03"));
        assertThrows(ProtocolException.class, () -> one(dt, "07 e8 07 0d 02 03 04 05")); // month 13
        assertThrows(ProtocolException.class, () -> one(dt, "07 e8 07 01 02 18 04 05")); // hour 24
        assertThrows(ProtocolException.class, () -> one(dt, "0b e8 07 01 02 03 04 05 40 42 0f 00")); // 1e6 us
        assertThrows(ProtocolException.class, () -> one(col("d", ColumnType.DATE), "07 e8 07 01 02 03 04 05"));
        assertThrows(ProtocolException.class, () -> one(col("t", ColumnType.TIME), "05 00 00 00 00 00"));
        assertThrows(ProtocolException.class, () -> one(col("t", ColumnType.TIME), "08 02 00 00 00 00 00 00 00"));
    }

    @Test
    void timeNegativeAndBeyond24Hours() {
        ColumnDefinition t = col("t", ColumnType.TIME);
        // -838:59:59 = -(34 days 22:59:59)
        assertEquals(Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated(),
                one(t, "08 01 22 00 00 00 16 3b 3b"));
        // 100:00:00 = 4 days 04:00:00
        assertEquals(Duration.ofHours(100), one(t, "08 00 04 00 00 00 04 00 00"));
        assertEquals(Duration.ofHours(100).plusMillis(500), one(t, "0c 00 04 00 00 00 04 00 00 20 a1 07 00"));
        assertEquals(Duration.ofMillis(-1500), one(t, "0c 01 00 00 00 00 00 00 01 20 a1 07 00"));
        assertEquals(Duration.ZERO, one(t, "00"));
    }

    @Test
    void stringsAndBytes() {
        assertEquals("caf\u00e9 \uD83D\uDE00", one(col("s", ColumnType.VAR_STRING, 0, 255), "0a 63 61 66 c3 a9 20 f0 9f 98 80"));
        assertArrayEquals(hex("00 ff"), (byte[]) one(col("b", ColumnType.BLOB, 0x90, 63), "02 00 ff"));
        assertArrayEquals(hex("01 02"), (byte[]) one(col("b", ColumnType.BIT, 0, 63), "02 01 02"));
        assertEquals("a,b", one(col("s", ColumnType.STRING, 0x800, 45), "03 61 2c 62"));
    }

    @Test
    void nullBitmapWithMoreThanEightColumns() {
        ColumnDefinition[] cols = new ColumnDefinition[10];
        for (int i = 0; i < 10; i++) {
            cols[i] = col("c" + i, ColumnType.TINY);
        }
        // NULL: columns 0, 6 and 8 -> bits 2, 8, 10 -> bitmap bytes 0x04, 0x05.
        byte[] payload = hex("00 04 05  01 02 03 04 05  07  09");
        Object[] row = RowDecoder.binary(cols, UTC_ERROR).decode(payload);
        assertEquals(java.util.Arrays.asList(null, 1, 2, 3, 4, 5, null, 7, null, 9), java.util.Arrays.asList(row));
        // Bitmap length: (10 + 9) / 8 = 2 bytes; a 1-byte bitmap leaves the row misaligned.
        assertThrows(ProtocolException.class, () -> RowDecoder.binary(cols, UTC_ERROR)
                .decode(hex("00 04  01 02 03 04 05  07  09")));
    }

    @Test
    void bitmapEdgeAtSixAndSevenColumns() {
        // 6 columns fit one bitmap byte ((6+9)/8 = 1); 7 columns need two ((7+9)/8 = 2).
        ColumnDefinition[] six = new ColumnDefinition[6];
        ColumnDefinition[] seven = new ColumnDefinition[7];
        for (int i = 0; i < 7; i++) {
            if (i < 6) {
                six[i] = col("c" + i, ColumnType.TINY);
            }
            seven[i] = col("c" + i, ColumnType.TINY);
        }
        assertEquals(java.util.Arrays.asList(null, null, null, null, null, 6),
                java.util.Arrays.asList(RowDecoder.binary(six, UTC_ERROR).decode(hex("00 7c 06"))));
        assertEquals(java.util.Arrays.asList(null, null, null, null, null, null, 7),
                java.util.Arrays.asList(RowDecoder.binary(seven, UTC_ERROR).decode(hex("00 fc 00 07"))));
    }

    @Test
    void headerAndTrailingBytes() {
        ColumnDefinition[] one = {col("a", ColumnType.TINY)};
        assertThrows(ProtocolException.class, () -> RowDecoder.binary(one, UTC_ERROR).decode(hex("fe 00 01")));
        assertThrows(ProtocolException.class, () -> RowDecoder.binary(one, UTC_ERROR).decode(hex("00 00 01 02")));
        assertThrows(ProtocolException.class, () -> RowDecoder.binary(one, UTC_ERROR).decode(hex("")));
        assertNull(RowDecoder.binary(one, UTC_ERROR).decode(hex("00 04"))[0]);
    }

    /** The same value through both protocols must give equal Java objects. */
    @Test
    void textAndBinaryAgree() {
        record Case(ColumnDefinition col, byte[] text, String binary) {
        }
        List<Case> cases = List.of(
                new Case(col("a", ColumnType.TINY), str("-5"), "fb"),
                new Case(col("a", ColumnType.TINY, UNSIGNED, 63), str("250"), "fa"),
                new Case(col("a", ColumnType.SHORT), str("-300"), "d4 fe"),
                new Case(col("a", ColumnType.INT24), str("70000"), "70 11 01 00"),
                new Case(col("a", ColumnType.LONG), str("-70000"), "90 ee fe ff"),
                new Case(col("a", ColumnType.LONG, UNSIGNED, 63), str("3000000000"), "00 5e d0 b2"),
                new Case(col("a", ColumnType.LONGLONG), str("-1"), "ff ff ff ff ff ff ff ff"),
                new Case(col("a", ColumnType.LONGLONG, UNSIGNED, 63), str("18446744073709551615"),
                        "ff ff ff ff ff ff ff ff"),
                new Case(col("a", ColumnType.LONGLONG, UNSIGNED, 63), str("42"), "2a 00 00 00 00 00 00 00"),
                new Case(col("y", ColumnType.YEAR, UNSIGNED, 63), str("1999"), "cf 07"),
                new Case(col("f", ColumnType.FLOAT), str("1.1"), "cd cc 8c 3f"),
                new Case(col("d", ColumnType.DOUBLE), str("2.5"), "00 00 00 00 00 00 04 40"),
                new Case(col("d", ColumnType.NEWDECIMAL), str("-0.50"), "05 2d 30 2e 35 30"),
                new Case(col("d", ColumnType.DATE), str("2024-02-29"), "04 e8 07 02 1d"),
                new Case(col("d", ColumnType.DATETIME), str("2024-01-02 03:04:05.123456"),
                        "0b e8 07 01 02 03 04 05 40 e2 01 00"),
                new Case(col("d", ColumnType.DATETIME), str("2024-01-02 00:00:00"), "04 e8 07 01 02"),
                new Case(col("d", ColumnType.TIMESTAMP), str("2024-01-02 03:04:05"), "07 e8 07 01 02 03 04 05"),
                new Case(col("t", ColumnType.TIME), str("-838:59:59.000000"), "08 01 22 00 00 00 16 3b 3b"),
                new Case(col("t", ColumnType.TIME), str("100:00:00.500000"), "0c 00 04 00 00 00 04 00 00 20 a1 07 00"),
                new Case(col("s", ColumnType.VAR_STRING, 0, 45), str("\uD83D\uDE00"), "04 f0 9f 98 80"),
                new Case(col("b", ColumnType.BIT), hex("02 01 ff"), "02 01 ff"),
                new Case(col("b", ColumnType.BLOB, 0x90, 63), hex("02 00 ff"), "02 00 ff"));
        for (Case c : cases) {
            ColumnDefinition[] cols = {c.col()};
            Object t = RowDecoder.text(cols, UTC_ERROR).decode(c.text())[0];
            Object b = RowDecoder.binary(cols, UTC_ERROR).decode(cat(hex("00 00"), hex(c.binary())))[0];
            if (t instanceof byte[] tb) {
                assertArrayEquals(tb, (byte[]) b, c.col().type().toString());
            } else {
                assertEquals(t, b, c.col().type() + " " + c.binary());
                assertTrue(c.col().javaType().isInstance(t), c.col().javaType() + " vs " + t.getClass());
            }
        }
    }
}
