package io.sluice.postgres;

import static io.sluice.postgres.RoundTrip.c;

import io.sluice.postgres.RoundTrip.Case;
import io.sluice.postgres.types.PgInet;
import io.sluice.postgres.types.PgInterval;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scalar types against the real server, binary and text, with their edge values (see {@link RoundTrip}
 * for what each case checks). Literals are written the way PostgreSQL's input functions read them;
 * expected Java values follow the mapping documented in {@code io.sluice.postgres.types}.
 *
 * <p>The session runs with {@code TimeZone = 'Asia/Kathmandu'} (+05:45) so that the text form of
 * timestamptz carries a non-whole-hour offset the text decoder has to apply.
 */
class PgTypesRoundTripTest {
    private static PgConnection c;

    @BeforeAll
    static void open() {
        c = Pg.connect();
        c.query("set TimeZone = 'Asia/Kathmandu'");
    }

    @AfterAll
    static void close() {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void bool() {
        RoundTrip.runAll(c, List.of(c("bool", "t", true), c("bool", "false", false)));
    }

    @Test
    void integers() {
        RoundTrip.runAll(c, List.of(
                c("int2", "-32768", Short.MIN_VALUE), c("int2", "32767", Short.MAX_VALUE), c("int2", "0", (short) 0),
                c("int4", "-2147483648", Integer.MIN_VALUE), c("int4", "2147483647", Integer.MAX_VALUE),
                c("int4", "-1", -1),
                c("int8", "-9223372036854775808", Long.MIN_VALUE), c("int8", "9223372036854775807", Long.MAX_VALUE),
                c("int8", "0", 0L),
                // an Integer bound to an int8 parameter is widened, read back as Long
                c("int8", "42", 42, 42L)));
    }

    @Test
    void float4() {
        RoundTrip.runAll(c, List.of(
                c("float4", "NaN", Float.NaN), c("float4", "Infinity", Float.POSITIVE_INFINITY),
                c("float4", "-Infinity", Float.NEGATIVE_INFINITY), c("float4", "-0", -0.0f), c("float4", "0", 0.0f),
                c("float4", "1.4e-45", Float.MIN_VALUE), c("float4", "1.17549435e-38", Float.MIN_NORMAL),
                c("float4", "3.4028235e38", Float.MAX_VALUE), c("float4", "-3.4028235e38", -Float.MAX_VALUE),
                c("float4", "0.1", 0.1f), c("float4", "3.1415927", (float) Math.PI)));
    }

    @Test
    void float8() {
        RoundTrip.runAll(c, List.of(
                c("float8", "NaN", Double.NaN), c("float8", "Infinity", Double.POSITIVE_INFINITY),
                c("float8", "-Infinity", Double.NEGATIVE_INFINITY), c("float8", "-0", -0.0), c("float8", "0", 0.0),
                c("float8", "4.9e-324", Double.MIN_VALUE), c("float8", "2.2250738585072014e-308", Double.MIN_NORMAL),
                c("float8", "1.7976931348623157e308", Double.MAX_VALUE), c("float8", "0.1", 0.1),
                c("float8", "-123456.789e-300", -123456.789e-300), c("float8", "3.141592653589793", Math.PI)));
    }

    @Test
    void numeric() {
        RoundTrip.runAll(c, List.of(
                c("numeric", "0", BigDecimal.ZERO),
                c("numeric", "0.00", new BigDecimal("0.00")),
                c("numeric", "-123.456", new BigDecimal("-123.456")),
                c("numeric", "1.50", new BigDecimal("1.50")),
                c("numeric", "1234567890123456789012345678901234567890", new BigDecimal("1234567890123456789012345678901234567890")),
                c("numeric", "-0.1234567890123456789012345678901234567890", new BigDecimal("-0.1234567890123456789012345678901234567890")),
                c("numeric", "12345678901234567890.12345678901234567890", new BigDecimal("12345678901234567890.12345678901234567890")),
                c("numeric", "10000", new BigDecimal("10000")),
                c("numeric", "0.0001", new BigDecimal("0.0001")),
                c("numeric", "0.000001", new BigDecimal("0.000001")),
                c("numeric", "9999.9999", new BigDecimal("9999.9999")),
                c("numeric", "-1", new BigDecimal("-1")),
                c("numeric", "1e-20", new BigDecimal("1E-20")),
                c("numeric", "NaN", Double.NaN),
                c("numeric", "Infinity", Double.POSITIVE_INFINITY),
                c("numeric", "-Infinity", Double.NEGATIVE_INFINITY),
                // the column's typmod rounds / pads: the server's scale comes back
                c("numeric(10,2)", "1.5", new BigDecimal("1.5"), new BigDecimal("1.50")),
                c("numeric(10,2)", "-2.345", new BigDecimal("-2.345"), new BigDecimal("-2.35")),
                // a BigInteger and a Long bind to numeric too
                c("numeric", "123456789012345678901234567890", new java.math.BigInteger("123456789012345678901234567890"),
                        new BigDecimal("123456789012345678901234567890")),
                c("numeric", "-9223372036854775808", Long.MIN_VALUE, new BigDecimal("-9223372036854775808"))));
    }

    @Test
    void characterTypes() {
        String specials = "tab\tnl\ncr\rbs\\ quote' dq\" comma, braces{} NULL";
        String name63 = "n".repeat(59) + "😀"; // 63 bytes: name's limit
        RoundTrip.runAll(c, List.of(
                c("text", "", ""),
                c("text", "héllo wörld 😀 𝄞 中文", "héllo wörld 😀 𝄞 中文"),
                c("text", specials, specials),
                c("text", "NULL", "NULL"),
                c("text", "x".repeat(100_000), "x".repeat(100_000)),
                c("varchar(5)", "a😀b𝄞c", "a😀b𝄞c"),
                c("varchar", "😀", "😀"),
                // char(n) pads with spaces to n characters (not bytes)
                c("char(4)", "a😀", "a😀", "a😀  "),
                c("char(3)", "abc", "abc"),
                c("name", name63, name63),
                c("name", "😀", "😀"),
                c("\"char\"", "x", "x")));
    }

    @Test
    void bytea() {
        byte[] all = new byte[256];
        StringBuilder hex = new StringBuilder("\\x");
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
            hex.append(String.format("%02x", i));
        }
        RoundTrip.runAll(c, List.of(c("bytea", hex.toString(), all), c("bytea", "", new byte[0]),
                c("bytea", "\\x00", new byte[] {0})));
    }

