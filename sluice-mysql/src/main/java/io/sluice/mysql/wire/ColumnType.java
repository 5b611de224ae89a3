package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;

/**
 * The column / parameter type codes of the MySQL client/server protocol ({@code enum_field_types},
 * see "Column Types" under dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_dt_*.html and
 * the {@code type} field of {@code Protocol::ColumnDefinition41}). MariaDB uses the same codes.
 *
 * <p>{@code NEWDATE}, {@code VARCHAR}, {@code TIMESTAMP2}, {@code DATETIME2} and {@code TIME2} are
 * server-internal and should not appear on the wire; they are accepted anyway and decoded like their
 * public counterparts. {@link #VECTOR} (0xf2) is MySQL 9's vector type, an extension over the list in
 * the brief so that a MySQL 9 server does not break result decoding; it decodes to {@code byte[]}.
 */
public enum ColumnType {
    DECIMAL(0x00),
    TINY(0x01),
    SHORT(0x02),
    LONG(0x03),
    FLOAT(0x04),
    DOUBLE(0x05),
    NULL(0x06),
    TIMESTAMP(0x07),
    LONGLONG(0x08),
    INT24(0x09),
    DATE(0x0a),
    TIME(0x0b),
    DATETIME(0x0c),
    YEAR(0x0d),
    NEWDATE(0x0e),
    VARCHAR(0x0f),
    BIT(0x10),
    TIMESTAMP2(0x11),
    DATETIME2(0x12),
    TIME2(0x13),
    VECTOR(0xf2),
    JSON(0xf5),
    NEWDECIMAL(0xf6),
    ENUM(0xf7),
    SET(0xf8),
    TINY_BLOB(0xf9),
    MEDIUM_BLOB(0xfa),
    LONG_BLOB(0xfb),
    BLOB(0xfc),
    VAR_STRING(0xfd),
    STRING(0xfe),
    GEOMETRY(0xff);

    private static final ColumnType[] BY_CODE = new ColumnType[256];

    static {
        for (ColumnType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    ColumnType(int code) {
        this.code = code;
    }

    /** The one-byte protocol code. */
    public int code() {
        return code;
    }

    /** The type for a protocol code; an unknown code means the stream is not what we think it is. */
    public static ColumnType of(int code) {
        ColumnType t = code >= 0 && code < 256 ? BY_CODE[code] : null;
        if (t == null) {
            throw new ProtocolException("unknown MySQL column type code 0x" + Integer.toHexString(code));
        }
        return t;
    }

    /** TINY, SHORT, INT24, LONG, LONGLONG (YEAR is reported separately). */
    public boolean isInteger() {
        return this == TINY || this == SHORT || this == INT24 || this == LONG || this == LONGLONG;
    }

    /** DATE, DATETIME, TIMESTAMP and their internal aliases. */
    public boolean isDateOrDateTime() {
        return this == DATE || this == NEWDATE || this == DATETIME || this == DATETIME2
                || this == TIMESTAMP || this == TIMESTAMP2;
    }
}
