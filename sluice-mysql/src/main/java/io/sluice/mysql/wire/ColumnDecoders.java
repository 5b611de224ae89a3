package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Chooses, once per column, the small function that turns that column's wire bytes into its Java
 * value (asyncpg's per-statement decoder pipeline). The type switch runs here, at result-set start;
 * per row {@link RowDecoder} only calls the chosen functions.
 *
 * <p>Both protocols share the string-form decoders and {@link Temporals}, which is what keeps a TEXT
 * and a BINARY row of the same data equal.
 */
final class ColumnDecoders {
    /** Decodes one non-NULL text-protocol value (the bytes of its length-encoded string). */
    @FunctionalInterface
    interface TextValue {
        Object decode(byte[] buf, int off, int len);
    }

    /** Decodes one non-NULL binary-protocol value, consuming exactly its bytes. */
    @FunctionalInterface
    interface BinaryValue {
        Object decode(ByteReader r);
    }

    private static final TextValue BYTES = (b, off, len) -> Arrays.copyOfRange(b, off, off + len);
    private static final TextValue ALWAYS_NULL = (b, off, len) -> null;

    private ColumnDecoders() {
    }

    /**
     * Text protocol (page_protocol_com_query_response_text_resultset_row.html): every value is the
     * SQL text form as a length-encoded string, NULL is 0xfb. BIT, BLOB and GEOMETRY values are the raw
     * bytes.
     */
    static TextValue text(ColumnDefinition col, DecodeContext ctx) {
        String name = col.name();
        boolean unsigned = col.isUnsigned();
        return switch (col.type()) {
            case TINY, SHORT, INT24, YEAR -> (b, off, len) -> TextValues.parseInt(b, off, len);
            case LONG -> unsigned ? (b, off, len) -> TextValues.parseLong(b, off, len)
                    : (b, off, len) -> TextValues.parseInt(b, off, len);
            case LONGLONG -> unsigned ? TextValues::parseUnsigned64 : (b, off, len) -> TextValues.parseLong(b, off, len);
            case DECIMAL, NEWDECIMAL -> TextValues::parseDecimal;
            case FLOAT -> (b, off, len) -> TextValues.parseFloat(b, off, len);
            case DOUBLE -> (b, off, len) -> TextValues.parseDouble(b, off, len);
            case NULL -> ALWAYS_NULL;
            case DATE, NEWDATE -> (b, off, len) -> TextValues.parseDateTime(b, off, len, name, Temporals.Kind.DATE, ctx);
            case DATETIME, DATETIME2 ->
                    (b, off, len) -> TextValues.parseDateTime(b, off, len, name, Temporals.Kind.DATETIME, ctx);
            case TIMESTAMP, TIMESTAMP2 ->
                    (b, off, len) -> TextValues.parseDateTime(b, off, len, name, Temporals.Kind.TIMESTAMP, ctx);
            case TIME, TIME2 -> TextValues::parseTime;
            case BIT, GEOMETRY, VECTOR -> BYTES;
            case JSON, ENUM, SET -> string(textCharset(col));
            case VARCHAR, VAR_STRING, STRING, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB, BLOB ->
                    col.javaType() == byte[].class ? BYTES : string(textCharset(col));
        };
    }

    /**
     * Binary protocol (page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value):
     * fixed-width little-endian integers and IEEE floats, length-prefixed temporal structs, and a
     * length-encoded string for everything else (DECIMAL included).
     */
    static BinaryValue binary(ColumnDefinition col, DecodeContext ctx) {
        String name = col.name();
        boolean unsigned = col.isUnsigned();
        return switch (col.type()) {
            case TINY -> unsigned ? r -> r.u8() : r -> (int) r.i8();
            case SHORT -> unsigned ? r -> r.u16le() : r -> (int) (short) r.u16le();
            case YEAR -> r -> r.u16le();
            case INT24 -> unsigned ? ColumnDecoders::unsignedInt24 : r -> r.i32le();
            case LONG -> unsigned ? r -> r.u32le() : r -> r.i32le();
            case LONGLONG -> unsigned ? ColumnDecoders::unsignedLongLong : r -> r.i64le();
            case FLOAT -> r -> Float.intBitsToFloat(r.i32le());
            case DOUBLE -> r -> Double.longBitsToDouble(r.i64le());
            case NULL -> r -> null;
            case DATE, NEWDATE -> r -> Temporals.readBinaryDateTime(r, name, Temporals.Kind.DATE, ctx);
            case DATETIME, DATETIME2 -> r -> Temporals.readBinaryDateTime(r, name, Temporals.Kind.DATETIME, ctx);
            case TIMESTAMP, TIMESTAMP2 -> r -> Temporals.readBinaryDateTime(r, name, Temporals.Kind.TIMESTAMP, ctx);
            case TIME, TIME2 -> Temporals::readBinaryTime;
            default -> lenencString(text(col, ctx));
        };
    }

    private static Object unsignedInt24(ByteReader r) {
        long v = r.u32le();
        if (v > 0xff_ffffL) {
            throw new ProtocolException("MEDIUMINT UNSIGNED value " + v + " out of range");
        }
        return (int) v;
    }

    private static Object unsignedLongLong(ByteReader r) {
        long v = r.i64le();
        if (v >= 0) {
            return v;
        }
        // Above Long.MAX_VALUE: the 64 bits read as an unsigned magnitude.
        return new BigInteger(1, new byte[] {(byte) (v >>> 56), (byte) (v >>> 48), (byte) (v >>> 40),
            (byte) (v >>> 32), (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    private static BinaryValue lenencString(TextValue inner) {
        return r -> {
            long len = Lenenc.readInt(r);
            r.require(len);
            int off = r.position();
            r.skip(len);
            return inner.decode(r.array(), off, (int) len);
        };
    }

    private static TextValue string(Charset cs) {
        return (b, off, len) -> new String(b, off, len, cs);
    }

    /**
     * The charset for text values. JSON is always utf8mb4 on MySQL even where metadata says binary,
     * and ENUM/SET with a binary collation are still labels; both fall back to UTF-8.
     */
    private static Charset textCharset(ColumnDefinition col) {
        return col.isBinaryCollation() ? StandardCharsets.UTF_8 : col.charset().javaCharset();
    }
}
