package io.sluice.mysql.wire;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The collation table behind {@link MySqlCharset}. Built once at class initialisation and never
 * mutated afterwards (safe publication through the class-init lock).
 */
final class MySqlCollations {
    record CharsetInfo(String name, Charset java, int maxLen, int defaultCollation) {
    }

    static final Map<String, CharsetInfo> CHARSETS = new HashMap<>();
    static final Map<Integer, MySqlCharset> BY_ID = new HashMap<>();
    static final Map<String, MySqlCharset> BY_NAME = new HashMap<>();

    /** The 24 locale tailorings of the UCA 4.0.0 / 5.2.0 blocks (utf8mb3 192.., utf8mb4 224.., ...). */
    private static final List<String> UCA_LOCALES = List.of("unicode", "icelandic", "latvian", "romanian",
            "slovenian", "polish", "estonian", "spanish", "swedish", "turkish", "czech", "danish", "lithuanian",
            "slovak", "spanish2", "roman", "persian", "esperanto", "hungarian", "sinhala", "german2", "croatian",
            "unicode_520", "vietnamese");

    /** MySQL 8 utf8mb4 0900 tailorings: _ai_ci at 256 + i, _as_cs at 279 + i; null marks unused ids. */
    private static final String[] LOCALES_0900 = {"de_pb", "is", "lv", "ro", "sl", "pl", "et", "es", "sv", "tr",
        "cs", "da", "lt", "sk", "es_trad", "la", null, "eo", "hu", "hr", null, "vi"};

