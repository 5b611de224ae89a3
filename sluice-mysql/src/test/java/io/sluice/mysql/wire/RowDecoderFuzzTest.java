package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.WireBytes.cat;
import static io.sluice.mysql.wire.WireBytes.col;
import static io.sluice.mysql.wire.WireBytes.hex;
import static io.sluice.mysql.wire.WireBytes.str;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.error.DataException;
import io.sluice.core.error.ProtocolException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncation and mutation fuzzing: a hostile or broken server may only produce our typed errors. */
class RowDecoderFuzzTest {
    static final int UNSIGNED = 0x20;

    static final ColumnDefinition[] COLS = {
        col("tiny", ColumnType.TINY), col("short", ColumnType.SHORT), col("int24", ColumnType.INT24),
        col("long", ColumnType.LONG), col("ulong", ColumnType.LONGLONG, UNSIGNED, 63),
        col("float", ColumnType.FLOAT), col("double", ColumnType.DOUBLE), col("dec", ColumnType.NEWDECIMAL),
        col("date", ColumnType.DATE), col("dt", ColumnType.DATETIME), col("ts", ColumnType.TIMESTAMP),
        col("time", ColumnType.TIME), col("year", ColumnType.YEAR, UNSIGNED, 63), col("bit", ColumnType.BIT),
        col("s", ColumnType.VAR_STRING, 0, 45), col("blob", ColumnType.BLOB, 0x90, 63),
        col("json", ColumnType.JSON, 0x90, 63), col("geo", ColumnType.GEOMETRY, 0x90, 63),
        col("nul", ColumnType.NULL), col("gbk", ColumnType.VAR_STRING, 0, 28)};

    static final byte[] TEXT_ROW = cat(str("-1"), str("300"), str("-70000"), str("123456"),
            str("18446744073709551615"), str("1.5"), str("-2.5e-3"), str("12345.678"), str("2024-02-29"),
            str("2024-01-02 03:04:05.123456"), str("2024-07-01 12:00:00"), str("-838:59:59.000000"),
            str("2024"), hex("02 01 ff"), str("h\u00e9 \uD83D\uDE00"), hex("03 00 01 02"), str("{\"a\":1}"),
            hex("05 00 00 00 00 01"), hex("fb"), hex("02 d6 d0"));

    // 20 columns -> bitmap (20 + 9) / 8 = 3 bytes; only "nul" (index 18, bit 20) is NULL -> byte 2 bit 4.
    static final byte[] BINARY_ROW = cat(hex("00  00 00 10"), hex("ff"), hex("2c 01"), hex("90 ee fe ff"),
            hex("40 e2 01 00"), hex("ff ff ff ff ff ff ff ff"), hex("00 00 c0 3f"), hex("00 00 00 00 00 00 04 40"),
            str("12345.678"), hex("04 e8 07 02 1d"), hex("0b e8 07 01 02 03 04 05 40 e2 01 00"),
            hex("07 e8 07 07 01 0c 00 00"), hex("08 01 22 00 00 00 16 3b 3b"), hex("e8 07"), hex("02 01 ff"),
            str("h\u00e9 \uD83D\uDE00"), hex("03 00 01 02"), str("{\"a\":1}"), hex("05 00 00 00 00 01"),
            hex("02 d6 d0"));

    static final DecodeContext NULL_DATES = RowDecoderTextTest.UTC_NULL;
    static final DecodeContext ERROR_DATES = RowDecoderTextTest.UTC_ERROR;

    @Test
    void validRowsDecode() {
        Object[] t = RowDecoder.text(COLS, ERROR_DATES).decode(TEXT_ROW);
        Object[] b = RowDecoder.binary(COLS, ERROR_DATES).decode(BINARY_ROW);
        for (int i = 0; i < COLS.length; i++) {
            if (t[i] instanceof byte[] tb) {
                if (!Arrays.equals(tb, (byte[]) b[i])) {
                    fail("column " + i);
                }
            } else if (i != 5 && i != 6 && !java.util.Objects.equals(t[i], b[i])) { // floats differ on purpose
                fail("column " + COLS[i].name() + ": " + t[i] + " vs " + b[i]);
            }
        }
    }

