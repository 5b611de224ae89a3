package io.sluice.postgres.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ParamEncodingTest {
    enum Mood { HAPPY, SAD }

    private static final int ENUM_OID = 16500;
    private final CodecRegistry reg = CodecRegistry.defaults();

    private record Encoded(ParamEncoding enc, byte[] bytes) {
        String hex() {
            return HexFormat.of().formatHex(bytes);
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Encoded enc(int serverOid, Object v) {
        ByteWriter w = new ByteWriter();
        ParamEncoding e = reg.encode(serverOid, v, w);
        return new Encoded(e, w.toByteArray());
    }

    private static byte[] golden(String key) {
        return Golden.get(key).binary();
    }

    @Test
    void serverTypeWinsForCompatibleNumbers() {
        Encoded e = enc(PgTypes.INT8, 42);
        assertEquals(new ParamEncoding(PgTypes.INT8, PgFormat.BINARY), e.enc());
        assertEquals("000000000000002a", e.hex());
        assertEquals("002a", enc(PgTypes.INT2, 42L).hex());
        assertEquals("0000002a", enc(PgTypes.INT4, BigInteger.valueOf(42)).hex());
        assertEquals("4045000000000000", enc(PgTypes.FLOAT8, 42).hex());
        assertEquals(1, e.enc().formatCode());
    }

    @Test
    void outOfRangeIntegersAreUsageErrors() {
        UsageException ex = assertThrows(UsageException.class, () -> enc(PgTypes.INT2, 70000));
        assertTrue(ex.getMessage().contains("int2"), ex.getMessage());
        assertThrows(UsageException.class, () -> enc(PgTypes.INT4, 1L << 40));
        assertThrows(UsageException.class, () -> enc(PgTypes.OID, -1));
        assertThrows(UsageException.class, () -> enc(PgTypes.INT8, BigInteger.ONE.shiftLeft(64)));
    }

    @Test
    void stringsForNonTextTypesGoAsTextForTheServerToParse() {
        for (int oid : new int[] {PgTypes.UUID, PgTypes.DATE, PgTypes.NUMERIC, PgTypes.INT4,
            PgTypes.TIMESTAMPTZ, ENUM_OID}) {
            Encoded e = enc(oid, "some text");
            assertEquals(new ParamEncoding(oid, PgFormat.TEXT), e.enc(), PgTypes.name(oid));
            assertEquals("some text", e.text());
        }
        // text-like types take strings in binary (the same bytes)
        Encoded t = enc(PgTypes.VARCHAR, "h\u00e9");
        assertEquals(PgFormat.BINARY, t.enc().format());
        assertEquals("68c3a9", t.hex());
        assertEquals("0168c3a9", enc(PgTypes.JSONB, "h\u00e9").hex()); // version byte 1
    }

    @Test
    void enumsGoAsTheirName() {
        assertEquals(new ParamEncoding(ENUM_OID, PgFormat.TEXT), enc(ENUM_OID, Mood.SAD).enc());
        assertEquals("SAD", enc(ENUM_OID, Mood.SAD).text());
        assertEquals(new ParamEncoding(PgTypes.TEXT, PgFormat.BINARY), enc(PgTypes.TEXT, Mood.HAPPY).enc());
        // unknown parameter type: 'unknown' text so the server infers the enum type
        assertEquals(new ParamEncoding(PgTypes.UNKNOWN, PgFormat.TEXT), enc(0, Mood.HAPPY).enc());
        assertFalse(reg.forValue(Mood.HAPPY).supportsBinary());
    }

    @Test
    void unconvertibleValuesNameBothTypes() {
        UsageException ex = assertThrows(UsageException.class, () -> enc(PgTypes.INT4, LocalDate.of(2024, 1, 1)));
        assertTrue(ex.getMessage().contains("int4") && ex.getMessage().contains("java.time.LocalDate"), ex.getMessage());
        assertThrows(UsageException.class, () -> enc(PgTypes.UUID, 5));
        assertThrows(UsageException.class, () -> enc(PgTypes.JSON, 5));
        assertThrows(UsageException.class, () -> enc(PgTypes.TIMESTAMP, Instant.EPOCH));
        assertThrows(UsageException.class, () -> enc(PgTypes.BOOL, 1));
        assertThrows(UsageException.class, () -> enc(PgTypes.INT4, null));
        assertThrows(UsageException.class, () -> reg.forValue(new Object()));
    }

    @Test
    void localDateTimeForTimestamptzIsTextWithoutOffset() {
        Encoded e = enc(PgTypes.TIMESTAMPTZ, LocalDateTime.of(2024, 6, 1, 12, 34, 56, 123_456_789));
        assertEquals(PgFormat.TEXT, e.enc().format());
        assertEquals("2024-06-01 12:34:56.123457", e.text());
    }

    @Test
    void forValueFollowsTheJavaClass() {
        assertEquals(PgTypes.INT4, reg.forValue(1).oid());
        assertEquals(PgTypes.INT8, reg.forValue(1L).oid());
        assertEquals(PgTypes.TEXT, reg.forValue("x").oid());
        assertEquals(PgTypes.NUMERIC, reg.forValue(BigDecimal.ONE).oid());
        assertEquals(PgTypes.BYTEA, reg.forValue(new byte[1]).oid());
        assertEquals(PgTypes.TIMESTAMPTZ, reg.forValue(Instant.EPOCH).oid());
        assertEquals(PgTypes.INTERVAL, reg.forValue(Duration.ZERO).oid());
        assertEquals(PgTypes.INTERVAL, reg.forValue(Period.ZERO).oid());
        assertEquals(PgTypes.INET, reg.forValue(InetAddress.getLoopbackAddress()).oid());
        assertEquals(PgTypes.UUID, reg.forValue(new UUID(1, 2)).oid());
        assertEquals(PgTypes.INT4_ARRAY, reg.forValue(List.of(1, 2)).oid());
        assertEquals(PgTypes.INT4_ARRAY, reg.forValue(new int[] {1}).oid());
        assertEquals(PgTypes.INT4_ARRAY, reg.forValue(new Integer[0]).oid()); // from the component type
        assertEquals(PgTypes.INT8_ARRAY, reg.forValue(new long[][] {{1}}).oid());
        assertEquals(PgTypes.DATE_ARRAY, reg.forValue(Arrays.asList(null, LocalDate.EPOCH)).oid());
        assertEquals(PgTypes.TEXT_ARRAY, reg.forValue(List.of()).oid());
        assertEquals(PgTypes.TEXT_ARRAY, reg.forValue(List.of(Mood.SAD)).oid());
        assertEquals(PgTypes.BYTEA_ARRAY, reg.forValue(new byte[][] {{1}}).oid());
    }

    @Test
    void arraysMatchTheServersBytes() {
        assertArrayEquals(golden("_int4.nulls"), enc(0, Arrays.asList(1, null, 3)).bytes());
        assertArrayEquals(golden("_int4.nulls"), enc(PgTypes.INT4_ARRAY, new Integer[] {1, null, 3}).bytes());
        assertArrayEquals(golden("_int4.2d"), enc(PgTypes.INT4_ARRAY, new int[][] {{1, 2}, {3, 4}}).bytes());
        assertArrayEquals(golden("_int4.2d"), enc(0, List.of(List.of(1, 2), List.of(3, 4))).bytes());
        assertArrayEquals(golden("_int4.empty"), enc(PgTypes.INT4_ARRAY, List.of()).bytes());
        assertArrayEquals(golden("_int4.3d"), enc(0, new Integer[][][] {{{1, 2}}, {{3, null}}}).bytes());
        assertArrayEquals(golden("_text.quotes"), enc(0, Arrays.asList("a b", "c\"d", "x\\y", null, "NULL", "",
                "comma,here", "{brace}", " sp ", "h\u00e9 \uD83D\uDE00")).bytes());
        assertArrayEquals(golden("_bool.x"), enc(0, new Boolean[] {true, false, null}).bytes());
        assertArrayEquals(golden("_int8.x"), enc(PgTypes.INT8_ARRAY, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}).bytes());
    }

    @Test
    void arrayElementTypeComesFromTheServer() {
        Encoded e = enc(PgTypes.INT8_ARRAY, List.of(1, 2));
        assertEquals(new ParamEncoding(PgTypes.INT8_ARRAY, PgFormat.BINARY), e.enc());
        assertEquals("00000001" + "00000000" + "00000014" + "00000002" + "00000001"
                + "00000008" + "0000000000000001" + "00000008" + "0000000000000002", e.hex());
    }

    @Test
    void stringElementsOfNonTextArraysGoAsATextLiteral() {
        String u = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
        Encoded e = enc(PgTypes.UUID_ARRAY, Arrays.asList(u, null));
        assertEquals(new ParamEncoding(PgTypes.UUID_ARRAY, PgFormat.TEXT), e.enc());
        assertEquals("{\"" + u + "\",NULL}", e.text());
        Object back = reg.forOid(PgTypes.UUID_ARRAY).decodeText(e.bytes(), 0, e.bytes().length);
        assertArrayEquals(new UUID[] {UUID.fromString(u), null}, (Object[]) back);
        // mixed typed and string elements
        Encoded d = enc(PgTypes.DATE_ARRAY, List.of(LocalDate.of(2024, 1, 2), "infinity"));
        assertEquals("{\"2024-01-02\",\"infinity\"}", d.text());
        // user enum arrays (no codec for the array type): a text literal of the natural element text
        Encoded m = enc(16501, List.of(Mood.HAPPY, Mood.SAD));
        assertEquals(new ParamEncoding(16501, PgFormat.TEXT), m.enc());
        assertEquals("{\"HAPPY\",\"SAD\"}", m.text());
        assertThrows(UsageException.class, () -> enc(PgTypes.INT4_ARRAY, List.of(LocalDate.EPOCH)));
    }

    @Test
    void raggedOrTooDeepArraysAreUsageErrors() {
        assertThrows(UsageException.class, () -> enc(PgTypes.INT4_ARRAY, List.of(List.of(1, 2), List.of(3))));
        assertThrows(UsageException.class, () -> enc(PgTypes.INT4_ARRAY, Arrays.asList(List.of(1), 2)));
        assertThrows(UsageException.class, () -> enc(0, List.of(List.of(1), 2)));
        Object deep = 1;
        for (int i = 0; i < 7; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThrows(UsageException.class, () -> enc(PgTypes.INT4_ARRAY, tooDeep));
        assertThrows(UsageException.class, () -> enc(0, tooDeep));
    }

    @Test
    void numericEncodingsMatchTheServer() {
        assertArrayEquals(golden("numeric.10000"), enc(PgTypes.NUMERIC, new BigDecimal("1E+4")).bytes());
        assertArrayEquals(golden("numeric.10000"), enc(PgTypes.NUMERIC, BigInteger.valueOf(10000)).bytes());
        assertArrayEquals(golden("numeric.10000"), enc(PgTypes.NUMERIC, 10000).bytes());
        assertArrayEquals(golden("numeric.nan"), enc(PgTypes.NUMERIC, Float.NaN).bytes());
        assertArrayEquals(golden("numeric.ninf"), enc(PgTypes.NUMERIC, Double.NEGATIVE_INFINITY).bytes());
        assertArrayEquals(golden("numeric.negzero"), enc(PgTypes.NUMERIC, new BigDecimal("-0.000")).bytes());
        assertEquals(new BigDecimal("0.1"), reg.forOid(PgTypes.NUMERIC).decodeBinary(enc(0, BigDecimal.valueOf(0.1)).bytes(),
                0, 10));
        assertThrows(UsageException.class, () -> enc(PgTypes.NUMERIC, new BigDecimal("1E-20000")));
        assertThrows(UsageException.class, () -> enc(PgTypes.NUMERIC, new BigDecimal("1E+200000")));
    }

    @Test
    void timeAndIntervalConversions() {
        assertArrayEquals(golden("time.24"), enc(PgTypes.TIME, LocalTime.MAX).bytes());
        assertEquals("0000000000000001", enc(PgTypes.TIME, LocalTime.ofNanoOfDay(500)).hex()); // rounds half up
        assertArrayEquals(golden("interval.negsec"), enc(0, Duration.ofSeconds(-1)).bytes());
        assertArrayEquals(golden("interval.negym"), enc(PgTypes.INTERVAL, Period.of(-1, -2, 0)).bytes());
        assertArrayEquals(golden("timestamptz.micros"),
                enc(0, Instant.parse("2024-06-01T12:34:56.123456Z")).bytes());
        assertArrayEquals(golden("timestamptz.micros"),
                enc(0, Instant.parse("2024-06-01T12:34:56.123456Z").atZone(java.time.ZoneId.of("Asia/Tokyo"))).bytes());
        assertArrayEquals(golden("date.inf"), enc(0, LocalDate.MAX).bytes());
        assertThrows(UsageException.class, () -> enc(0, LocalDateTime.of(999_999_999, 1, 1, 0, 0)));
    }

    @Test
    void registryLifecycle() {
        PgCodec mood = new TextOnlyCodec(ENUM_OID, "mood", v -> v instanceof Mood m ? m.name().toLowerCase() : null);
        CodecRegistry base = CodecRegistry.defaults();
        CodecRegistry with = base.withCodec(mood);
        assertSame(mood, with.forOid(ENUM_OID));
        assertFalse(base.forOid(ENUM_OID) == mood); // unchanged
        assertEquals(String.class, base.forOid(ENUM_OID).javaType()); // fallback
        assertFalse(base.binaryDecodable(ENUM_OID));
        assertTrue(base.binaryDecodable(PgTypes.TEXT_ARRAY));
        assertSame(mood, with.forValue(Mood.SAD)); // user codecs serve classes not built in
        assertEquals(PgTypes.INT4, with.forValue(1).oid()); // ... but not built-in classes

        base.register(mood).registerArray(16501, ENUM_OID);
        assertSame(mood, base.forOid(ENUM_OID));
        byte[] lit = "{happy,sad}".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(new String[] {"happy", "sad"}, (Object[]) base.forOid(16501).decodeText(lit, 0, lit.length));
        assertFalse(base.binaryDecodable(16501));
        assertEquals(16501, base.forValue(List.of(Mood.SAD)).oid());

        // replacing a built-in
        PgCodec myText = new TextOnlyCodec(PgTypes.TEXT, "text", Object::toString);
        assertSame(myText, CodecRegistry.defaults().register(myText).forOid(PgTypes.TEXT));
        assertEquals(2, base.forOids(new int[] {PgTypes.INT4, ENUM_OID}).length);
    }

    @Test
    void voidDecodesToNull() {
        PgCodec v = reg.forOid(PgTypes.VOID);
        assertEquals(null, v.decodeBinary(new byte[0], 0, 0));
        assertEquals(null, v.decodeText(new byte[0], 0, 0));
    }

    @Test
    void listsOfListsAndPrimitiveArrays() {
        List<Object> l = new ArrayList<>();
        l.add(new double[] {1.5});
        l.add(new double[] {Double.NaN});
        Encoded e = enc(0, l);
        assertEquals(PgTypes.FLOAT8_ARRAY, e.enc().oid());
        Object back = reg.forOid(PgTypes.FLOAT8_ARRAY).decodeBinary(e.bytes(), 0, e.bytes().length);
        assertArrayEquals(new Double[][] {{1.5}, {Double.NaN}}, (Object[]) back);
    }
}
