package io.sluice.mysql.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MySqlCharsetTest {
    private static void assertCollation(int id, String collation, String charset, String java, int maxLen) {
        MySqlCharset c = MySqlCharset.forId(id);
        assertEquals(id, c.collationId());
        assertEquals(collation, c.collationName(), "name of " + id);
        assertEquals(charset, c.charsetName(), "charset of " + id);
        assertEquals(Charset.forName(java), c.javaCharset(), "java charset of " + id);
        assertEquals(maxLen, c.maxBytesPerChar(), "max length of " + id);
    }

    @Test
    void knownIds() {
        assertCollation(45, "utf8mb4_general_ci", "utf8mb4", "UTF-8", 4);
        assertCollation(46, "utf8mb4_bin", "utf8mb4", "UTF-8", 4);
        assertCollation(224, "utf8mb4_unicode_ci", "utf8mb4", "UTF-8", 4);
        assertCollation(246, "utf8mb4_unicode_520_ci", "utf8mb4", "UTF-8", 4);
        assertCollation(255, "utf8mb4_0900_ai_ci", "utf8mb4", "UTF-8", 4);
        assertCollation(309, "utf8mb4_0900_bin", "utf8mb4", "UTF-8", 4);
        assertCollation(33, "utf8mb3_general_ci", "utf8mb3", "UTF-8", 3);
        assertCollation(83, "utf8mb3_bin", "utf8mb3", "UTF-8", 3);
        assertCollation(192, "utf8mb3_unicode_ci", "utf8mb3", "UTF-8", 3);
        assertCollation(8, "latin1_swedish_ci", "latin1", "windows-1252", 1);
        assertCollation(47, "latin1_bin", "latin1", "windows-1252", 1);
        assertCollation(48, "latin1_general_ci", "latin1", "windows-1252", 1);
        assertCollation(11, "ascii_general_ci", "ascii", "US-ASCII", 1);
        assertCollation(65, "ascii_bin", "ascii", "US-ASCII", 1);
        assertCollation(63, "binary", "binary", "ISO-8859-1", 1);
        assertCollation(28, "gbk_chinese_ci", "gbk", "GBK", 2);
        assertCollation(87, "gbk_bin", "gbk", "GBK", 2);
        assertCollation(13, "sjis_japanese_ci", "sjis", "Shift_JIS", 2);
        assertCollation(88, "sjis_bin", "sjis", "Shift_JIS", 2);
        assertCollation(95, "cp932_japanese_ci", "cp932", "windows-31j", 2);
        assertCollation(96, "cp932_bin", "cp932", "windows-31j", 2);
        assertCollation(1, "big5_chinese_ci", "big5", "Big5", 2);
        assertCollation(84, "big5_bin", "big5", "Big5", 2);
        assertCollation(19, "euckr_korean_ci", "euckr", "EUC-KR", 2);
        assertCollation(85, "euckr_bin", "euckr", "EUC-KR", 2);
        assertCollation(24, "gb2312_chinese_ci", "gb2312", "GB2312", 2);
        assertCollation(86, "gb2312_bin", "gb2312", "GB2312", 2);
        assertCollation(12, "ujis_japanese_ci", "ujis", "EUC-JP", 3);
        assertCollation(91, "ujis_bin", "ujis", "EUC-JP", 3);
        assertCollation(97, "eucjpms_japanese_ci", "eucjpms", "x-eucJP-Open", 3);
        assertCollation(248, "gb18030_chinese_ci", "gb18030", "GB18030", 4);
        assertCollation(249, "gb18030_bin", "gb18030", "GB18030", 4);
        assertCollation(250, "gb18030_unicode_520_ci", "gb18030", "GB18030", 4);
        assertCollation(26, "cp1250_general_ci", "cp1250", "windows-1250", 1);
        assertCollation(51, "cp1251_general_ci", "cp1251", "windows-1251", 1);
        assertCollation(57, "cp1256_general_ci", "cp1256", "windows-1256", 1);
        assertCollation(59, "cp1257_general_ci", "cp1257", "windows-1257", 1);
        assertCollation(35, "ucs2_general_ci", "ucs2", "UTF-16BE", 2);
        assertCollation(54, "utf16_general_ci", "utf16", "UTF-16BE", 4);
        assertCollation(56, "utf16le_general_ci", "utf16le", "UTF-16LE", 4);
        assertCollation(60, "utf32_general_ci", "utf32", "UTF-32BE", 4);
        assertCollation(7, "koi8r_general_ci", "koi8r", "KOI8-R", 1);
        assertCollation(25, "greek_general_ci", "greek", "ISO-8859-7", 1);
        assertCollation(16, "hebrew_general_ci", "hebrew", "ISO-8859-8", 1);
    }

    @Test
    void binaryIsTheOnlyBinaryCollation() {
        assertTrue(MySqlCharset.forId(63).isBinary());
        assertFalse(MySqlCharset.forId(46).isBinary());
        assertFalse(MySqlCharset.forId(47).isBinary());
    }

    @Test
    void unknownIdsInKnownBlocksMapToTheirCharset() {
        assertEquals("utf8mb4", MySqlCharset.forId(330).charsetName()); // a future 0900 collation
        assertEquals("utf8mb4", MySqlCharset.forId(2304).charsetName()); // MariaDB utf8mb4_uca1400_ai_ci
        assertEquals("utf8mb4", MySqlCharset.forId(2305).charsetName());
        assertEquals("utf8mb3", MySqlCharset.forId(2048).charsetName());
        assertEquals("ucs2", MySqlCharset.forId(2600).charsetName());
        assertEquals("utf16", MySqlCharset.forId(2816).charsetName());
        assertEquals("utf32", MySqlCharset.forId(3072).charsetName());
        assertEquals("utf8mb4", MySqlCharset.forId(1024 + 45).charsetName()); // utf8mb4_general_nopad_ci
        assertEquals("latin1", MySqlCharset.forId(1032).charsetName()); // latin1_swedish_nopad_ci
        assertEquals(Charset.forName("windows-1252"), MySqlCharset.forId(1032).javaCharset());
        assertEquals("gbk", MySqlCharset.forId(1052).charsetName());
    }

    @Test
    void unknownIdsOutsideAnyBlockAreUtf8() {
        for (int id : new int[] {0, 17, 100, 1024, 5000, 65535}) {
            MySqlCharset c = MySqlCharset.forId(id);
            assertEquals(StandardCharsets.UTF_8, c.javaCharset(), "id " + id);
            assertEquals(4, c.maxBytesPerChar());
        }
    }

    @Test
    void lookupByCharsetName() {
        assertEquals(45, MySqlCharset.forName("utf8mb4").collationId());
        assertEquals(45, MySqlCharset.forName("UTF8MB4").collationId());
        assertEquals(33, MySqlCharset.forName("utf8").collationId());
        assertEquals(33, MySqlCharset.forName("utf8mb3").collationId());
        assertEquals(8, MySqlCharset.forName("latin1").collationId());
        assertEquals(28, MySqlCharset.forName("gbk").collationId());
        assertEquals(63, MySqlCharset.forName("binary").collationId());
        assertEquals(248, MySqlCharset.forName("gb18030").collationId());
        assertThrows(UsageException.class, () -> MySqlCharset.forName("klingon"));
        assertThrows(UsageException.class, () -> MySqlCharset.forName(null));
    }

    @Test
    void lookupByCollationName() {
        assertEquals(224, MySqlCharset.forCollation("utf8mb4_unicode_ci").collationId());
        assertEquals(255, MySqlCharset.forCollation("utf8mb4_0900_ai_ci").collationId());
        assertEquals(278, MySqlCharset.forCollation("utf8mb4_0900_as_cs").collationId());
        assertEquals(256, MySqlCharset.forCollation("utf8mb4_de_pb_0900_ai_ci").collationId());
        assertEquals(300, MySqlCharset.forCollation("utf8mb4_vi_0900_as_cs").collationId());
        assertEquals(33, MySqlCharset.forCollation("utf8_general_ci").collationId());
        assertEquals(192, MySqlCharset.forCollation("UTF8_UNICODE_CI").collationId());
        assertEquals(87, MySqlCharset.forCollation("gbk_bin").collationId());
        assertEquals(2304, MySqlCharset.forCollation("utf8mb4_uca1400_ai_ci").collationId());
        assertThrows(UsageException.class, () -> MySqlCharset.forCollation("utf8mb4_klingon_ci"));
        assertThrows(UsageException.class, () -> MySqlCharset.forCollation(null));
    }
}
