package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.WireBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** COM_STMT_EXECUTE payloads (page_protocol_com_stmt_execute.html), expected bytes written by hand. */
class StmtExecuteTest {
    static final EncodeContext UTF8 = new EncodeContext(ZoneId.of("UTC"), StandardCharsets.UTF_8);

    private static byte[] encode(long id, EncodeContext ctx, Object... params) {
        ByteWriter w = new ByteWriter();
        StmtExecute.encode(w, id, params, ctx);
        return w.toByteArray();
    }

    private static final String HEAD_ID1 = "17 01 00 00 00 00 01 00 00 00"; // 0x17, id 1, no cursor, 1 iteration

    @Test
    void noParameters() {
        assertArrayEquals(hex(HEAD_ID1), encode(1, UTF8));
    }

    @Test
    void intStringNullBoolean() {
        assertArrayEquals(hex("""
                17 02 01 00 00 00 01 00 00 00
                04
                01
                03 00  fd 00  06 00  01 00
                2a 00 00 00
                03 61 62 63
                01
                """), encode(0x0102, UTF8, 42, "abc", null, true));
    }

    @Test
    void integersBigNumbersAndFloatingPoint() {
        assertArrayEquals(hex(HEAD_ID1 + """
                00 00
                01
                01 00  02 00  08 00  08 80  f6 00  f6 00  05 00  04 00  08 80
                fe
                d4 fe
                ff ff ff ff ff ff ff ff
                ff ff ff ff ff ff ff ff
                02 2d 35
                04 31 2e 35 30
                00 00 00 00 00 00 04 40
                cd cc 8c 3f
                07 00 00 00 00 00 00 00
                """), encode(1, UTF8, (byte) -2, (short) -300, -1L, new BigInteger("18446744073709551615"),
                BigInteger.valueOf(-5), new BigDecimal("1.50"), 2.5, 1.1f, BigInteger.valueOf(7)));
    }

    @Test
    void bigIntegerOutsideUnsigned64IsDecimalText() {
        assertArrayEquals(hex(HEAD_ID1 + "00 01 f6 00 14 3138343436373434303733373039353531363136"),
                encode(1, UTF8, new BigInteger("18446744073709551616")));
        assertArrayEquals(hex(HEAD_ID1 + "00 01 f6 00 04 31 30 30 30"),
                encode(1, UTF8, new BigDecimal("1E+3")));
    }