    @Test
    void everyPrefixDecodesOrThrowsProtocolException() {
        for (boolean binary : new boolean[] {false, true}) {
            byte[] full = binary ? BINARY_ROW : TEXT_ROW;
            RowDecoder d = binary ? RowDecoder.binary(COLS, NULL_DATES) : RowDecoder.text(COLS, NULL_DATES);
            for (int n = 0; n < full.length; n++) {
                byte[] prefix = Arrays.copyOf(full, n);
                try {
                    d.decode(prefix);
                } catch (ProtocolException expected) {
                    assertNotBackstop(expected);
                } catch (RuntimeException e) {
                    throw new AssertionError((binary ? "binary" : "text") + " prefix " + n + " threw " + e, e);
                }
            }
        }
    }

    @Test
    void randomMutationsOnlyRaiseTypedErrors() {
        Random rnd = new Random(0x5EED);
        for (int iter = 0; iter < 40_000; iter++) {
            boolean binary = (iter & 1) == 1;
            byte[] base = binary ? BINARY_ROW : TEXT_ROW;
            byte[] m = mutate(base, rnd);
            DecodeContext ctx = rnd.nextBoolean() ? NULL_DATES : ERROR_DATES;
            RowDecoder d = binary ? RowDecoder.binary(COLS, ctx) : RowDecoder.text(COLS, ctx);
            try {
                d.decode(m);
            } catch (ProtocolException expected) {
                assertNotBackstop(expected);
            } catch (DataException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + iter + " input " + java.util.HexFormat.of().formatHex(m)
                        + " threw " + e, e);
            }
        }
    }

    @Test
    void randomBytesForRandomColumnTypes() {
        Random rnd = new Random(42);
        ColumnType[] types = ColumnType.values();
        for (int iter = 0; iter < 20_000; iter++) {
            ColumnDefinition[] cols = new ColumnDefinition[1 + rnd.nextInt(12)];
            for (int i = 0; i < cols.length; i++) {
                int collation = new int[] {63, 45, 8, 28, 13, 35, 5000}[rnd.nextInt(7)];
                cols[i] = col("c" + i, types[rnd.nextInt(types.length)], rnd.nextInt(0x10000), collation);
            }
            byte[] junk = new byte[rnd.nextInt(40)];
            rnd.nextBytes(junk);
            if (junk.length > 0 && rnd.nextBoolean()) {
                junk[0] = 0;
            }
            for (RowDecoder d : new RowDecoder[] {RowDecoder.text(cols, ERROR_DATES), RowDecoder.binary(cols, NULL_DATES)}) {
                try {
                    d.decode(junk);
                } catch (ProtocolException expected) {
                    assertNotBackstop(expected);
                } catch (DataException expected) {
                    // fine
                } catch (RuntimeException e) {
                    throw new AssertionError("iteration " + iter + " threw " + e, e);
                }
            }
        }
    }

    /**
     * RowDecoder turns any stray RuntimeException into a ProtocolException as a last line of defence;
     * the fuzzer insists that defence never fires, i.e. every error was raised deliberately.
     */
    private static void assertNotBackstop(ProtocolException e) {
        if (e.getCause() != null && !(e.getCause() instanceof ProtocolException)) {
            throw new AssertionError("decoder leaked " + e.getCause(), e.getCause());
        }
    }

    private static byte[] mutate(byte[] base, Random rnd) {
        byte[] m = base.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(4)) {
                case 0 -> m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                case 1 -> m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> { // delete a byte
                    int at = rnd.nextInt(m.length);
                    byte[] n = new byte[m.length - 1];
                    System.arraycopy(m, 0, n, 0, at);
                    System.arraycopy(m, at + 1, n, at, m.length - at - 1);
                    m = n.length == 0 ? m : n;
                }
                default -> { // insert a byte
                    int at = rnd.nextInt(m.length + 1);
                    byte[] n = new byte[m.length + 1];
                    System.arraycopy(m, 0, n, 0, at);
                    n[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(m, at, n, at + 1, m.length - at);
                    m = n;
                }
            }
        }
        return m;
    }
}