    /** Ids 1..99 as in MySQL 8 (and MariaDB, which spells utf8mb3 as utf8 before 10.6). */
    private static final String SIMPLE = """
            1 big5_chinese_ci|2 latin2_czech_cs|3 dec8_swedish_ci|4 cp850_general_ci|5 latin1_german1_ci
            6 hp8_english_ci|7 koi8r_general_ci|8 latin1_swedish_ci|9 latin2_general_ci|10 swe7_swedish_ci
            11 ascii_general_ci|12 ujis_japanese_ci|13 sjis_japanese_ci|14 cp1251_bulgarian_ci|15 latin1_danish_ci
            16 hebrew_general_ci|18 tis620_thai_ci|19 euckr_korean_ci|20 latin7_estonian_cs|21 latin2_hungarian_ci
            22 koi8u_general_ci|23 cp1251_ukrainian_ci|24 gb2312_chinese_ci|25 greek_general_ci|26 cp1250_general_ci
            27 latin2_croatian_ci|28 gbk_chinese_ci|29 cp1257_lithuanian_ci|30 latin5_turkish_ci|31 latin1_german2_ci
            32 armscii8_general_ci|33 utf8mb3_general_ci|34 cp1250_czech_cs|35 ucs2_general_ci|36 cp866_general_ci
            37 keybcs2_general_ci|38 macce_general_ci|39 macroman_general_ci|40 cp852_general_ci|41 latin7_general_ci
            42 latin7_general_cs|43 macce_bin|44 cp1250_croatian_ci|45 utf8mb4_general_ci|46 utf8mb4_bin
            47 latin1_bin|48 latin1_general_ci|49 latin1_general_cs|50 cp1251_bin|51 cp1251_general_ci
            52 cp1251_general_cs|53 macroman_bin|54 utf16_general_ci|55 utf16_bin|56 utf16le_general_ci
            57 cp1256_general_ci|58 cp1257_bin|59 cp1257_general_ci|60 utf32_general_ci|61 utf32_bin
            62 utf16le_bin|63 binary|64 armscii8_bin|65 ascii_bin|66 cp1250_bin|67 cp1256_bin|68 cp866_bin
            69 dec8_bin|70 greek_bin|71 hebrew_bin|72 hp8_bin|73 keybcs2_bin|74 koi8r_bin|75 koi8u_bin
            76 utf8mb3_tolower_ci|77 latin2_bin|78 latin5_bin|79 latin7_bin|80 cp850_bin|81 cp852_bin|82 swe7_bin
            83 utf8mb3_bin|84 big5_bin|85 euckr_bin|86 gb2312_bin|87 gbk_bin|88 sjis_bin|89 tis620_bin|90 ucs2_bin
            91 ujis_bin|92 geostd8_general_ci|93 geostd8_bin|94 latin1_spanish_ci|95 cp932_japanese_ci|96 cp932_bin
            97 eucjpms_japanese_ci|98 eucjpms_bin|99 cp1250_polish_ci|159 ucs2_general_mysql500_ci
            223 utf8mb3_general_mysql500_ci|248 gb18030_chinese_ci|249 gb18030_bin|250 gb18030_unicode_520_ci
            255 utf8mb4_0900_ai_ci|278 utf8mb4_0900_as_cs|303 utf8mb4_ja_0900_as_cs|304 utf8mb4_ja_0900_as_cs_ks
            305 utf8mb4_0900_as_ci|306 utf8mb4_ru_0900_ai_ci|307 utf8mb4_ru_0900_as_cs|308 utf8mb4_zh_0900_as_cs
            309 utf8mb4_0900_bin|310 utf8mb4_nb_0900_ai_ci|311 utf8mb4_nb_0900_as_cs|312 utf8mb4_nn_0900_ai_ci
            313 utf8mb4_nn_0900_as_cs|314 utf8mb4_sr_latn_0900_ai_ci|315 utf8mb4_sr_latn_0900_as_cs
            316 utf8mb4_bs_0900_ai_ci|317 utf8mb4_bs_0900_as_cs|318 utf8mb4_bg_0900_ai_ci|319 utf8mb4_bg_0900_as_cs
            320 utf8mb4_gl_0900_ai_ci|321 utf8mb4_gl_0900_as_cs|322 utf8mb4_mn_cyrl_0900_ai_ci
            323 utf8mb4_mn_cyrl_0900_as_cs|576 utf8mb3_croatian_ci|577 utf8mb3_myanmar_ci|578 utf8mb3_thai_520_w2
            608 utf8mb4_croatian_ci|609 utf8mb4_myanmar_ci|610 utf8mb4_thai_520_w2|640 ucs2_croatian_ci
            641 ucs2_myanmar_ci|642 ucs2_thai_520_w2|672 utf16_croatian_ci|673 utf16_myanmar_ci
            674 utf16_thai_520_w2|736 utf32_croatian_ci|737 utf32_myanmar_ci|738 utf32_thai_520_w2
            2048 utf8mb3_uca1400_ai_ci|2304 utf8mb4_uca1400_ai_ci|2560 ucs2_uca1400_ai_ci
            2816 utf16_uca1400_ai_ci|3072 utf32_uca1400_ai_ci
            """;

