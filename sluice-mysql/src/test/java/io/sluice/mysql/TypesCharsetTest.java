package io.sluice.mysql;

import static io.sluice.mysql.TypesSupport.readBoth;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import io.sluice.core.result.Row;
import io.sluice.mysql.wire.LiteralContext;
import io.sluice.mysql.wire.MySqlCharset;
import io.sluice.mysql.wire.SqlLiteral;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * String escaping and non-UTF-8 connection charsets against the real server: every nasty string must
 * survive client-side interpolation ({@link SqlLiteral}) over the text protocol and binding over the
 * binary protocol unchanged, whatever the sql_mode and connection charset; a string the connection
 * charset cannot carry is a {@link UsageException}, never a silent '?' or a changed statement.
 */
class TypesCharsetTest {
    private static final String EMOJI = "\uD83D\uDE00";
    private static final String CJK_B = "\uD840\uDC00";
    /** 縗 is 0xBF 0x5C in GBK: a byte-level escaper would turn 0xBF before a quote into it. */
    private static final String GBK_5C = "\u7E17";
    /** ソ and 表 end in 0x5C in Shift_JIS. */
    private static final String SJIS_5C = "\u30BD\u8868";

    /** Dangerous in every charset and all ASCII. */
    private static final List<String> ASCII_NASTIES = List.of("", "'", "''", "\"", "\\", "\\'", "'\\", "\\\\'",
            "\0", "a\0b", "\n\r\t\b", "\u001a", "\\Z", "%", "_", "\\%\\_", "' OR '1'='1", "' or 1=1 -- ",
            "x'; select 1; -- ", "?", "/* ? */", "-- ?\n'", "#?'", "`", "\\0'\\n", "end\\");

    @Test
    void escapingOnUtf8DefaultMode() {
        try (MySqlConnection c = Db.connect()) {
            assertFalse(c.noBackslashEscapes());
            checkAll(c, "utf8mb4", utf8Extras());
        }
    }

