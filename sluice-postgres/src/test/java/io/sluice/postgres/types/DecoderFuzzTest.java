package io.sluice.postgres.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Truncated, mutated and hostile input: decoders return a value or throw ProtocolException, nothing else. */
class DecoderFuzzTest {
    private static final CodecRegistry REG = CodecRegistry.defaults();
    private static final int[] ALL_OIDS = {
        PgTypes.BOOL, PgTypes.BYTEA, PgTypes.CHAR, PgTypes.NAME, PgTypes.INT8, PgTypes.INT2, PgTypes.INT4, PgTypes.TEXT,
        PgTypes.OID, PgTypes.JSON, PgTypes.CIDR, PgTypes.FLOAT4, PgTypes.FLOAT8, PgTypes.UNKNOWN, PgTypes.INET,
        PgTypes.BPCHAR, PgTypes.VARCHAR, PgTypes.DATE, PgTypes.TIME, PgTypes.TIMESTAMP, PgTypes.TIMESTAMPTZ,
        PgTypes.INTERVAL, PgTypes.TIMETZ, PgTypes.NUMERIC, PgTypes.UUID, PgTypes.JSONB, PgTypes.VOID,
        PgTypes.BOOL_ARRAY, PgTypes.INT4_ARRAY, PgTypes.TEXT_ARRAY, PgTypes.NUMERIC_ARRAY, PgTypes.INET_ARRAY,
        PgTypes.INTERVAL_ARRAY, PgTypes.TIMESTAMPTZ_ARRAY, PgTypes.BYTEA_ARRAY, PgTypes.UUID_ARRAY, 16500,
    };

    private static void onlyProtocolErrors(String what, Supplier<Object> decode) {
        try {
            decode.get();
        } catch (ProtocolException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
        } catch (Throwable t) {
            fail(what + ": " + t, t);
        }
    }

    private static void both(PgCodec c, byte[] b, String what) {
        onlyProtocolErrors(what + " binary " + HexFormat.of().formatHex(b), () -> c.decodeBinary(b, 0, b.length));
        onlyProtocolErrors(what + " text " + HexFormat.of().formatHex(b), () -> c.decodeText(b, 0, b.length));
    }

    @Test
    void truncationsOfEveryGoldenValue() {
        for (Golden.Case g : Golden.CASES.values()) {
            PgCodec c = REG.forOid(g.oid());
            for (int n = 0; n < g.binary().length; n++) {
                byte[] b = Arrays.copyOf(g.binary(), n);
                onlyProtocolErrors(g.key() + " binary[0," + n + ")", () -> c.decodeBinary(b, 0, b.length));
            }
            for (int n = 0; n < g.text().length; n++) {
                byte[] t = Arrays.copyOf(g.text(), n);
                onlyProtocolErrors(g.key() + " text[0," + n + ")", () -> c.decodeText(t, 0, t.length));
            }
        }
    }

    @Test
    void fixedWidthTruncationsAreRejected() {
        for (String key : new String[] {"int4.max", "int8.min", "uuid.x", "timestamp.micros", "interval.full",
            "timetz.plus2", "date.epoch", "float8.0_1", "_int4.2d", "numeric.big", "inet.v6prefix"}) {
            Golden.Case g = Golden.get(key);
            PgCodec c = REG.forOid(g.oid());
            byte[] b = Arrays.copyOf(g.binary(), g.binary().length - 1);
            assertThrows(ProtocolException.class, () -> c.decodeBinary(b, 0, b.length), key);
            byte[] longer = Arrays.copyOf(g.binary(), g.binary().length + 1);
            assertThrows(ProtocolException.class, () -> c.decodeBinary(longer, 0, longer.length), key + " +1");
        }
    }

    @Test
    void randomMutationsOfEveryGoldenValue() {
        Random rnd = new Random(20240601);
        for (Golden.Case g : Golden.CASES.values()) {
            PgCodec c = REG.forOid(g.oid());
            for (int i = 0; i < 300; i++) {
                both(c, mutate(rnd, g.binary()), g.key());
                both(c, mutate(rnd, g.text()), g.key());
            }
        }
    }

