package io.sluice.postgres.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.wire.ByteWriter;
import java.math.BigDecimal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every golden case: both server forms decode to the hand-written value; our encoder reproduces the server's bytes. */
class GoldenDecodeTest {
    private static final CodecRegistry REG = CodecRegistry.defaults();
    private static final Map<String, Object> EXPECTED = new LinkedHashMap<>();

    /** Our array encoder writes lower bound 1; this case has lower bound 0 on the server. */
    private static final Set<String> NOT_REENCODABLE = Set.of("_int4.lb0");

    private static void e(String key, Object value) {
        if (EXPECTED.put(key, value) != null) {
            throw new AssertionError("duplicate " + key);
        }
    }

    private static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }

    private static OffsetDateTime utc(int y, int mo, int d, int h, int mi, int s, int nanos) {
        return OffsetDateTime.of(y, mo, d, h, mi, s, nanos, ZoneOffset.UTC);
    }

    private static PgInet inet(String v4OrV6Hex, int bits, boolean cidr) throws Exception {
        byte[] a = HexFormat.of().parseHex(v4OrV6Hex);
        InetAddress addr = a.length == 4 ? InetAddress.getByAddress(a) : Inet6Address.getByAddress(null, a, -1);
        return new PgInet(addr, bits, cidr);
    }

    static {
        try {
            e("bool.t", true);
            e("bool.f", false);
            e("int2.min", (short) -32768);
            e("int2.max", (short) 32767);
            e("int2.zero", (short) 0);
            e("int4.min", Integer.MIN_VALUE);
            e("int4.max", Integer.MAX_VALUE);
            e("int8.min", Long.MIN_VALUE);
            e("int8.max", Long.MAX_VALUE);
            e("oid.zero", 0L);
            e("oid.max", 4294967295L);
            e("float4.1_5", 1.5f);
            e("float4.nan", Float.NaN);
            e("float4.inf", Float.POSITIVE_INFINITY);
            e("float4.ninf", Float.NEGATIVE_INFINITY);
            e("float4.negzero", -0.0f);
            e("float4.max", Float.MAX_VALUE);
            e("float4.denorm", Float.MIN_VALUE);
            e("float8.0_1", 0.1);
            e("float8.nan", Double.NaN);
            e("float8.inf", Double.POSITIVE_INFINITY);
            e("float8.ninf", Double.NEGATIVE_INFINITY);
            e("float8.negzero", -0.0);
            e("float8.big", 1e308);
            e("float8.denorm", Double.MIN_VALUE);
            e("float8.1e100", 1e100);
            e("numeric.zero", dec("0"));
            e("numeric.0_0001", dec("0.0001"));
            e("numeric.neg", dec("-12345.678900"));
            e("numeric.1e-20", dec("0.00000000000000000001"));
            e("numeric.big", dec("123456789012345678901234567890.123456789"));
            e("numeric.nan", Double.NaN);
            e("numeric.inf", Double.POSITIVE_INFINITY);
            e("numeric.ninf", Double.NEGATIVE_INFINITY);
            e("numeric.1_50", dec("1.50"));
            e("numeric.10000", dec("10000"));
            e("numeric.negzero", dec("0.000"));
            e("numeric.int17", dec("99999999999999999"));
            e("numeric.1e30", dec("1000000000000000000000000000000"));
            e("numeric.small", dec("0.000000012345"));
            e("text.utf8", "h\u00e9llo \uD83D\uDE00 w\u00f6rld \u4e2d");
            e("text.empty", "");
            e("varchar.x", "abc def");
            e("bpchar.pad", "abc  ");
            e("name.x", "pg_class");
            e("char.a", "a");
            byte[] all = new byte[256];
            for (int i = 0; i < 256; i++) {
                all[i] = (byte) i;
            }
            e("bytea.all", all);
            e("bytea.empty", new byte[0]);
            e("bytea.escape", all);
            e("date.epoch", LocalDate.of(2000, 1, 1));
            e("date.before", LocalDate.of(1999, 12, 31));
            e("date.leap", LocalDate.of(2024, 2, 29));
            e("date.inf", LocalDate.MAX);
            e("date.ninf", LocalDate.MIN);
            e("date.4713bc", LocalDate.of(-4712, 1, 1));
            e("date.max", LocalDate.of(5874897, 12, 31));
            e("date.1bc", LocalDate.of(0, 1, 1));
            e("date.1970", LocalDate.of(1970, 1, 1));
            e("time.zero", LocalTime.MIDNIGHT);
            e("time.last", LocalTime.of(23, 59, 59, 999_999_000));
            e("time.24", LocalTime.MAX);
            e("time.frac", LocalTime.of(4, 5, 6, 789_000_000));
            e("timetz.plus2", OffsetTime.of(4, 5, 6, 789_000_000, ZoneOffset.ofHours(2)));
            e("timetz.minus530", OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHoursMinutes(-5, -30)));
            e("timetz.utc", OffsetTime.of(0, 0, 0, 0, ZoneOffset.UTC));
            e("timetz.secs", OffsetTime.of(12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)));
            e("timestamp.epoch", LocalDateTime.of(2000, 1, 1, 0, 0));
            e("timestamp.micros", LocalDateTime.of(2024, 6, 1, 12, 34, 56, 123_456_000));
            e("timestamp.unix", LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1000));
            e("timestamp.inf", LocalDateTime.MAX);
            e("timestamp.ninf", LocalDateTime.MIN);
            e("timestamp.1bc", LocalDateTime.of(0, 1, 1, 0, 0));
            e("timestamp.before", LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000));
            e("timestamp.max", LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000));
            e("timestamp.4713bc", LocalDateTime.of(-4712, 1, 1, 0, 0));
            e("timestamptz.micros", utc(2024, 6, 1, 12, 34, 56, 123_456_000));
            e("timestamptz.inf", OffsetDateTime.MAX);
            e("timestamptz.ninf", OffsetDateTime.MIN);
            e("timestamptz.before", utc(1999, 12, 31, 23, 59, 59, 999_999_000));
            e("timestamptz.kolkata", utc(2024, 6, 1, 12, 34, 56, 0));
            e("timestamptz.newyork", utc(2024, 1, 1, 0, 0, 0, 500_000_000));
            e("timestamptz.lmt", utc(1900, 1, 1, 0, 0, 0, 0));
            e("timestamptz.1bc", utc(0, 1, 1, 0, 0, 0, 0));
            e("interval.full", new PgInterval(14, 3, 14_706_789_000L));
            e("interval.mixed", new PgInterval(0, -1, 7_200_000_000L));
            e("interval.negsec", new PgInterval(0, 0, -1_000_000L));
            e("interval.zero", PgInterval.ZERO);
            e("interval.negym", new PgInterval(-14, 0, 0));
            e("interval.mon_negday", new PgInterval(1, -1, 0));
            e("interval.neg10mons", new PgInterval(-10, 0, 0));
            e("interval.1day", new PgInterval(0, 1, 0));
            e("interval.maxmicros", new PgInterval(0, 0, Long.MAX_VALUE));
            e("interval.minmicros", new PgInterval(0, 0, Long.MIN_VALUE));
            e("interval.maxmonths", new PgInterval(Integer.MAX_VALUE, 0, 0));
            e("interval.minmonths", new PgInterval(Integer.MIN_VALUE, 0, 0));
            e("interval.bigtime", new PgInterval(0, 0, 360_000_000_001L));
            e("uuid.x", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
            e("uuid.zero", new UUID(0, 0));
            e("uuid.ff", new UUID(-1, -1));
            e("json.x", "{\"a\": [1, 2.5, \"x\u00e9\"], \"b\": null}");
            e("jsonb.x", "{\"a\": [1, 2.5, \"x\u00e9\"], \"b\": null}");
            e("inet.v4", inet("c0a80001", 32, false));
            e("inet.v4prefix", inet("c0a80001", 24, false));
            e("inet.v6loop", inet("00000000000000000000000000000001", 128, false));
            e("inet.v6prefix", inet("20010db8000000000000000000000001", 64, false));
            e("inet.mapped", inet("00000000000000000000ffff01020304", 128, false));
            e("inet.any", inet("00000000", 0, false));
            e("inet.v6full", inet("20010db8000100020003000400050006", 128, false));
            e("inet.v6tie", inet("00010000000000010000000000010001", 128, false));
            e("cidr.v4", inet("0a000000", 8, true));
            e("cidr.v6", inet("20010db8000000000000000000000000", 32, true));
            e("cidr.v6any", inet("00000000000000000000000000000000", 0, true));
            e("cidr.v4host", inet("c0a80105", 32, true));
            e("_int4.nulls", new Integer[] {1, null, 3});
            e("_int4.empty", new Integer[0]);
            e("_int4.2d", new Integer[][] {{1, 2}, {3, 4}});
            e("_int4.lb0", new Integer[] {1, 2, 3});
            e("_int4.3d", new Integer[][][] {{{1, 2}}, {{3, null}}});
            e("_text.quotes", new String[] {"a b", "c\"d", "x\\y", null, "NULL", "", "comma,here", "{brace}", " sp ",
                "h\u00e9 \uD83D\uDE00"});
            e("_text.2d", new String[][] {{"a", "b"}, {"c", null}});
            e("_varchar.x", new String[] {"x", "y z"});
            e("_bpchar.x", new String[] {"ab "});
            e("_name.x", new String[] {"pg_class"});
            e("_char.x", new String[] {"a", "b"});
            e("_bool.x", new Boolean[] {true, false, null});
            e("_int2.x", new Short[] {(short) -32768, (short) 32767});
            e("_int8.x", new Long[] {Long.MIN_VALUE, Long.MAX_VALUE});
            e("_oid.x", new Long[] {0L, 4294967295L});
            e("_float4.x", new Float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY});
            e("_float8.x", new Double[] {0.1, Double.NaN, Double.POSITIVE_INFINITY, -0.0});
            e("_numeric.x", new Number[] {dec("1.50"), Double.NaN, dec("-0.0001"), Double.POSITIVE_INFINITY, null});
            e("_bytea.x", new byte[][] {{0, (byte) 0xff}, {}, null});
            e("_date.x", new LocalDate[] {LocalDate.of(2000, 1, 1), LocalDate.MAX, LocalDate.MIN, LocalDate.of(-4712, 1, 1)});
            e("_time.x", new LocalTime[] {LocalTime.of(4, 5, 6, 789_000_000), LocalTime.MAX});
            e("_timetz.x", new OffsetTime[] {OffsetTime.of(4, 5, 6, 0, ZoneOffset.ofHours(2))});
            e("_timestamp.x", new LocalDateTime[] {LocalDateTime.of(2024, 6, 1, 12, 34, 56, 123_456_000), LocalDateTime.MAX});
            e("_timestamptz.x", new OffsetDateTime[] {utc(2024, 6, 1, 12, 34, 56, 123_456_000), OffsetDateTime.MIN});
            e("_interval.x", new PgInterval[] {new PgInterval(14, 3, 14_706_789_000L), new PgInterval(0, 0, -1_000_000L)});
            e("_uuid.x", new UUID[] {UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), null});
            e("_json.x", new String[] {"{\"a\":1}", "[1,\"x\"]"});
            e("_jsonb.x", new String[] {"{\"a\": 1}", "[1, \"x\"]"});
            e("_inet.x", new PgInet[] {inet("c0a80001", 24, false), inet("00000000000000000000000000000001", 128, false)});
            e("_cidr.x", new PgInet[] {inet("0a000000", 8, true), inet("20010db8000000000000000000000000", 32, true)});
        } catch (Exception ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @Test
    void everyGoldenCaseHasAnExpectation() {
        assertEquals(Golden.CASES.keySet(), EXPECTED.keySet());
    }

    static String show(Object v) {
        if (v instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return v + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")");
    }

    static void assertDeepEquals(Object expected, Object actual, String what) {
        if (!Objects.deepEquals(expected, actual)) {
            fail(what + ": expected " + show(expected) + " but was " + show(actual));
        }
        if (expected != null && actual != null && !(expected instanceof Object[])) {
            assertEquals(expected.getClass(), actual.getClass(), what + " class");
        }
    }

    @TestFactory
    Stream<DynamicTest> decodesBinaryAndTextToTheExpectedValue() {
        return Golden.CASES.values().stream().map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            PgCodec codec = REG.forOid(c.oid());
            assertTrue(codec.supportsBinary(), c.key());
            Object expected = EXPECTED.get(c.key());
            Object bin = codec.decodeBinary(c.binary(), 0, c.binary().length);
            Object txt = codec.decodeText(c.text(), 0, c.text().length);
            assertDeepEquals(expected, bin, c.key() + " binary");
            assertDeepEquals(expected, txt, c.key() + " text");
            if (expected instanceof Object[]) {
                assertEquals(expected.getClass(), bin.getClass(), c.key() + " array class");
                assertEquals(expected.getClass(), txt.getClass(), c.key() + " array class");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> encodesTheServersBinaryBytes() {
        return Golden.CASES.values().stream().filter(c -> !NOT_REENCODABLE.contains(c.key()))
                .map(c -> DynamicTest.dynamicTest(c.key(), () -> {
                    PgCodec codec = REG.forOid(c.oid());
                    Object expected = EXPECTED.get(c.key());
                    assertTrue(codec.canEncode(expected), c.key());
                    ByteWriter w = new ByteWriter();
                    codec.encodeBinary(w, expected);
                    assertEquals(HexFormat.of().formatHex(c.binary()), HexFormat.of().formatHex(w.toByteArray()), c.key());
                    // and through the registry with the server's parameter type
                    ByteWriter w2 = new ByteWriter();
                    ParamEncoding pe = REG.encode(c.oid(), expected, w2);
                    assertEquals(PgFormat.BINARY, pe.format(), c.key());
                    assertEquals(c.oid(), pe.oid());
                    assertArrayEquals(c.binary(), w2.toByteArray(), c.key());
                }));
    }

    @TestFactory
    Stream<DynamicTest> textEncodingRoundTrips() {
        return Golden.CASES.values().stream().map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            PgCodec codec = REG.forOid(c.oid());
            Object expected = EXPECTED.get(c.key());
            byte[] text = codec.encodeText(expected).getBytes(StandardCharsets.UTF_8);
            assertDeepEquals(expected, codec.decodeText(text, 0, text.length), c.key() + " text round trip");
        }));
    }

    /** Where our text form is canonical, it is exactly what the server prints. */
    @TestFactory
    Stream<DynamicTest> textEncodingMatchesTheServersOutput() {
        return Golden.CASES.values().stream()
                .filter(c -> c.key().matches("(bool|int[248]|oid|date|time|timetz|timestamp|interval|inet|cidr|uuid|bytea"
                        + "|text|varchar|bpchar|name|json|jsonb)\\..*") && !c.key().equals("bytea.escape")
                        && !c.key().startsWith("timestamptz"))
                .map(c -> DynamicTest.dynamicTest(c.key(), () -> {
                    PgCodec codec = REG.forOid(c.oid());
                    assertEquals(new String(c.text(), StandardCharsets.UTF_8), codec.encodeText(EXPECTED.get(c.key())));
                }));
    }

    @Test
    void inetFamiliesSurvive() {
        PgInet mapped = (PgInet) EXPECTED.get("inet.mapped");
        Golden.Case c = Golden.get("inet.mapped");
        PgInet bin = (PgInet) REG.forOid(PgTypes.INET).decodeBinary(c.binary(), 0, c.binary().length);
        PgInet txt = (PgInet) REG.forOid(PgTypes.INET).decodeText(c.text(), 0, c.text().length);
        assertInstanceOf(Inet6Address.class, bin.address());
        assertInstanceOf(Inet6Address.class, txt.address());
        assertEquals(mapped, bin);
        assertInstanceOf(Inet4Address.class, ((PgInet) EXPECTED.get("inet.v4")).address());
        assertEquals("::ffff:1.2.3.4", bin.toString());
    }
}