    @Test
    void escapingOnUtf8NoBackslashEscapes() {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().sessionVariable("sql_mode", "NO_BACKSLASH_ESCAPES").build())) {
            assertTrue(c.noBackslashEscapes());
            checkAll(c, "utf8mb4", utf8Extras());
        }
    }

    private static List<String> utf8Extras() {
        return List.of(EMOJI, "a" + EMOJI + "'" + CJK_B + "\\", GBK_5C + "'", SJIS_5C + "'", "\u00a5'", "\u00bf'", "\u00a5' or 1=1 -- ");
    }

    @Test
    void escapingOnGbk() {
        assertArrayEquals(new byte[] {(byte) 0xbf, 0x5c}, GBK_5C.getBytes(Charset.forName("GBK")));
        List<String> extras = List.of(GBK_5C + "'", GBK_5C + "\\'", GBK_5C + "' or 1=1 -- ", "\u4e2d\u6587'\u8fd0", GBK_5C.repeat(3) + "\\");
        for (String mode : List.of("", "NO_BACKSLASH_ESCAPES")) {
            try (MySqlConnection c = MySqlConnection.connect(Db.config().charset("gbk").sessionVariable("sql_mode", mode).build())) {
                assertEquals(!mode.isEmpty(), c.noBackslashEscapes());
                assertEquals("gbk", c.query("select @@character_set_client").get(0).rows().get(0).getString(0));
                checkAll(c, "gbk", extras);
                refused(c, "gbk", EMOJI, CJK_B, "a" + EMOJI + "'");
            }
        }
    }

    @Test
    void escapingOnLatin1() {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().charset("latin1").build())) {
            checkAll(c, "latin1", List.of("caf\u00e9'", "\u00bf'", "\u00ff\\", "\u20ac'\u00e0", "\u00bf\\'"));
            refused(c, "latin1", "\u4e2d", EMOJI, "a'" + GBK_5C);
        }
    }

    @Test
    void escapingOnSjis() {
        assertArrayEquals(new byte[] {(byte) 0x83, 0x5c}, "\u30BD".getBytes(Charset.forName("Shift_JIS")));
        for (String mode : List.of("", "NO_BACKSLASH_ESCAPES")) {
            try (MySqlConnection c = MySqlConnection.connect(Db.config().charset("sjis").sessionVariable("sql_mode", mode).build())) {
                checkAll(c, "sjis", List.of(SJIS_5C + "'", "\u30BD\\'", SJIS_5C + "' or 1=1 -- ", "\u30BD".repeat(3) + "\\"));
                // Java's Shift_JIS encoder maps U+00A5 YEN SIGN and U+203E OVERLINE one way onto 0x5C and 0x7E,
                // which the server reads as '\' and '~': a yen sign before a quote would escape our escape.
                refused(c, "sjis", EMOJI, "\u00a5", "\u00a5' or 1=1 -- ", "\u203e");
            }
        }
    }

    /** Each string through SqlLiteral + COM_QUERY and as a bound parameter must come back unchanged. */
    private static void checkAll(MySqlConnection c, String charset, List<String> extras) {
        LiteralContext ctx = new LiteralContext(c.noBackslashEscapes(), MySqlCharset.forName(charset).javaCharset(),
                c.sessionZone());
        List<String> all = new ArrayList<>(ASCII_NASTIES);
        all.addAll(extras);
        for (String s : all) {
            String what = "[" + charset + (c.noBackslashEscapes() ? ", NO_BACKSLASH_ESCAPES" : "") + "] " + visible(s);
            String sql = SqlLiteral.interpolate("select ?", new Object[] {s}, ctx);
            List<Row> rows = c.query(sql).get(0).rows();
            assertEquals(1, rows.size(), what);
            assertEquals(1, rows.get(0).size(), what);
            assertEquals(s, rows.get(0).get(0), "interpolated " + what);
            assertEquals(s, c.execute("select ?", s).rows().get(0).get(0), "bound " + what);
            // the spliced literal also works as a comparison operand, not just in the select list
            String cmp = SqlLiteral.interpolate("select ? = ?", new Object[] {s, s}, ctx);
            assertEquals(1, c.query(cmp).get(0).rows().get(0).getInt(0), "comparison " + what);
        }
    }

    private static void refused(MySqlConnection c, String charset, String... strings) {
        LiteralContext ctx = new LiteralContext(c.noBackslashEscapes(), MySqlCharset.forName(charset).javaCharset(),
                c.sessionZone());
        for (String s : strings) {
            String what = charset + ": " + visible(s);
            assertThrows(UsageException.class, () -> SqlLiteral.interpolate("select ?", new Object[] {s}, ctx), what);
            assertThrows(UsageException.class, () -> c.execute("select ?", s), what);
            assertThrows(UsageException.class, () -> c.query("select '" + s + "'"), what);
        }
        assertEquals(1, c.query("select 1").get(0).rows().get(0).getInt(0));
        assertTrue(c.isUsable());
    }

    /** Column names and aliases arrive in character_set_results, like the values. */
    @Test
    void columnNamesInTheConnectionCharset() {
        for (String cs : List.of("utf8mb4", "gbk", "latin1")) {
            String alias = cs.equals("latin1") ? "caf\u00e9" : "\u4e2d\u6587" + GBK_5C;
            try (MySqlConnection c = MySqlConnection.connect(Db.config().charset(cs).build())) {
                String sql = "select 1 as `" + alias + "`";
                assertEquals(alias, c.query(sql).get(0).columns().columns().get(0).name(), cs + " text");
                assertEquals(alias, c.execute(sql).columns().columns().get(0).name(), cs + " binary");
                assertEquals(1, c.execute(sql).rows().get(0).get(alias), cs);
            }
        }
    }

    /** Bound parameters and text-protocol reads of non-ASCII strings on gbk and latin1 connections. */
    @Test
    void nonUtf8ConnectionsRoundTripStrings() {
        roundTripOn("gbk", "gbk", List.of("\u4e2d\u6587", GBK_5C + "'", "\u8fd0\u884c\\", "a\u00b7b", "\u3042\u30BD"));
        roundTripOn("latin1", "latin1", List.of("caf\u00e9", "\u00bf'", "\u20ac\u0160\u00ff", "\u00a0\u00a9"));
    }

    private static void roundTripOn(String connCharset, String columnCharset, List<String> values) {
        try (MySqlConnection c = MySqlConnection.connect(Db.config().charset(connCharset).build())) {
            String t = Db.table("cs");
            c.query("create table " + t + " (id int primary key, u varchar(50) character set utf8mb4,"
                    + " n varchar(50) character set " + columnCharset + ", x text character set " + columnCharset + ")");
            try {
                LiteralContext ctx = new LiteralContext(c.noBackslashEscapes(), MySqlCharset.forName(connCharset).javaCharset(),
                        c.sessionZone());
                int id = 0;
                for (String v : values) {
                    c.execute("insert into " + t + " values (?, ?, ?, ?)", id++, v, v, v);
                    c.query(SqlLiteral.interpolate("insert into " + t + " values (?, ?, ?, ?)", new Object[] {id++, v, v, v}, ctx));
                }
                var r = readBoth(c, "select u, n, x from " + t + " order by id");
                for (int i = 0; i < id; i++) {
                    String want = values.get(i / 2);
                    for (int col = 0; col < 3; col++) {
                        assertEquals(want, r.text().rows().get(i).get(col), connCharset + " text row " + i + " col " + col);
                        assertEquals(want, r.binary().rows().get(i).get(col), connCharset + " binary row " + i + " col " + col);
                    }
                }
                // the server really stored the characters (not mojibake that happens to decode back)
                try (MySqlConnection u = Db.connect()) {
                    List<Row> rows = u.query("select u, n from " + t + " order by id").get(0).rows();
                    for (int i = 0; i < id; i++) {
                        assertEquals(values.get(i / 2), rows.get(i).get(0));
                        assertEquals(values.get(i / 2), rows.get(i).get(1));
                    }
                }
            } finally {
                c.query("drop table " + t);
            }
        }
    }

    private static String visible(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> sb.append(cp < 0x20 || cp > 0x7e ? String.format("\\u{%x}", cp) : Character.toString(cp)));
        return sb.toString();
    }
}
