package io.sluice.postgres;

import static io.sluice.postgres.RoundTrip.c;

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
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Arrays of every built-in element type, each with a NULL element and the element type's edge
 * values, plus multi-dimensional arrays and text elements that need quoting in the array literal
 * (quotes, commas, backslashes, braces, spaces, the string "NULL"). Literals are written as
 * {@code array_in} reads them; see {@link RoundTrip} for the checks.
 */
class PgTypesArrayRoundTripTest {
    private static PgConnection c;

    @BeforeAll
    static void open() {
        c = Pg.connect();
        c.query("set TimeZone = 'America/St_Johns'"); // -03:30 / -02:30
    }

    @AfterAll
    static void close() {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void boolAndIntegerArrays() {
        RoundTrip.runAll(c, List.of(
                c("bool[]", "{t,NULL,f}", new Boolean[] {true, null, false}),
                c("int2[]", "{-32768,NULL,32767}", new Short[] {Short.MIN_VALUE, null, Short.MAX_VALUE}),
                c("int4[]", "{1,NULL,-2147483648,2147483647}", new Integer[] {1, null, Integer.MIN_VALUE, Integer.MAX_VALUE}),
                c("int8[]", "{-9223372036854775808,NULL,9223372036854775807}", new Long[] {Long.MIN_VALUE, null, Long.MAX_VALUE}),
                c("oid[]", "{0,NULL,4294967295}", new Long[] {0L, null, 4294967295L}),
                c("int4[]", "{}", new Integer[0]),
                // primitive arrays and Lists bind too; they read back as boxed arrays
                c("int4[]", "{1,2,3}", new int[] {1, 2, 3}, new Integer[] {1, 2, 3}),
                c("int8[]", "{7,NULL}", Arrays.asList(7L, null), new Long[] {7L, null})));
    }

    @Test
    void floatAndNumericArrays() {
        RoundTrip.runAll(c, List.of(
                c("float4[]", "{NaN,Infinity,-Infinity,-0,NULL,1.4e-45,3.4028235e38}", new Float[] {Float.NaN,
                        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, null, Float.MIN_VALUE, Float.MAX_VALUE}),
                c("float8[]", "{NaN,Infinity,-Infinity,-0,NULL,4.9e-324,0.1}", new Double[] {Double.NaN,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, null, Double.MIN_VALUE, 0.1}),
                c("numeric[]", "{0,1.50,-1234567890123456789012345678901234567890,NaN,NULL,Infinity,-Infinity,0.0001}",
                        new Number[] {BigDecimal.ZERO, new BigDecimal("1.50"),
                            new BigDecimal("-1234567890123456789012345678901234567890"), Double.NaN, null,
                            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, new BigDecimal("0.0001")})));
    }

    @Test
    void characterArrays() {
        String[] tricky = {"a,b", "c\"d", "e\\f", "NULL", null, "", "{}", " sp ", "😀 𝄞", "tab\tnl\n", "'"};
        RoundTrip.runAll(c, List.of(
                c("text[]", "{\"a,b\",\"c\\\"d\",\"e\\\\f\",\"NULL\",NULL,\"\",\"{}\",\" sp \",\"😀 𝄞\",\"tab\tnl\n\",'}", tricky),
                c("varchar[]", "{x,NULL,\"y z\"}", new String[] {"x", null, "y z"}),
                c("char(2)[]", "{ab,\"a\",NULL}", new String[] {"ab", "a", null}, new String[] {"ab", "a ", null}),
                c("name[]", "{pg_class,NULL,\"😀\"}", new String[] {"pg_class", null, "😀"}),
                c("text[]", "{}", new String[0]),
                c("text[]", "{NULL}", new String[] {null})));
    }

    @Test
    void byteaArrays() {
        RoundTrip.runAll(c, List.of(
                c("bytea[]", "{\"\\\\x0001ff\",NULL,\"\\\\x\"}", new byte[][] {{0, 1, (byte) 0xff}, null, {}})));
    }

    @Test
    void dateTimeArrays() {
        OffsetDateTime ist = OffsetDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30));
        RoundTrip.runAll(c, List.of(
                c("date[]", "{2000-01-01,infinity,-infinity,NULL,\"0001-12-31 BC\"}", new LocalDate[] {
                    LocalDate.of(2000, 1, 1), LocalDate.MAX, LocalDate.MIN, null, LocalDate.of(0, 12, 31)}),
                c("time[]", "{00:00:00,23:59:59.999999,NULL,24:00:00}", new LocalTime[] {
                    LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), null, LocalTime.MAX}),
                c("timetz[]", "{12:34:56.789+05:30,NULL,00:00:00-15:59}", new OffsetTime[] {
                    OffsetTime.of(12, 34, 56, 789_000_000, ZoneOffset.ofHoursMinutes(5, 30)), null,
                    OffsetTime.of(0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-15, -59))}),
                c("timestamp[]", "{\"2024-02-29 12:34:56.123456\",infinity,NULL,-infinity,\"0001-01-01 00:00:00 BC\"}",
                        new LocalDateTime[] {LocalDateTime.of(2024, 2, 29, 12, 34, 56, 123_456_000), LocalDateTime.MAX,
                            null, LocalDateTime.MIN, LocalDateTime.of(0, 1, 1, 0, 0)}),
                c("timestamptz[]", "{\"2024-02-29 12:34:56.123456+05:30\",-infinity,NULL,infinity}",
                        new OffsetDateTime[] {ist, OffsetDateTime.MIN, null, OffsetDateTime.MAX},
                        new OffsetDateTime[] {ist.withOffsetSameInstant(ZoneOffset.UTC), OffsetDateTime.MIN, null,
                            OffsetDateTime.MAX}),
                c("interval[]", "{\"1 year 2 mons 3 days 04:05:06.000007\",NULL,\"-00:00:00.000001\",\"1 mon -1 days\"}",
                        new PgInterval[] {new PgInterval(14, 3, 14_706_000_007L), null, new PgInterval(0, 0, -1),
                            new PgInterval(1, -1, 0)})));
    }

    @Test
    void uuidJsonInetArrays() throws UnknownHostException {
        UUID u = UUID.fromString("0e4d7c1a-9b3f-4c2d-8a5e-f1b2c3d4e5f6");
        RoundTrip.runAll(c, List.of(
                c("uuid[]", "{0e4d7c1a-9b3f-4c2d-8a5e-f1b2c3d4e5f6,NULL,00000000-0000-0000-0000-000000000000}",
                        new UUID[] {u, null, new UUID(0, 0)}),
                c("json[]", "{\"{\\\"a\\\": [1, \\\"x,y\\\"]}\",NULL,\"[]\"}", new String[] {"{\"a\": [1, \"x,y\"]}", null, "[]"}),
                c("jsonb[]", "{\"{\\\"a\\\": 1}\",NULL,\"\\\"s\\\\\\\\t\\\"\"}", new String[] {"{\"a\": 1}", null, "\"s\\\\t\""}),
                c("inet[]", "{192.168.0.1/24,::1,NULL,2001:db8::1/64}", new PgInet[] {
                    new PgInet(addr("192.168.0.1"), 24, false), new PgInet(addr("::1"), 128, false), null,
                    new PgInet(addr("2001:db8::1"), 64, false)}),
                c("cidr[]", "{10.0.0.0/8,NULL,2001:db8::/32}", new PgInet[] {
                    new PgInet(addr("10.0.0.0"), 8, true), null, new PgInet(addr("2001:db8::"), 32, true)})));
    }

    @Test
    void multiDimensionalArrays() {
        RoundTrip.runAll(c, List.of(
                c("int4[][]", "{{1,2,3},{4,NULL,6}}", new Integer[][] {{1, 2, 3}, {4, null, 6}}),
                c("int4[]", "{{{1},{2}},{{3},{NULL}}}", new Integer[][][] {{{1}, {2}}, {{3}, {null}}}),
                c("text[][]", "{{\"a,b\",\"c\\\"d\",\"e\\\\f\"},{\"NULL\",NULL,\"{x}\"},{\"\",\" \",\"\\\\\\\"\"}}",
                        new String[][] {{"a,b", "c\"d", "e\\f"}, {"NULL", null, "{x}"}, {"", " ", "\\\""}}),
                c("text[]", "{{NULL,NULL}}", new String[][] {{null, null}}),
                c("float8[][]", "{{NaN,-0},{Infinity,NULL}}", new Double[][] {{Double.NaN, -0.0}, {Double.POSITIVE_INFINITY, null}})));
    }

    /** Lower bounds other than 1 are dropped (Java arrays start at 0); read-only: the server keeps the bound. */
    @Test
    void nonDefaultLowerBoundIsRead() {
        String sql = "select '[0:2]={1,NULL,3}'::int4[], '[-1:0][2:3]={{a,b},{c,d}}'::text[]";
        for (var row : List.of(c.query(sql).get(0).rows().get(0), c.execute(sql).rows().get(0))) {
            RoundTrip.same(new Integer[] {1, null, 3}, row.get(0), "lower bound 0");
            RoundTrip.same(new String[][] {{"a", "b"}, {"c", "d"}}, row.get(1), "lower bounds -1 and 2");
        }
    }

    static InetAddress addr(String s) throws UnknownHostException {
        return InetAddress.getByName(s);
    }
}
