package io.sluice.postgres.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.UsageException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** Text-form details beyond the golden cases, and the value records. */
class TextFormsTest {
    private static final CodecRegistry REG = CodecRegistry.defaults();

    private static Object text(int oid, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return REG.forOid(oid).decodeText(b, 0, b.length);
    }

    @Test
    void arrayLiterals() {
        assertArrayEquals(new String[] {"a", null, "NULL", "null", "x,y"},
                (Object[]) text(PgTypes.TEXT_ARRAY, "{a,NULL,\"NULL\",\"null\",\"x,y\"}"));
        assertArrayEquals(new String[] {"a\"b", "c\\d"}, (Object[]) text(PgTypes.TEXT_ARRAY, "{\"a\\\"b\",\"c\\\\d\"}"));
        assertArrayEquals(new String[] {null}, (Object[]) text(PgTypes.TEXT_ARRAY, "{null}"));
        assertArrayEquals(new Integer[][] {{1, 2}, {3, 4}}, (Object[]) text(PgTypes.INT4_ARRAY, "[0:1][5:6]={{1,2},{3,4}}"));
        assertArrayEquals(new Integer[0], (Object[]) text(PgTypes.INT4_ARRAY, "{}"));
        assertArrayEquals(new Integer[0], (Object[]) text(PgTypes.INT4_ARRAY, "{{}}"));
        assertArrayEquals(new byte[][] {{1, 2}}, (Object[]) text(PgTypes.BYTEA_ARRAY, "{\"\\\\x0102\"}"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.INT4_ARRAY, "{1,x}"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.INT4_ARRAY, "{{1,2},{3}}"));
    }

    @Test
    void arrayLiteralsWeWriteParseBack() {
        ArrayCodec c = (ArrayCodec) REG.forOid(PgTypes.TEXT_ARRAY);
        String[][] v = {{"a\"b", null}, {"\\", "{,}"}};
        String lit = c.encodeText(v);
        assertEquals("{{\"a\\\"b\",NULL},{\"\\\\\",\"{,}\"}}", lit);
        assertArrayEquals(v, (Object[]) text(PgTypes.TEXT_ARRAY, lit));
    }

    @Test
    void byteaEscapeFormat() {
        assertArrayEquals(new byte[] {'a', '\\', 0, (byte) 0xff}, (byte[]) text(PgTypes.BYTEA, "a\\\\\\000\\377"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.BYTEA, "\\400"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.BYTEA, "\\x0"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.BYTEA, "\\xzz"));
    }

    @Test
    void intervalText() {
        assertEquals(new PgInterval(0, 0, 3_600_000_000L), text(PgTypes.INTERVAL, "+01:00:00"));
        assertEquals(new PgInterval(-12, 5, -1), text(PgTypes.INTERVAL, "-1 years +5 days -00:00:00.000001"));
        assertEquals(PgInterval.INFINITY, text(PgTypes.INTERVAL, "infinity"));
        assertEquals(PgInterval.NEG_INFINITY, text(PgTypes.INTERVAL, "-infinity"));
        for (String bad : new String[] {"", "1 hour", "1 day 1 year", "1 day 1 day", "00:00:00 1 day",
            "1day", "99999999999 years", "00:60:00", "1 mons 2"}) {
            assertThrows(ProtocolException.class, () -> text(PgTypes.INTERVAL, bad), bad);
        }
    }

    @Test
    void intervalConversions() {
        PgInterval i = new PgInterval(0, 2, -1_500_000);
        assertEquals(Duration.ofDays(2).minusMillis(1500), i.toDuration());
        assertThrows(UsageException.class, () -> new PgInterval(1, 0, 0).toDuration());
        assertThrows(UsageException.class, () -> PgInterval.INFINITY.toDuration());
        assertEquals(Period.of(1, 2, 3), new PgInterval(14, 3, 0).toPeriod());
        assertEquals(Period.of(-1, -2, 0), new PgInterval(-14, 0, 0).toPeriod());
        assertThrows(UsageException.class, () -> new PgInterval(14, 3, 1).toPeriod());
        assertEquals(new PgInterval(0, 0, 1), PgInterval.of(Duration.ofNanos(500)));
        assertEquals("infinity", PgInterval.INFINITY.toString());
        assertEquals("-infinity", PgInterval.NEG_INFINITY.toString());
        assertEquals("00:00:00", PgInterval.ZERO.toString());
    }

    @Test
    void infiniteIntervalBinaryIsTheConstant() {
        byte[] b = new io.sluice.core.wire.ByteWriter().i64be(Long.MAX_VALUE).i32be(Integer.MAX_VALUE)
                .i32be(Integer.MAX_VALUE).toByteArray();
        assertEquals(PgInterval.INFINITY, REG.forOid(PgTypes.INTERVAL).decodeBinary(b, 0, b.length));
    }

    @Test
    void inetParsingNeverResolvesNames() throws Exception {
        assertNull(PgInet.parse("localhost", false));
        assertNull(PgInet.parse("1.2.3", false));
        assertNull(PgInet.parse("1.2.3.256", false));
        assertNull(PgInet.parse("1:2:3:4:5:6:7:8:9", false));
        assertNull(PgInet.parse("1::2::3", false));
        assertNull(PgInet.parse("1.2.3.4/33", false));
        assertNull(PgInet.parse("::/129", false));
        assertEquals("1:2:3:4:5:6:7:8", PgInet.parse("1:2:3:4:5:6:7:8", false).toString());
        assertEquals("::1.2.3.4", PgInet.parse("::1.2.3.4", false).toString());
        assertEquals("::102", PgInet.parse("::0.0.1.2", false).toString());
        assertEquals("::2", PgInet.parse("::2", false).toString());
        assertEquals("abcd::", PgInet.parse("ABCD::", false).toString());
        assertEquals("::ffff:0.1.0.2", PgInet.parse("::ffff:1:2", false).toString());
        assertEquals("::1:0:1", PgInet.parse("0:0:0:0:0:1:0:1", false).toString());
        assertEquals("0:1:2:3:4:5:6:7", PgInet.parse("::1:2:3:4:5:6:7", false).toString());
        assertEquals("1:2:3:4:5:6:7:0", PgInet.parse("1:2:3:4:5:6:7::", false).toString());
        assertEquals("10.0.0.1", PgInet.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 1})).toString());
        assertEquals("10.0.0.1/32",
                new PgInet(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 32, true).toString());
        assertThrows(UsageException.class, () -> new PgInet(InetAddress.getByAddress(new byte[4]), 33, false));
    }

    @Test
    void numericScaleAndSpecials() {
        assertEquals(new BigDecimal("1.50"), text(PgTypes.NUMERIC, "1.50"));
        assertEquals(Double.NaN, text(PgTypes.NUMERIC, "NaN"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.NUMERIC, "nan"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.NUMERIC, ""));
    }

    @Test
    void dateStylesOtherThanIsoAreRejected() {
        assertThrows(ProtocolException.class, () -> text(PgTypes.DATE, "01/02/2024"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.TIMESTAMP, "Mon Jan 01 00:00:00 2024"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.DATE, "2024-02-30"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.TIMESTAMP, "2024-01-01 24:00:00"));
        assertThrows(ProtocolException.class, () -> text(PgTypes.TIME, "25:00:00"));
    }
}
