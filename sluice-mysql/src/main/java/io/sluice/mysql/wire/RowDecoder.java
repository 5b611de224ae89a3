package io.sluice.mysql.wire;

import io.sluice.core.error.DataException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;

/**
 * Decodes the rows of one result set. Built once when the column definitions have arrived; per row it
 * only walks the payload and calls the per-column decoders chosen at construction.
 *
 * <p>Java types, identical for the text and binary protocols: TINYINT/SMALLINT/MEDIUMINT/INT and YEAR
 * give {@code Integer} (TINYINT(1) included - no guessing at booleans), INT UNSIGNED {@code Long},
 * BIGINT {@code Long}, BIGINT UNSIGNED {@code Long} up to Long.MAX_VALUE and {@code BigInteger} above,
 * DECIMAL {@code BigDecimal}, FLOAT {@code Float}, DOUBLE {@code Double}, DATE {@code LocalDate},
 * DATETIME {@code LocalDateTime}, TIMESTAMP {@code Instant} (local value read in the session zone),
 * TIME {@code Duration} (negative and beyond 24 h), BIT/GEOMETRY/binary strings {@code byte[]}
 * (GEOMETRY as MySQL's internal form: 4-byte little-endian SRID followed by WKB), other strings
 * {@code String} in the column's charset. See {@link ColumnDefinition#javaType()}.
 *
 * <p>Errors: malformed bytes raise {@link ProtocolException} naming the column; an unrepresentable
 * date under {@link ZeroDateBehavior#ERROR} raises {@link DataException}. Nothing else escapes: any
 * other runtime exception from a decoder is a bug that is reported as a protocol error rather than
 * leaking an {@code ArrayIndexOutOfBounds} to the caller.
 *
 * <p>MariaDB documents the same row layouts (mariadb.com/kb/en/resultset-row/); its differences are in
 * metadata (JSON reported as LONGTEXT, extended type info we do not negotiate), not in values.
 *
 * <p>Framing is the caller's job: it must already have told a row from an EOF/OK packet (a text row
 * may legitimately start with 0xfe when its first value is long).
 */
public final class RowDecoder {
    private final ColumnDefinition[] columns;
    private final ColumnDecoders.TextValue[] text;
    private final ColumnDecoders.BinaryValue[] binary;
    private final int bitmapBytes;

    private RowDecoder(ColumnDefinition[] columns, ColumnDecoders.TextValue[] text,
                       ColumnDecoders.BinaryValue[] binary) {
        this.columns = columns;
        this.text = text;
        this.binary = binary;
        // page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row: NULL bitmap with offset 2.
        this.bitmapBytes = (columns.length + 7 + 2) / 8;
    }

    /** Rows of a COM_QUERY result set (page_protocol_com_query_response_text_resultset.html). */
    public static RowDecoder text(ColumnDefinition[] cols, DecodeContext ctx) {
        ColumnDefinition[] copy = cols.clone();
        ColumnDecoders.TextValue[] decoders = new ColumnDecoders.TextValue[copy.length];
        for (int i = 0; i < copy.length; i++) {
            decoders[i] = ColumnDecoders.text(copy[i], ctx);
        }
        return new RowDecoder(copy, decoders, null);
    }

    /** Rows of a COM_STMT_EXECUTE result set (page_protocol_binary_resultset.html). */
    public static RowDecoder binary(ColumnDefinition[] cols, DecodeContext ctx) {
        ColumnDefinition[] copy = cols.clone();
        ColumnDecoders.BinaryValue[] decoders = new ColumnDecoders.BinaryValue[copy.length];
        for (int i = 0; i < copy.length; i++) {
            decoders[i] = ColumnDecoders.binary(copy[i], ctx);
        }
        return new RowDecoder(copy, null, decoders);
    }

    public int columnCount() {
        return columns.length;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** Decodes one row packet's payload into one value per column ({@code null} for SQL NULL). */
    public Object[] decode(byte[] payload) {
        return decode(payload, payload.length);
    }

    /**
     * Decodes the payload {@code buf[0, length)} (a reused read buffer: every value is copied out,
     * nothing keeps a reference to {@code buf}).
     */
    public Object[] decode(byte[] buf, int length) {
        if (length < 0 || length > buf.length) {
            throw new IllegalArgumentException("length " + length + " outside the buffer of " + buf.length);
        }
        return binary != null ? decodeBinary(buf, length) : decodeText(buf, length);
    }

    private Object[] decodeText(byte[] payload, int length) {
        ByteReader r = new ByteReader(payload, 0, length);
        Object[] out = new Object[columns.length];
        int i = 0;
        try {
            for (; i < out.length; i++) {
                if (Lenenc.readNullMarker(r)) {
                    continue;
                }
                long len = Lenenc.readInt(r);
                r.require(len);
                int off = r.position();
                r.skip(len);
                out[i] = text[i].decode(payload, off, (int) len);
            }
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw columnError(i, e);
        }
        if (r.hasRemaining()) {
            throw new ProtocolException("text row has " + r.remaining() + " bytes after its " + out.length
                    + " columns");
        }
        return out;
    }

    private Object[] decodeBinary(byte[] payload, int length) {
        ByteReader r = new ByteReader(payload, 0, length);
        if (r.u8() != 0x00) {
            throw new ProtocolException("binary row does not start with the 0x00 packet header");
        }
        int bitmap = r.position();
        r.skip(bitmapBytes);
        Object[] out = new Object[columns.length];
        int i = 0;
        try {
            for (; i < out.length; i++) {
                int bit = i + 2;
                if ((payload[bitmap + (bit >>> 3)] & (1 << (bit & 7))) != 0) {
                    continue;
                }
                out[i] = binary[i].decode(r);
            }
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw columnError(i, e);
        }
        if (r.hasRemaining()) {
            throw new ProtocolException("binary row has " + r.remaining() + " bytes after its " + out.length
                    + " columns");
        }
        return out;
    }

    private ProtocolException columnError(int i, RuntimeException cause) {
        ColumnDefinition c = columns[i];
        return new ProtocolException("column '" + c.name() + "' (#" + (i + 1) + ", " + c.type() + "): "
                + cause.getMessage(), cause);
    }
}
