package io.sluice.mysql;

import static io.sluice.mysql.TypesSupport.allBytes;
import static io.sluice.mysql.TypesSupport.assertValue;
import static io.sluice.mysql.TypesSupport.c;
import static io.sluice.mysql.TypesSupport.readBoth;
import static io.sluice.mysql.TypesSupport.roundTrip;
import static io.sluice.mysql.TypesSupport.same;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.core.result.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every non-temporal column type against the real server, bound as a parameter and read back through
 * both protocols (see {@link TypesSupport#roundTrip}). Temporal types: {@link TypesTemporalTest};
 * charsets and escaping: {@link TypesCharsetTest}.
 */
class TypesTest {
    private static MySqlConnection c;

    @BeforeAll
    static void open() {
        c = Db.connect();
    }

    @AfterAll
    static void close() {
        c.close();
    }

    @Test
    void signedIntegersAtTheirLimits() {
        roundTrip(c, "TINYINT", true, c((byte) -128, -128), c((byte) 127, 127), c(0, 0), c(true, 1), c(false, 0));
        roundTrip(c, "SMALLINT", true, c((short) -32768, -32768), c((short) 32767, 32767));
        roundTrip(c, "MEDIUMINT", true, c(-8388608, -8388608), c(8388607, 8388607), c(-1L, -1));
        roundTrip(c, "INT", true, same(Integer.MIN_VALUE), same(Integer.MAX_VALUE), c(-1L, -1));
        roundTrip(c, "BIGINT", true, same(Long.MIN_VALUE), same(Long.MAX_VALUE), same(0L),
                c(BigInteger.valueOf(Long.MAX_VALUE), Long.MAX_VALUE));
    }

    @Test
    void unsignedIntegersAtTheirLimits() {
        roundTrip(c, "TINYINT UNSIGNED", true, same(0), same(255));
        roundTrip(c, "SMALLINT UNSIGNED", true, same(0), same(65535));
        roundTrip(c, "MEDIUMINT UNSIGNED", true, same(0), same(16777215));
        roundTrip(c, "INT UNSIGNED", true, c(0, 0L), c(4294967295L, 4294967295L));
        BigInteger max = new BigInteger("18446744073709551615");
        roundTrip(c, "BIGINT UNSIGNED", true, same(0L), same(Long.MAX_VALUE),
                c(BigInteger.valueOf(Long.MAX_VALUE), Long.MAX_VALUE),
                same(BigInteger.ONE.shiftLeft(63)), same(max));
    }

    @Test
    void decimalIsExact() {
        BigDecimal big = new BigDecimal("12345678901234567890123456789012345.123456789012345678901234567890");
        roundTrip(c, "DECIMAL(65,30)", true, same(big), same(big.negate()),
                c(new BigDecimal("0.5"), new BigDecimal("0.500000000000000000000000000000")),
                c(new BigDecimal("-0.000000000000000000000000000001"), new BigDecimal("-0.000000000000000000000000000001")),
                same(new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999")),
                c(new BigDecimal("1E+10"), new BigDecimal("10000000000.000000000000000000000000000000")),
                c(new BigInteger("18446744073709551616"), new BigDecimal("18446744073709551616.000000000000000000000000000000")));
        roundTrip(c, "DECIMAL(5,0) UNSIGNED", true, same(new BigDecimal("99999")), c(0L, new BigDecimal("0")));
    }

    @Test
    void floatAndDouble() {
        // DOUBLE prints with 17 significant digits in the text protocol, so every value survives both ways.
        roundTrip(c, "DOUBLE", true, same(Double.MAX_VALUE), same(-Double.MAX_VALUE), same(Double.MIN_VALUE),
                same(Double.MIN_NORMAL), same(0.1), same(-1.5e-300), same(123456789.12345679), same(0.0));
        // FLOAT prints with only 6 significant digits in the text protocol (server behaviour: "%g"), so
        // values with more digits come back rounded there while the binary protocol keeps all 24 bits.
        roundTrip(c, "FLOAT", true, same(1.5f), same(-0.1f), same(1.0e-30f), same(123456f), same(0f));
        String t = Db.table("fl");
        c.query("create table " + t + " (id int primary key, v float)");
        try {
            c.execute("insert into " + t + " values (1, ?), (2, ?)", Float.MAX_VALUE, 16777216f);
            List<Row> text = c.query("select v from " + t + " order by id").get(0).rows();
            List<Row> bin = c.execute("select v from " + t + " order by id").rows();
            assertEquals(Float.MAX_VALUE, bin.get(0).get(0));
            assertEquals(16777216f, bin.get(1).get(0));
            assertEquals(3.40282e38f, text.get(0).get(0));
            assertEquals(16777200f, text.get(1).get(0));
        } finally {
            c.query("drop table " + t);
        }
    }

    @Test
    void bitColumnsAreBigEndianBytes() {
        roundTrip(c, "BIT(1)", true, c(new byte[] {1}, new byte[] {1}), c(new byte[] {0}, new byte[] {0}),
                c(1L, new byte[] {1}));
        byte[] all = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] pattern = {(byte) 0x80, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, (byte) 0xfe};
        roundTrip(c, "BIT(64)", true, same(all), same(pattern), c(1L, new byte[] {0, 0, 0, 0, 0, 0, 0, 1}),
                c(-1L, all), c(0x0102L, new byte[] {0, 0, 0, 0, 0, 0, 1, 2}));
        roundTrip(c, "BIT(10)", true, c(0x3ffL, new byte[] {3, (byte) 0xff}));
    }

    @Test
    void year() {
        roundTrip(c, "YEAR", true, c(1901, 1901), c(Year.of(2155), 2155), c((short) 2024, 2024), c(0, 0));
    }

    @Test
    void characterTypesWithFourByteUtf8() {
        String emoji = "a\uD83D\uDE00b";               // U+1F600
        String cjkB = "\uD840\uDC00\uD869\uDEDF";      // U+20000, U+2A6DF (CJK extension B)
        String mixed = "é\u00e0\u4e2d\u6587 ' \" \\ %_\0\n\u001a" + emoji + cjkB;
        for (String type : List.of("CHAR(40)", "VARCHAR(300)", "TEXT", "MEDIUMTEXT", "LONGTEXT")) {
            roundTrip(c, type + " CHARACTER SET utf8mb4", true, same(""), same(emoji), same(cjkB), same(mixed));
        }
        String longText = "\uD83D\uDE00".repeat(70_000) + "x"; // > 64 KiB of 4-byte characters
        roundTrip(c, "MEDIUMTEXT CHARACTER SET utf8mb4", false, same(longText));
        // CHAR pads with spaces and strips them on read
        roundTrip(c, "CHAR(5)", false, c("ab  ", "ab"));
        java.util.UUID uuid = java.util.UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        roundTrip(c, "CHAR(36)", true, c(uuid, uuid.toString()), c(java.time.DayOfWeek.MONDAY, "MONDAY"));
    }

    @Test
    void binaryTypesCarryEveryByteValue() {
        byte[] all = allBytes();
        roundTrip(c, "VARBINARY(300)", true, same(all), same(new byte[0]), c(new byte[] {0, 0x5c, 0x27}, new byte[] {0, 0x5c, 0x27}));
        roundTrip(c, "BLOB", true, same(all), same(new byte[0]),
                c(java.nio.ByteBuffer.wrap(all, 10, 3), new byte[] {10, 11, 12}));
        roundTrip(c, "MEDIUMBLOB", false, same(bigBlob(300_000)));
        roundTrip(c, "LONGBLOB", true, same(all));
        // BINARY(n) right-pads with 0x00 and keeps the padding
        roundTrip(c, "BINARY(4)", true, c(new byte[] {(byte) 0xff, 0}, new byte[] {(byte) 0xff, 0, 0, 0}),
                c("ab", "ab\0\0".getBytes(StandardCharsets.US_ASCII)));
        roundTrip(c, "BINARY(255)", false, same(Arrays.copyOf(all, 255)));
    }

    /**
     * Values above 16 MiB: the row spans several wire packets, and in a text row the first value's
     * length prefix is 0xFE - the same first byte as an EOF/OK terminator.
     */
    @Test
    void valuesLargerThanOnePacket() {
        byte[] blob = bigBlob((1 << 24) + 100);
        String text = "\u00e9\uD83D\uDE00".repeat((1 << 24) / 6 + 7); // just over 16 MiB of UTF-8
        String t = Db.table("big");
        c.query("create table " + t + " (id int primary key, b longblob, s longtext character set utf8mb4)");
        try {
            c.execute("insert into " + t + " values (1, ?, ?)", blob, text);
            var r = readBoth(c, "select b, s, id from " + t);
            for (var res : List.of(r.text(), r.binary())) {
                assertArrayEquals(blob, res.rows().get(0).getBytes(0));
                assertEquals(text, res.rows().get(0).getString(1));
                assertEquals(1, res.rows().get(0).get(2));
            }
        } finally {
            c.query("drop table " + t);
        }
    }

    private static byte[] bigBlob(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 8));
        }
        return b;
    }

    @Test
    void jsonEnumAndSet() {
        String json = "{\"a\": [1, 2.5, null, true], \"s\": \"\\u00e9\\ud83d\\ude00 \\\"q\\\"\"}";
        // MariaDB's JSON is LONGTEXT with a CHECK constraint: the text comes back as it went in.
        roundTrip(c, "JSON", true, same(json), same("[]"), same("\"\uD83D\uDE00\""));
        roundTrip(c, "ENUM('a','b\u00e9','\uD83D\uDE00') CHARACTER SET utf8mb4", true, same("a"), same("b\u00e9"),
                same("\uD83D\uDE00"), c(2, "b\u00e9"));
        roundTrip(c, "SET('x','y','z')", true, same(""), same("x,z"), c("z,x", "x,z"), c(7L, "x,y,z"));
    }

    @Test
    void geometryIsSridPlusWkb() {
        String t = Db.table("geo");
        c.query("create table " + t + " (id int primary key, g GEOMETRY, p POINT)");
        try {
            c.query("insert into " + t + " values (1, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('POINT(1 2)', 4326))");
            // bound as bytes (MySQL's internal form) it must store the same geometry
            byte[] internal = c.execute("select g from " + t + " where id = 1").rows().get(0).getBytes(0);
            c.execute("insert into " + t + " values (2, ?, ?)", internal, null);
            var r = readBoth(c, "select g, p from " + t + " order by id");
            byte[] expected = {0, 0, 0, 0,            // SRID 0, little-endian
                1,                                     // WKB byte order: little-endian
                1, 0, 0, 0,                            // wkbPoint
                0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f,   // x = 1.0
                0, 0, 0, 0, 0, 0, 0, 0x40};            // y = 2.0
            byte[] srid4326 = expected.clone();
            srid4326[0] = (byte) 0xe6;                 // 4326 = 0x10e6
            srid4326[1] = 0x10;
            for (var res : List.of(r.text(), r.binary())) {
                assertArrayEquals(expected, res.rows().get(0).getBytes(0));
                assertArrayEquals(srid4326, res.rows().get(0).getBytes(1));
                assertArrayEquals(expected, res.rows().get(1).getBytes(0));
                assertNull(res.rows().get(1).get(1));
            }
            assertEquals("POINT(1 2)", c.execute("select ST_AsText(g) from " + t + " where id = 2").rows().get(0).getString(0));
        } finally {
            c.query("drop table " + t);
        }
    }

    /** Twelve columns so the binary NULL bitmap spans two bytes (its 2-bit offset included). */
    @Test
    void nullBitmapAcrossManyColumns() {
        String t = Db.table("nulls");
        c.query("create table " + t + " (id int primary key, a tinyint, b bigint unsigned, c decimal(10,2), d double,"
                + " e date, f datetime(6), g timestamp(3) null, h time(6), i varchar(10), j blob, k bit(8), l json)");
        Object[] full = {(byte) 1, new BigInteger("18446744073709551615"), new BigDecimal("-1.25"), 2.5,
            LocalDate.of(2020, 1, 2), java.time.LocalDateTime.of(2020, 1, 2, 3, 4, 5, 6000),
            java.time.Instant.parse("2020-01-02T03:04:05.007Z"), Duration.ofSeconds(-3600, 5000), "s",
            new byte[] {1, 2}, new byte[] {(byte) 0x81}, "{}"};
        Object[] read = {1, full[1], full[2], full[3], full[4], full[5], full[6], full[7],
            "s", full[9], full[10], "{}"};
        try {
            int rows = 0;
            // every pattern of a sliding NULL window plus all-NULL and no-NULL rows
            for (int mask : new int[] {0, 0xfff, 0x001, 0x800, 0x0c0, 0x555, 0xaaa, 0x03f, 0xfc0, 0x180}) {
                Object[] params = new Object[13];
                params[0] = rows++;
                for (int i = 0; i < 12; i++) {
                    params[i + 1] = (mask & (1 << i)) != 0 ? null : full[i];
                }
                c.execute("insert into " + t + " values (?,?,?,?,?,?,?,?,?,?,?,?,?)", params);
            }
            var r = readBoth(c, "select a,b,c,d,e,f,g,h,i,j,k,l from " + t + " order by id");
            int row = 0;
            for (int mask : new int[] {0, 0xfff, 0x001, 0x800, 0x0c0, 0x555, 0xaaa, 0x03f, 0xfc0, 0x180}) {
                for (int i = 0; i < 12; i++) {
                    Object want = (mask & (1 << i)) != 0 ? null : read[i];
                    assertValue(want, r.text().rows().get(row).get(i), "text row " + row + " col " + i);
                    assertValue(want, r.binary().rows().get(row).get(i), "binary row " + row + " col " + i);
                }
                row++;
            }
        } finally {
            c.query("drop table " + t);
        }
    }
}