    @Test
    void temporals() {
        assertArrayEquals(hex(HEAD_ID1 + """
                00
                01
                0a 00  0c 00  0c 00  0b 00  0b 00  0b 00
                04 e8 07 02 1d
                07 e8 07 01 02 03 04 05
                0b e8 07 01 02 03 04 05 40 e2 01 00
                08 01 22 00 00 00 16 3b 3b
                0c 00 04 00 00 00 04 00 00 20 a1 07 00
                08 00 00 00 00 00 0d 0e 0f
                """), encode(1, UTF8, LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789),
                Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated(),
                Duration.ofHours(100).plusMillis(500), LocalTime.of(13, 14, 15)));
    }

    @Test
    void instantsAreSentAsLocalTimeInTheSessionZone() {
        EncodeContext berlin = new EncodeContext(ZoneId.of("Europe/Berlin"), StandardCharsets.UTF_8);
        String expected = HEAD_ID1 + "00 01 0c 00 07 e8 07 07 01 0c 00 00";
        assertArrayEquals(hex(expected), encode(1, berlin, Instant.parse("2024-07-01T10:00:00Z")));
        assertArrayEquals(hex(expected), encode(1, berlin,
                OffsetDateTime.of(2024, 7, 1, 5, 0, 0, 0, ZoneOffset.ofHours(-5))));
        assertArrayEquals(hex(expected), encode(1, berlin,
                Instant.parse("2024-07-01T10:00:00Z").atZone(ZoneId.of("Asia/Tokyo"))));
    }

    @Test
    void bytesUuidEnumYear() {
        ByteBuffer bb = ByteBuffer.wrap(hex("09 01 02 03"));
        bb.position(1);
        UUID u = UUID.fromString("00000000-0000-0000-0000-00000000000a");
        byte[] out = encode(1, UTF8, hex("00 ff"), bb, u, ColumnType.JSON, Year.of(2024));
        assertEquals(1, bb.position());
        assertArrayEquals(hex(HEAD_ID1 + """
                00
                01
                fc 00  fc 00  fd 00  fd 00  02 00
                02 00 ff
                03 01 02 03
                24 30303030303030302d303030302d303030302d303030302d303030303030303030303061
                04 4a 53 4f 4e
                e8 07
                """), out);
    }

    @Test
    void nullBitmapSpansBytesBeyondEightParameters() {
        Object[] p = {null, 1, 2, 3, 4, 5, 6, 7, null};
        assertArrayEquals(hex(HEAD_ID1 + """
                01 01
                01
                06 00  03 00  03 00  03 00  03 00  03 00  03 00  03 00  06 00
                01 00 00 00  02 00 00 00  03 00 00 00  04 00 00 00  05 00 00 00  06 00 00 00  07 00 00 00
                """), encode(1, UTF8, p));
    }

    @Test
    void stringsUseTheConnectionCharset() {
        EncodeContext gbk = new EncodeContext(ZoneId.of("UTC"), Charset.forName("GBK"));
        assertArrayEquals(hex(HEAD_ID1 + "00 01 fd 00 02 d6 d0"), encode(1, gbk, "\u4e2d"));
        assertArrayEquals(hex(HEAD_ID1 + "00 01 fd 00 04 f0 9f 98 80"), encode(1, UTF8, "\uD83D\uDE00"));
    }

    @Test
    void callerErrorsAreUsageExceptionsAndWriteNothing() {
        ByteWriter w = new ByteWriter();
        UsageException e = assertThrows(UsageException.class,
                () -> StmtExecute.encode(w, 1, new Object[] {1, new java.util.Date()}, UTF8));
        assertTrue(e.getMessage().contains("parameter 2") && e.getMessage().contains("java.util.Date"), e.getMessage());
        assertEquals(0, w.size());
        EncodeContext latin1 = new EncodeContext(ZoneId.of("UTC"), MySqlCharset.forName("latin1").javaCharset());
        e = assertThrows(UsageException.class, () -> StmtExecute.encode(w, 1, new Object[] {"ok", "\u4e2d"}, latin1));
        assertTrue(e.getMessage().contains("parameter 2"), e.getMessage());
        assertThrows(UsageException.class, () -> encode(1, UTF8, Duration.ofHours(839)));
        assertThrows(UsageException.class, () -> encode(1, UTF8, Duration.ofHours(-839)));
        assertThrows(UsageException.class, () -> encode(1, UTF8, Double.NaN));
        assertThrows(UsageException.class, () -> encode(1, UTF8, Float.POSITIVE_INFINITY));
        assertThrows(UsageException.class, () -> encode(1, UTF8, LocalDate.of(10000, 1, 1)));
        assertThrows(UsageException.class, () -> encode(-1, UTF8));
        assertThrows(UsageException.class, () -> encode(1, UTF8, "\uD800")); // lone surrogate
        assertEquals(0, w.size());
        // The largest TIME is fine.
        encode(1, UTF8, Duration.ofSeconds(StmtExecute.MAX_TIME_SECONDS, 999_999_999).negated());
    }

    @Test
    void aReusedScratchEncodesLikeAFreshOneAndKeepsNoValues() throws Exception {
        ParamScratch scratch = new ParamScratch();
        Object[][] lists = {
            {1, "abc", null, true, 2.5, LocalDate.of(2024, 2, 29)},
            {7},
            {null, null},
            {"x".repeat(300), new byte[] {1, 2}, BigInteger.ONE.shiftLeft(63), Duration.ofSeconds(-5)},
            new Object[300], // wider than the scratch keeps
            {42L, "é"},
        };
        lists[4][299] = 9;
        for (Object[] params : lists) {
            ByteWriter reused = new ByteWriter();
            StmtExecute.encode(reused, 3, params, UTF8, scratch);
            assertArrayEquals(encode(3, UTF8, params), reused.toByteArray(), java.util.Arrays.toString(params));
            for (Object v : scratch.values) {
                assertEquals(null, v, "the scratch must not keep a caller's value reachable");
            }
        }
        // a caller error half-way through the list: nothing written, and the scratch still works
        ByteWriter w = new ByteWriter();
        assertThrows(UsageException.class, () -> StmtExecute.encode(w, 1, new Object[] {"a", Double.NaN}, UTF8, scratch));
        assertEquals(0, w.size());
        for (Object v : scratch.values) {
            assertEquals(null, v);
        }
        StmtExecute.encode(w, 1, new Object[] {5}, UTF8, scratch);
        assertArrayEquals(encode(1, UTF8, 5), w.toByteArray());
        assertTrue(scratch.types.length <= ParamScratch.MAX_KEPT, "a 300-parameter list must not grow the kept arrays");
    }

    @Test
    void prepareOk() {
        // The documentation's example: statement 1, 1 column, 2 params, 0 warnings.
        assertEquals(new StmtPrepareOk(1, 1, 2, 0), StmtPrepareOk.decode(hex("00 01 00 00 00 01 00 02 00 00 00 00")));
        assertEquals(new StmtPrepareOk(0x04030201L, 0, 3, 5),
                StmtPrepareOk.decode(hex("00 01 02 03 04 00 00 03 00 00 05 00")));
        assertEquals(new StmtPrepareOk(0xffffffffL, 0, 0, 0), StmtPrepareOk.decode(hex("00 ff ff ff ff 00 00 00 00 00")));
        assertEquals(new StmtPrepareOk(7, 1, 1, 0), StmtPrepareOk.decode(hex("00 07 00 00 00 01 00 01 00 00 00 00 01")));
        assertThrows(ProtocolException.class, () -> StmtPrepareOk.decode(hex("ff 01 00 00 00 01 00 02 00 00 00 00")));
        byte[] ok = hex("00 01 00 00 00 01 00 02 00 00 00 00");
        for (int n = 0; n < 10; n++) {
            byte[] prefix = java.util.Arrays.copyOf(ok, n);
            assertThrows(ProtocolException.class, () -> StmtPrepareOk.decode(prefix), "prefix " + n);
        }
    }
}