    /** Values over 1 MiB: the driver grows such message buffers as the bytes arrive (PgChannel). */
    @Test
    void largeValues() {
        byte[] big = new byte[3 << 20];
        new java.util.Random(7).nextBytes(big);
        String text = "ä😀".repeat(700_000); // 4.2 MB of UTF-8
        RoundTrip.runAll(c, List.of(c("bytea", null, big), c("text", null, text),
                c("text[]", null, new String[] {text, null, "x"})));
    }

    @Test
    void dates() {
        RoundTrip.runAll(c, List.of(
                c("date", "2000-01-01", LocalDate.of(2000, 1, 1)),
                c("date", "1999-12-31", LocalDate.of(1999, 12, 31)),
                c("date", "1970-01-01", LocalDate.of(1970, 1, 1)),
                c("date", "2024-02-29", LocalDate.of(2024, 2, 29)),
                c("date", "0001-01-01", LocalDate.of(1, 1, 1)),
                // ISO year 0 is 1 BC
                c("date", "0001-12-31 BC", LocalDate.of(0, 12, 31)),
                c("date", "4713-01-01 BC", LocalDate.of(-4712, 1, 1)),
                c("date", "5874897-12-31", LocalDate.of(5874897, 12, 31)),
                c("date", "infinity", LocalDate.MAX),
                c("date", "-infinity", LocalDate.MIN)));
    }