    private static byte[] mutate(Random rnd, byte[] src) {
        byte[] b = src.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int op = rnd.nextInt(4);
            if (b.length == 0 || op == 3) {
                int at = b.length == 0 ? 0 : rnd.nextInt(b.length + 1);
                byte[] x = new byte[b.length + 1];
                System.arraycopy(b, 0, x, 0, at);
                x[at] = interesting(rnd);
                System.arraycopy(b, at, x, at + 1, b.length - at);
                b = x;
            } else if (op == 2) {
                int at = rnd.nextInt(b.length);
                byte[] x = new byte[b.length - 1];
                System.arraycopy(b, 0, x, 0, at);
                System.arraycopy(b, at + 1, x, at, b.length - at - 1);
                b = x;
            } else {
                b[rnd.nextInt(b.length)] = op == 0 ? interesting(rnd) : (byte) rnd.nextInt(256);
            }
        }
        return b;
    }

    private static byte interesting(Random rnd) {
        byte[] v = {0, 1, -1, 0x7f, (byte) 0x80, '{', '}', '"', '\\', ',', ':', '-', '.', '/', ' ', '[', ']', '=', '9'};
        return v[rnd.nextInt(v.length)];
    }

    @Test
    void randomGarbageForEveryCodec() {
        Random rnd = new Random(7);
        for (int oid : ALL_OIDS) {
            PgCodec c = REG.forOid(oid);
            for (int i = 0; i < 2000; i++) {
                byte[] b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
                both(c, b, PgTypes.name(oid));
            }
        }
    }

    @Test
    void hostileArrayHeadersFailBeforeAllocating() {
        PgCodec c = REG.forOid(PgTypes.INT4_ARRAY);
        // 6 dimensions of 2^31-1 elements in a 60-byte value
        ByteWriter w = new ByteWriter().i32be(6).i32be(0).i32be(PgTypes.INT4);
        for (int i = 0; i < 6; i++) {
            w.i32be(Integer.MAX_VALUE).i32be(1);
        }
        byte[] big = w.toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(big, 0, big.length));
        byte[] seven = new ByteWriter().i32be(7).i32be(0).i32be(PgTypes.INT4).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(seven, 0, seven.length));
        byte[] negDim = new ByteWriter().i32be(1).i32be(0).i32be(PgTypes.INT4).i32be(-1).i32be(1).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(negDim, 0, negDim.length));
        byte[] wrongElem = new ByteWriter().i32be(1).i32be(0).i32be(PgTypes.INT8).i32be(1).i32be(1)
                .i32be(8).i64be(1).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(wrongElem, 0, wrongElem.length));
        byte[] lyingLen = new ByteWriter().i32be(1).i32be(0).i32be(PgTypes.INT4).i32be(1).i32be(1)
                .i32be(1_000_000).i32be(5).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(lyingLen, 0, lyingLen.length));
        byte[] badFlag = new ByteWriter().i32be(0).i32be(2).i32be(PgTypes.INT4).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(badFlag, 0, badFlag.length));
        // a zero dimension is the empty array
        byte[] zero = new ByteWriter().i32be(2).i32be(0).i32be(PgTypes.INT4).i32be(3).i32be(1).i32be(0).i32be(1)
                .toByteArray();
        assertEquals(0, ((Object[]) c.decodeBinary(zero, 0, zero.length)).length);
    }

    @Test
    void hostileTextArrays() {
        PgCodec c = REG.forOid(PgTypes.TEXT_ARRAY);
        for (String s : new String[] {"{".repeat(10_000), "{".repeat(7) + "}".repeat(7), "{{a},b}", "{{a},{b,c}}",
            "{a", "{\"a}", "{a\\", "[1:2={a}", "[1:2]{a}", "{}x", "", "{,}", "{a,}", "x"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertThrows(ProtocolException.class, () -> c.decodeText(b, 0, b.length), s.length() > 40 ? "deep" : s);
        }
    }

    @Test
    void hostileNumerics() {
        PgCodec c = REG.forOid(PgTypes.NUMERIC);
        byte[] lying = new ByteWriter().u16be(0xffff).u16be(0).u16be(0).u16be(0).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(lying, 0, lying.length));
        byte[] badDigit = new ByteWriter().u16be(1).u16be(0).u16be(0).u16be(0).u16be(10000).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(badDigit, 0, badDigit.length));
        byte[] badSign = new ByteWriter().u16be(0).u16be(0).u16be(0x1234).u16be(0).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(badSign, 0, badSign.length));
        byte[] bigDscale = new ByteWriter().u16be(0).u16be(0).u16be(0).u16be(0x4000).toByteArray();
        assertThrows(ProtocolException.class, () -> c.decodeBinary(bigDscale, 0, bigDscale.length));
        byte[] hugeExp = "1e99999999999".getBytes(StandardCharsets.US_ASCII);
        assertThrows(ProtocolException.class, () -> c.decodeText(hugeExp, 0, hugeExp.length));
    }
}
