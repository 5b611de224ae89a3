package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.result.Column;
import io.sluice.core.wire.ByteReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One {@code Protocol::ColumnDefinition41} packet
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_query_response_text_resultset_column_definition.html):
 *
 * <pre>
 * lenenc_str catalog ("def"), schema, table, org_table, name, org_name
 * lenenc_int length of fixed-length fields, always 0x0c
 * int&lt;2&gt;     character_set (collation id)
 * int&lt;4&gt;     column_length
 * int&lt;1&gt;     type
 * int&lt;2&gt;     flags
 * int&lt;1&gt;     decimals
 * int&lt;2&gt;     filler (0x00 0x00)
 * </pre>
 *
 * Trailing bytes are ignored: COM_FIELD_LIST appends default values, and other extensions may follow.
 * MariaDB's extended type info (mariadb.com/kb/en/result-set-packets/#column-definition-packet) sits
 * between org_name and the 0x0c marker and is only sent when the client negotiates
 * MARIADB_CLIENT_EXTENDED_TYPE_INFO, which Sluice does not; a server that sent it anyway would almost
 * certainly fail the 0x0c check with a ProtocolException rather than be misread.
 *
 * @param collationId the {@code character_set} field: the collation of string columns, 63 (binary) for
 *                    binary strings and for every non-string column
 * @param length      the maximum display length in bytes (for strings: characters x maxBytesPerChar)
 * @param flags       the raw flags word; see {@link ColumnFlag}
 * @param decimals    digits after the point for DECIMAL/FLOAT/DOUBLE, fractional-second precision for
 *                    temporal types (0x1f for "not fixed", e.g. computed floats)
 */
public record ColumnDefinition(String catalog, String schema, String table, String orgTable, String name,
                               String orgName, int collationId, long length, ColumnType type, int flags,
                               int decimals) {

    /** Decodes metadata strings as UTF-8 ({@code character_set_results} = utf8mb4, Sluice's default). */
    public static ColumnDefinition decode(byte[] payload) {
        return decode(payload, StandardCharsets.UTF_8);
    }

    /** Decodes with the metadata charset of {@code character_set_results}. */
    public static ColumnDefinition decode(byte[] payload, Charset metadataCharset) {
        ByteReader r = new ByteReader(payload);
        String catalog = Lenenc.readString(r, metadataCharset);
        String schema = Lenenc.readString(r, metadataCharset);
        String table = Lenenc.readString(r, metadataCharset);
        String orgTable = Lenenc.readString(r, metadataCharset);
        String name = Lenenc.readString(r, metadataCharset);
        String orgName = Lenenc.readString(r, metadataCharset);
        long fixed = Lenenc.readInt(r);
        if (fixed != 0x0c) {
            throw new ProtocolException("column definition: fixed-length block of " + fixed + " bytes, expected 12");
        }
        r.require(12);
        int collation = r.u16le();
        long length = r.u32le();
        ColumnType type = ColumnType.of(r.u8());
        int flags = r.u16le();
        int decimals = r.u8();
        r.skip(2); // filler
        return new ColumnDefinition(catalog, schema, table, orgTable, name, orgName, collation, length, type,
                flags, decimals);
    }

    public boolean has(ColumnFlag flag) {
        return flag.isSet(flags);
    }

    public boolean isUnsigned() {
        return has(ColumnFlag.UNSIGNED);
    }

    /** True when string-typed values of this column are bytes, not text (collation 63). */
    public boolean isBinaryCollation() {
        return collationId == MySqlCharset.BINARY_ID;
    }

    public MySqlCharset charset() {
        return MySqlCharset.forId(collationId);
    }

    /** Dialect-neutral metadata for the result API. */
    public Column toColumn() {
        return new Column(name, table, typeName(), javaType(), !has(ColumnFlag.NOT_NULL), length, decimals);
    }

    /**
     * The SQL type name as far as the wire tells it: {@code BIGINT UNSIGNED}, {@code VARCHAR},
     * {@code VARBINARY}, {@code MEDIUMTEXT}... TEXT/BLOB sizes are inferred from the column length
     * (the wire sends every TEXT as type BLOB). MariaDB reports JSON columns as LONGTEXT; that is what
     * this says for them.
     */
    public String typeName() {
        String unsigned = isUnsigned() ? " UNSIGNED" : "";
        boolean bin = isBinaryCollation();
        return switch (type) {
            case DECIMAL, NEWDECIMAL -> "DECIMAL" + unsigned;
            case TINY -> "TINYINT" + unsigned;
            case SHORT -> "SMALLINT" + unsigned;
            case INT24 -> "MEDIUMINT" + unsigned;
            case LONG -> "INT" + unsigned;
            case LONGLONG -> "BIGINT" + unsigned;
            case FLOAT -> "FLOAT" + unsigned;
            case DOUBLE -> "DOUBLE" + unsigned;
            case NULL -> "NULL";
            case TIMESTAMP, TIMESTAMP2 -> "TIMESTAMP";
            case DATE, NEWDATE -> "DATE";
            case TIME, TIME2 -> "TIME";
            case DATETIME, DATETIME2 -> "DATETIME";
            case YEAR -> "YEAR";
            case BIT -> "BIT";
            case VECTOR -> "VECTOR";
            case JSON -> "JSON";
            case ENUM -> "ENUM";
            case SET -> "SET";
            case GEOMETRY -> "GEOMETRY";
            case VARCHAR, VAR_STRING -> has(ColumnFlag.ENUM) ? "ENUM" : has(ColumnFlag.SET) ? "SET"
                    : bin ? "VARBINARY" : "VARCHAR";
            case STRING -> has(ColumnFlag.ENUM) ? "ENUM" : has(ColumnFlag.SET) ? "SET" : bin ? "BINARY" : "CHAR";
            case TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB -> blobName(bin);
        };
    }

    private String blobName(boolean bin) {
        long chars = length / Math.max(1, charset().maxBytesPerChar());
        String size = chars <= 0xff ? "TINY" : chars <= 0xffff ? "" : chars <= 0xffffff ? "MEDIUM" : "LONG";
        return size + (bin ? "BLOB" : "TEXT");
    }

    /**
     * The class {@link RowDecoder} produces for this column. BIGINT UNSIGNED yields {@code Long} up to
     * {@code Long.MAX_VALUE} and {@code BigInteger} above, so its declared class is {@code Object}
     * (the {@link Column} contract for varying classes).
     */
    public Class<?> javaType() {
        return switch (type) {
            case TINY, SHORT, INT24, YEAR -> Integer.class;
            case LONG -> isUnsigned() ? Long.class : Integer.class;
            case LONGLONG -> isUnsigned() ? Object.class : Long.class;
            case DECIMAL, NEWDECIMAL -> BigDecimal.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case NULL -> Object.class;
            case TIMESTAMP, TIMESTAMP2 -> Instant.class;
            case DATE, NEWDATE -> LocalDate.class;
            case DATETIME, DATETIME2 -> LocalDateTime.class;
            case TIME, TIME2 -> Duration.class;
            case BIT, GEOMETRY, VECTOR -> byte[].class;
            case JSON, ENUM, SET -> String.class;
            case VARCHAR, VAR_STRING, STRING, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB ->
                    isBinaryCollation() && !has(ColumnFlag.ENUM) && !has(ColumnFlag.SET) ? byte[].class : String.class;
        };
    }
}