    static {
        charset("big5", 2, 1, "Big5");
        charset("dec8", 1, 3);
        charset("cp850", 1, 4, "IBM850");
        charset("hp8", 1, 6);
        charset("koi8r", 1, 7, "KOI8-R");
        charset("latin1", 1, 8, "windows-1252");
        charset("latin2", 1, 9, "ISO-8859-2");
        charset("swe7", 1, 10);
        charset("ascii", 1, 11, "US-ASCII");
        charset("ujis", 3, 12, "EUC-JP");
        charset("sjis", 2, 13, "Shift_JIS");
        charset("hebrew", 1, 16, "ISO-8859-8");
        charset("tis620", 1, 18, "TIS-620");
        charset("euckr", 2, 19, "EUC-KR");
        charset("koi8u", 1, 22, "KOI8-U");
        charset("gb2312", 2, 24, "GB2312");
        charset("greek", 1, 25, "ISO-8859-7");
        charset("cp1250", 1, 26, "windows-1250");
        charset("gbk", 2, 28, "GBK");
        charset("latin5", 1, 30, "ISO-8859-9");
        charset("armscii8", 1, 32);
        charset("utf8mb3", 3, 33, "UTF-8");
        charset("ucs2", 2, 35, "UTF-16BE");
        charset("cp866", 1, 36, "IBM866");
        charset("keybcs2", 1, 37);
        charset("macce", 1, 38, "x-MacCentralEurope");
        charset("macroman", 1, 39, "x-MacRoman");
        charset("cp852", 1, 40, "IBM852");
        charset("latin7", 1, 41, "ISO-8859-13");
        charset("utf8mb4", 4, 45, "UTF-8");
        charset("cp1251", 1, 51, "windows-1251");
        charset("utf16", 4, 54, "UTF-16BE");
        charset("utf16le", 4, 56, "UTF-16LE");
        charset("cp1256", 1, 57, "windows-1256");
        charset("cp1257", 1, 59, "windows-1257");
        charset("utf32", 4, 60, "UTF-32BE");
        charset("binary", 1, 63);
        charset("geostd8", 1, 92);
        charset("cp932", 2, 95, "windows-31j", "Shift_JIS");
        charset("eucjpms", 3, 97, "x-eucJP-Open", "EUC-JP");
        charset("gb18030", 4, 248, "GB18030");

        for (String line : SIMPLE.split("[|\\n]")) {
            if (!line.isBlank()) {
                String[] p = line.trim().split(" ");
                add(Integer.parseInt(p[0]), p[1]);
            }
        }
        for (int i = 0; i < UCA_LOCALES.size(); i++) {
            String loc = UCA_LOCALES.get(i);
            add(101 + i, "utf16_" + loc + "_ci");
            add(128 + i, "ucs2_" + loc + "_ci");
            add(160 + i, "utf32_" + loc + "_ci");
            add(192 + i, "utf8mb3_" + loc + "_ci");
            add(224 + i, "utf8mb4_" + loc + "_ci");
        }
        for (int i = 0; i < LOCALES_0900.length; i++) {
            if (LOCALES_0900[i] != null) {
                add(256 + i, "utf8mb4_" + LOCALES_0900[i] + "_0900_ai_ci");
                add(279 + i, "utf8mb4_" + LOCALES_0900[i] + "_0900_as_cs");
            }
        }
    }

    private MySqlCollations() {
    }

    private static void charset(String name, int maxLen, int defaultCollation, String... javaNames) {
        CHARSETS.put(name, new CharsetInfo(name, javaCharset(javaNames), maxLen, defaultCollation));
    }

    /** The first supported Java charset; ISO-8859-1 (byte-lossless) when none is. */
    private static Charset javaCharset(String... names) {
        for (String n : names) {
            if (Charset.isSupported(n)) {
                return Charset.forName(n);
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    private static void add(int id, String collation) {
        String cs = collation.equals("binary") ? "binary" : collation.substring(0, collation.indexOf('_'));
        CharsetInfo info = CHARSETS.get(cs);
        if (info == null) {
            throw new ExceptionInInitializerError("collation " + collation + " of unknown charset " + cs);
        }
        MySqlCharset c = new MySqlCharset(id, collation, cs, info.java(), info.maxLen());
        BY_ID.put(id, c);
        BY_NAME.put(collation, c);
    }

    /** The character set a server assigns to a block of ids, or null when the id is in no known block. */
    static String charsetForUnknownId(int id) {
        if (id >= 224 && id <= 247 || id >= 255 && id <= 511) {
            return "utf8mb4"; // MySQL's UCA blocks; 0900 collations keep growing past 323
        }
        if (id >= 192 && id <= 223) {
            return "utf8mb3";
        }
        if (id >= 1024 && id < 2048) {
            // MariaDB no-pad collations: 1024 + the id of the PAD SPACE twin (1032 latin1_swedish_nopad_ci).
            MySqlCharset base = BY_ID.get(id - 1024);
            return base != null ? base.charsetName() : null;
        }
        if (id >= 2048 && id < 3328) {
            // MariaDB 10.10+ UCA 14.0 collations: one block of 256 ids per Unicode charset.
            return switch ((id - 2048) >> 8) {
                case 0 -> "utf8mb3";
                case 1 -> "utf8mb4";
                case 2 -> "ucs2";
                case 3 -> "utf16";
                default -> "utf32";
            };
        }
        return null;
    }
}
