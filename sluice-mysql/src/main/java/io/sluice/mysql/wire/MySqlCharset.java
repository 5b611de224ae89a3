package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One MySQL/MariaDB collation: its id (the {@code character_set} field of a column definition and
 * of the handshake), name, character set and the Java charset that decodes it.
 *
 * <p>Ids come from {@code INFORMATION_SCHEMA.COLLATIONS} of MySQL 8 and MariaDB 10/11
 * (dev.mysql.com/doc/refman/8.0/en/charset-mysql.html, mariadb.com/kb/en/supported-character-sets-and-collations).
 * Lookups by id never fail: ids we do not know but that fall in a range a server allocates to one
 * character set (MySQL's 0900 utf8mb4 collations, MariaDB's no-pad ids at 1024 + base id and its
 * UCA-14.0 blocks at 2048.. 3327) map to that character set, and anything else maps conservatively
 * to UTF-8 (the only charset a modern server is likely to invent new collations for). Lookups by
 * name are caller input and fail with {@link UsageException}.
 *
 * <p>Character sets with no Java equivalent (dec8, hp8, swe7, armscii8, keybcs2, geostd8) decode with
 * ISO-8859-1, which at least maps every byte to one char and back without loss. {@code latin1} is
 * MySQL's name for Windows-1252 and decodes as such.
 *
 * @param collationId     the numeric id
 * @param collationName   e.g. {@code utf8mb4_unicode_ci}; MySQL 8.0.30+ spelling ({@code utf8mb3_...})
 * @param charsetName     e.g. {@code utf8mb4}, {@code binary}
 * @param javaCharset     the Java charset for values in this collation
 * @param maxBytesPerChar the longest encoding of one character (utf8mb4: 4)
 */
public record MySqlCharset(int collationId, String collationName, String charsetName, Charset javaCharset,
                           int maxBytesPerChar) {

    /** The {@code binary} pseudo-collation: BINARY, VARBINARY and BLOB columns and all non-string columns. */
    public static final int BINARY_ID = 63;

    /**
     * SQL text in this charset. Characters the charset cannot represent are an error, not a silent
     * '?': a substituted character could change what the statement means.
     */
    public byte[] encode(String s) {
        if (javaCharset == java.nio.charset.StandardCharsets.UTF_8) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return StrictCharset.encode(s, javaCharset, "SQL text");
    }

    /** True for the {@code binary} pseudo-charset, whose string columns decode to {@code byte[]}. */
    public boolean isBinary() {
        return collationId == BINARY_ID;
    }

    /** The collation with this id; never fails (see the class comment for unknown ids). */
    public static MySqlCharset forId(int collationId) {
        MySqlCharset known = MySqlCollations.BY_ID.get(collationId);
        if (known != null) {
            return known;
        }
        String cs = MySqlCollations.charsetForUnknownId(collationId);
        if (cs == null) {
            return new MySqlCharset(collationId, "unknown_" + collationId, "unknown", StandardCharsets.UTF_8, 4);
        }
        MySqlCollations.CharsetInfo info = MySqlCollations.CHARSETS.get(cs);
        return new MySqlCharset(collationId, cs + "_collation_" + collationId, cs, info.java(), info.maxLen());
    }

    /**
     * The default collation of a character set name ({@code utf8mb4} gives id 45, utf8mb4_general_ci,
     * which both MySQL 5.7+ and MariaDB understand; {@code utf8} is taken as {@code utf8mb3}).
     */
    public static MySqlCharset forName(String charsetName) {
        String key = normalizeCharset(charsetName);
        MySqlCollations.CharsetInfo info = key == null ? null : MySqlCollations.CHARSETS.get(key);
        if (info == null) {
            throw new UsageException("unknown MySQL character set '" + charsetName + "'");
        }
        return forId(info.defaultCollation());
    }

    /** A collation by name, e.g. {@code utf8mb4_unicode_ci} (id 224); {@code utf8_} means {@code utf8mb3_}. */
    public static MySqlCharset forCollation(String collationName) {
        if (collationName != null) {
            String key = collationName.toLowerCase(Locale.ROOT);
            if (key.startsWith("utf8_")) {
                key = "utf8mb3_" + key.substring(5);
            }
            MySqlCharset c = MySqlCollations.BY_NAME.get(key);
            if (c != null) {
                return c;
            }
        }
        throw new UsageException("unknown MySQL collation '" + collationName + "'");
    }

    private static String normalizeCharset(String name) {
        if (name == null) {
            return null;
        }
        String key = name.toLowerCase(Locale.ROOT);
        return key.equals("utf8") ? "utf8mb3" : key;
    }
}
