package io.sluice.mysql.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import java.io.ByteArrayOutputStream;
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
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SqlLiteralTest {
    static final LiteralContext BACKSLASH = new LiteralContext(false, StandardCharsets.UTF_8, ZoneId.of("UTC"));
    static final LiteralContext NO_BACKSLASH = new LiteralContext(true, StandardCharsets.UTF_8, ZoneId.of("UTC"));
    static final Charset GBK = Charset.forName("GBK");

    private static String lit(Object v, LiteralContext ctx) {
        StringBuilder sb = new StringBuilder();
        SqlLiteral.append(sb, v, ctx);
        return sb.toString();
    }

    private static String lit(Object v) {
        return lit(v, BACKSLASH);
    }

    @Test
    void scalars() {
        assertEquals("NULL", lit(null));
        assertEquals("1", lit(true));
        assertEquals("0", lit(false));
        assertEquals("-7", lit((byte) -7));
        assertEquals("-300", lit((short) -300));
        assertEquals("42", lit(42));
        assertEquals("-9223372036854775808", lit(Long.MIN_VALUE));
        assertEquals("18446744073709551615", lit(new BigInteger("18446744073709551615")));
        assertEquals("1000", lit(new BigDecimal("1E+3")));
        assertEquals("0.000001", lit(new BigDecimal("1E-6")));
        assertEquals("2.5", lit(2.5));
        assertEquals("1.0E10", lit(1e10));
        assertEquals("1.1", lit(1.1f));
        assertEquals("2024", lit(java.time.Year.of(2024)));
        assertThrows(UsageException.class, () -> lit(Double.NaN));
        assertThrows(UsageException.class, () -> lit(Double.NEGATIVE_INFINITY));
        assertThrows(UsageException.class, () -> lit(Float.NaN));
        UsageException e = assertThrows(UsageException.class, () -> lit(new Object()));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void stringsWithBackslashEscapes() {
        String s = "a'b\"c\\d\0e\nf\rg\th\u001ai\bj";
        assertEquals("'a\\'b\\\"c\\\\d\\0e\\nf\\rg\\th\\Zi\\bj'", lit(s));
        assertEquals("''", lit(""));
        assertEquals("'\uD83D\uDE00'", lit("\uD83D\uDE00"));
        assertEquals("'00000000-0000-0000-0000-00000000000a'", lit(UUID.fromString("0-0-0-0-a")));
        assertEquals("'NULL'", lit(ColumnType.NULL));
    }

    @Test
    void stringsUnderNoBackslashEscapes() {
        assertEquals("'a''b\\c\"d\ne'", lit("a'b\\c\"d\ne", NO_BACKSLASH));
        assertEquals("''''''", lit("''", NO_BACKSLASH));
        assertEquals("'\\'", lit("\\", NO_BACKSLASH));
    }

    @Test
    void unencodableCharactersAreRefused() {
        LiteralContext latin1 = new LiteralContext(false, MySqlCharset.forName("latin1").javaCharset(), ZoneId.of("UTC"));
        assertEquals("'caf\u00e9 \u20ac'", lit("caf\u00e9 \u20ac", latin1));
        UsageException e = assertThrows(UsageException.class, () -> lit("ab\u4e2d", latin1));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
        assertThrows(UsageException.class, () -> lit("\uD800", BACKSLASH)); // lone surrogate
    }

    @Test
    void bytesAsHex() {
        assertEquals("X'00ABFF'", lit(new byte[] {0, (byte) 0xab, (byte) 0xff}));
        assertEquals("X''", lit(new byte[0]));
        ByteBuffer bb = ByteBuffer.wrap(new byte[] {1, 2, 3});
        bb.get();
        assertEquals("X'0203'", lit(bb));
        assertEquals(1, bb.position());
    }

    @Test
    void temporals() {
        assertEquals("'2024-02-29'", lit(LocalDate.of(2024, 2, 29)));
        assertEquals("'0999-01-02 03:04:05'", lit(LocalDateTime.of(999, 1, 2, 3, 4, 5)));
        assertEquals("'2024-01-02 03:04:05.000100'", lit(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 100_999)));
        LiteralContext berlin = new LiteralContext(false, StandardCharsets.UTF_8, ZoneId.of("Europe/Berlin"));
        assertEquals("'2024-07-01 12:00:00'", lit(Instant.parse("2024-07-01T10:00:00Z"), berlin));
        assertEquals("'13:14:15.500000'", lit(LocalTime.of(13, 14, 15, 500_000_000)));
        assertEquals("'-838:59:59'", lit(Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated()));
        assertEquals("'100:00:00.000001'", lit(Duration.ofHours(100).plusNanos(1000)));
        assertEquals("'00:00:00'", lit(Duration.ofNanos(-1)));
        assertThrows(UsageException.class, () -> lit(Duration.ofHours(900)));
        assertThrows(UsageException.class, () -> lit(LocalDate.of(-1, 1, 1)));
    }

    @Test
    void interpolateSkipsQuotesIdentifiersAndComments() {
        String sql = "SELECT ?, '?', \"?\", `?`, 'it''s ?', ? -- ?\n, ? # ?\n, /* ? */ ?, 1--?";
        assertEquals(5, SqlLiteral.placeholders(sql, false).length);
        assertEquals("SELECT 1, '?', \"?\", `?`, 'it''s ?', 'x' -- ?\n, NULL # ?\n, /* ? */ 2.5, 1--X'FF'",
                SqlLiteral.interpolate(sql, new Object[] {1, "x", null, 2.5, new byte[] {-1}}, BACKSLASH));
        assertEquals(1, SqlLiteral.placeholders("SELECT /*!50000 ? */ ?", false).length);
        assertEquals(0, SqlLiteral.placeholders("SELECT '?", false).length);
        assertEquals(0, SqlLiteral.placeholders("SELECT /* ?", false).length);
        assertEquals(1, SqlLiteral.placeholders("SELECT ? --", false).length);
        assertEquals(1, SqlLiteral.placeholders("SELECT `a``?` , ?", false).length);
    }

    @Test
    void backslashInsideAStringDependsOnTheMode() {
        // SQL text: SELECT 'a\' , ?   -- with backslash escapes the quote is escaped and the string never ends
        String sql = "SELECT 'a\\' , ?";
        assertEquals(0, SqlLiteral.placeholders(sql, false).length);
        assertEquals(1, SqlLiteral.placeholders(sql, true).length);
        assertEquals("SELECT 'a\\' , 'b'''", SqlLiteral.interpolate(sql, new Object[] {"b'"}, NO_BACKSLASH));
        assertEquals(1, SqlLiteral.placeholders("SELECT \"a\\\"?\" , ?", false).length);
    }

    @Test
    void placeholderCountMustMatch() {
        UsageException e = assertThrows(UsageException.class,
                () -> SqlLiteral.interpolate("SELECT ?, ?", new Object[] {1}, BACKSLASH));
        assertTrue(e.getMessage().contains("2 placeholders") && e.getMessage().contains("1 parameters"), e.getMessage());
        assertThrows(UsageException.class, () -> SqlLiteral.interpolate("SELECT 1", new Object[] {1}, BACKSLASH));
        UsageException p = assertThrows(UsageException.class,
                () -> SqlLiteral.interpolate("SELECT ?, ?", new Object[] {1, new Object()}, BACKSLASH));
        assertTrue(p.getMessage().contains("parameter 2"), p.getMessage());
    }

    /**
     * The GBK injection: U+7E17 is GBK 0xbf 0x5c, whose trail byte is a backslash. A value ending in it
     * followed by a quote must still be one string literal when the server lexes the GBK bytes.
     */
    @Test
    void gbkTrailByte5cCannotBreakOutOfTheLiteral() {
        String dangerous = new String(new byte[] {(byte) 0xbf, 0x5c}, GBK);
        assertEquals(1, dangerous.length());
        assertArrayEquals(new byte[] {(byte) 0xbf, 0x5c}, dangerous.getBytes(GBK));
        String value = dangerous + "' OR 1=1 -- " + dangerous + "\\" + dangerous;
        for (boolean noBackslash : new boolean[] {false, true}) {
            LiteralContext ctx = new LiteralContext(noBackslash, GBK, ZoneId.of("UTC"));
            String sql = SqlLiteral.interpolate("SELECT ? FROM t", new Object[] {value}, ctx);
            byte[] wire = sql.getBytes(GBK);
            int[] end = new int[1];
            byte[] content = lexGbkString(wire, "SELECT ".length(), noBackslash, end);
            assertEquals(value, new String(content, GBK), "mode noBackslash=" + noBackslash);
            assertEquals(" FROM t", new String(wire, end[0], wire.length - end[0], GBK));
            if (!noBackslash) {
                // The danger is real: the bytes hold 0xbf 0x5c 0x5c 0x27, which a byte-wise lexer would
                // read as <0xbf> <\\> <'> - i.e. the literal would end right there.
                assertTrue(indexOf(wire, new byte[] {(byte) 0xbf, 0x5c, 0x5c, 0x27}) > 0);
            }
        }
    }

    /** A model of the server's lexer for a quoted string in GBK: multibyte characters are atomic. */
    private static byte[] lexGbkString(byte[] b, int open, boolean noBackslash, int[] end) {
        assertEquals('\'', b[open]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = open + 1;
        while (true) {
            int c = b[i] & 0xff;
            if (c >= 0x81 && c <= 0xfe && i + 1 < b.length) {
                int t = b[i + 1] & 0xff;
                if (t >= 0x40 && t <= 0xfe && t != 0x7f) {
                    out.write(b, i, 2);
                    i += 2;
                    continue;
                }
            }
            if (c == '\\' && !noBackslash) {
                int n = b[i + 1] & 0xff;
                out.write(switch (n) {
                    case '0' -> 0;
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'Z' -> 0x1a;
                    default -> n;
                });
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < b.length && b[i + 1] == '\'') {
                    out.write('\'');
                    i += 2;
                } else {
                    end[0] = i + 1;
                    return out.toByteArray();
                }
            } else {
                out.write(c);
                i++;
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