    @Test
    void times() {
        RoundTrip.runAll(c, List.of(
                c("time", "00:00:00", LocalTime.MIDNIGHT),
                c("time", "23:59:59.999999", LocalTime.of(23, 59, 59, 999_999_000)),
                c("time", "12:34:56.000001", LocalTime.of(12, 34, 56, 1_000)),
                c("time", "24:00:00", LocalTime.MAX),
                c("time(2)", "01:02:03.456", LocalTime.of(1, 2, 3, 456_000_000), LocalTime.of(1, 2, 3, 460_000_000)),
                c("timetz", "12:34:56.789+05:30", OffsetTime.of(12, 34, 56, 789_000_000, ZoneOffset.ofHoursMinutes(5, 30))),
                c("timetz", "00:00:00-15:59", OffsetTime.of(0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-15, -59))),
                c("timetz", "23:59:59.999999+00", OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.UTC)),
                c("timetz", "12:00:00+05:30:15", OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)))));
    }

    @Test
    void timestamps() {
        RoundTrip.runAll(c, List.of(
                c("timestamp", "2024-02-29 12:34:56.123456", LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000)),
                c("timestamp", "1999-12-31 23:59:59.999999", LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000)),
                c("timestamp", "2000-01-01 00:00:00", LocalDateTime.of(2000, 1, 1, 0, 0)),
                c("timestamp", "1969-12-31 23:59:59.000001", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1_000)),
                c("timestamp", "0001-01-01 00:00:00 BC", LocalDateTime.of(0, 1, 1, 0, 0)),
                c("timestamp", "4713-01-01 00:00:00 BC", LocalDateTime.of(-4712, 1, 1, 0, 0)),
                c("timestamp", "294276-12-31 23:59:59.999999", LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000)),
                c("timestamp", "infinity", LocalDateTime.MAX),
                c("timestamp", "-infinity", LocalDateTime.MIN)));
    }

    @Test
    void timestamptz() {
        OffsetDateTime ist = OffsetDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30));
        RoundTrip.runAll(c, List.of(
                c("timestamptz", "2024-02-29 12:34:56.123456+05:30", ist, ist.withOffsetSameInstant(ZoneOffset.UTC)),
                c("timestamptz", "2000-01-01 00:00:00+00", OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                c("timestamptz", "1999-12-31 23:59:59.999999-08", OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000,
                        ZoneOffset.ofHours(-8)), OffsetDateTime.of(2000, 1, 1, 7, 59, 59, 999_999_000, ZoneOffset.UTC)),
                c("timestamptz", "1900-01-01 00:00:00+00", OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                c("timestamptz", "0001-01-01 00:00:00+00 BC", OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                c("timestamptz", "infinity", OffsetDateTime.MAX),
                c("timestamptz", "-infinity", OffsetDateTime.MIN),
                // an Instant binds to timestamptz and reads back as OffsetDateTime at UTC
                c("timestamptz", "2021-06-01 10:00:00.000001+00", java.time.Instant.parse("2021-06-01T10:00:00.000001Z"),
                        OffsetDateTime.of(2021, 6, 1, 10, 0, 0, 1_000, ZoneOffset.UTC))));
    }

    /** A zone whose historic offset has seconds: the text form is then "+00:19:32". */
    @Test
    void timestamptzWithASecondsOffsetSessionZone() {
        try (PgConnection a = Pg.connect()) {
            a.query("set TimeZone = 'Europe/Amsterdam'");
            OffsetDateTime v = OffsetDateTime.of(1900, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
            RoundTrip.runAll(a, List.of(c("timestamptz", "1900-06-01 12:00:00+00", v)));
            // the text really carried the seconds offset
            RoundTrip.same("1900-06-01 12:19:32+00:19:32",
                    a.query("select '1900-06-01 12:00:00+00'::timestamptz::text").get(0).rows().get(0).get(0), "text form");
        }
    }

    @Test
    void intervals() {
        RoundTrip.runAll(c, List.of(
                c("interval", "1 year 2 mons 3 days 04:05:06.000007", new PgInterval(14, 3, 14_706_000_007L)),
                c("interval", "-1 years -2 mons -3 days -04:05:06.000007", new PgInterval(-14, -3, -14_706_000_007L)),
                c("interval", "1 mon -1 days +00:00:00.000001", new PgInterval(1, -1, 1)),
                c("interval", "-00:00:00.000001", new PgInterval(0, 0, -1)),
                c("interval", "00:00:00", PgInterval.ZERO),
                c("interval", "2147483647 days", new PgInterval(0, Integer.MAX_VALUE, 0)),
                c("interval", "178956970 years 7 mons", new PgInterval(Integer.MAX_VALUE, 0, 0)),
                c("interval", "2562047788:00:54.775807", new PgInterval(0, 0, Long.MAX_VALUE)),
                c("interval", "-2562047788:00:54.775807", new PgInterval(0, 0, -Long.MAX_VALUE)),
                // a Duration binds as pure microseconds
                c("interval", "36:00:00.5", java.time.Duration.ofHours(36).plusMillis(500),
                        new PgInterval(0, 0, 129_600_500_000L))));
    }

    @Test
    void uuid() {
        UUID r = UUID.fromString("0e4d7c1a-9b3f-4c2d-8a5e-f1b2c3d4e5f6");
        RoundTrip.runAll(c, List.of(
                c("uuid", r.toString(), r),
                c("uuid", "00000000-0000-0000-0000-000000000000", new UUID(0, 0)),
                c("uuid", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", new UUID(-1, -1)),
                // a String bound to a uuid parameter is parsed by the server
                c("uuid", "{0e4d7c1a9b3f4c2d8a5ef1b2c3d4e5f6}", "0e4d7c1a-9b3f-4c2d-8a5e-f1b2c3d4e5f6", r)));
    }

    @Test
    void json() {
        String doc = "{\"a\": [1, 2.50, \"x😀\\n\"],  \"b\" : null}";
        RoundTrip.runAll(c, List.of(
                c("json", doc, doc), // json keeps the text as written
                c("json", "[]", "[]"),
                c("json", "\"\\u0000\"", "\"\\u0000\""),
                // jsonb normalises: key order, spacing
                c("jsonb", "{\"b\":null,\"a\":[1,2.50,\"x😀\\n\"]}", "{\"b\":null,\"a\":[1,2.50,\"x😀\\n\"]}",
                        "{\"a\": [1, 2.50, \"x😀\\n\"], \"b\": null}"),
                c("jsonb", "{\"a\": 1}", "{\"a\": 1}"),
                c("jsonb", "12345678901234567890.5", "12345678901234567890.5")));
    }

    @Test
    void inetAndCidr() throws UnknownHostException {
        RoundTrip.runAll(c, List.of(
                c("inet", "192.168.0.1", new PgInet(addr("192.168.0.1"), 32, false)),
                c("inet", "192.168.0.1/24", new PgInet(addr("192.168.0.1"), 24, false)),
                c("inet", "0.0.0.0/0", new PgInet(addr("0.0.0.0"), 0, false)),
                c("inet", "::1", new PgInet(addr("::1"), 128, false)),
                c("inet", "2001:db8::1/64", new PgInet(addr("2001:db8::1"), 64, false)),
                c("inet", "fe80::1:2:3:4/10", new PgInet(addr("fe80::1:2:3:4"), 10, false)),
                c("cidr", "10.0.0.0/8", new PgInet(addr("10.0.0.0"), 8, true)),
                c("cidr", "192.168.1.128/25", new PgInet(addr("192.168.1.128"), 25, true)),
                c("cidr", "2001:db8::/32", new PgInet(addr("2001:db8::"), 32, true)),
                c("cidr", "::/0", new PgInet(addr("::"), 0, true))));
    }

    /**
     * An IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) is an IPv6 value to PostgreSQL; Java's
     * InetAddress factories turn it into an Inet4Address, so the decoder must keep it IPv6.
     */
    @Test
    void inetV4MappedV6() throws UnknownHostException {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        b[12] = 1;
        b[13] = 2;
        b[14] = 3;
        b[15] = 4;
        InetAddress mapped = java.net.Inet6Address.getByAddress(null, b, -1);
        RoundTrip.runAll(c, List.of(c("inet", "::ffff:1.2.3.4", new PgInet(mapped, 128, false))));
    }

    @Test
    void oid() {
        RoundTrip.runAll(c, List.of(c("oid", "0", 0L), c("oid", "4294967295", 4294967295L), c("oid", "16384", 16384L)));
    }

    static InetAddress addr(String s) throws UnknownHostException {
        return InetAddress.getByName(s); // literal addresses only: no lookup
    }

}
