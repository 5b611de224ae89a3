package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.Charset;

/**
 * Length-encoded integers and strings for the result-set and prepared-statement codecs
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_dt_integers.html#sect_protocol_basic_dt_int_le
 * and page_protocol_basic_dt_strings.html#sect_protocol_basic_dt_string_le).
 *
 * <p>Kept private to this feature so it does not depend on the connection-phase {@code Lenenc}
 * written in parallel; the two are to be merged later.
 *
 * <p>First byte: {@code < 0xfb} the value itself; {@code 0xfb} NULL (only meaningful inside a text
 * row); {@code 0xfc} + 2 bytes; {@code 0xfd} + 3 bytes; {@code 0xfe} + 8 bytes; {@code 0xff} undefined.
 */
final class LenencRows {
    /** Returned by {@link #readOrNull} for the 0xfb NULL marker. */
    static final long NULL = -1;

    private LenencRows() {
    }

    /** A length-encoded integer that may be the 0xfb NULL marker (text rows). */
    static long readOrNull(ByteReader r) {
        if (r.peek() == 0xfb) {
            r.skip(1);
            return NULL;
        }
        return read(r);
    }

    /**
     * A length-encoded integer used as a length or count. Values above {@code Long.MAX_VALUE} can never
     * be a real length and are rejected, so callers can compare the result with {@code remaining()}.
     */
    static long read(ByteReader r) {
        int first = r.u8();
        if (first < 0xfb) {
            return first;
        }
        return switch (first) {
            case 0xfc -> r.u16le();
            case 0xfd -> r.u24le();
            case 0xfe -> {
                long v = r.i64le();
                if (v < 0) {
                    throw new ProtocolException("length-encoded integer above 2^63");
                }
                yield v;
            }
            case 0xfb -> throw new ProtocolException("unexpected NULL marker 0xfb where a length was expected");
            default -> throw new ProtocolException("invalid length-encoded integer prefix 0xff");
        };
    }

    /** A length-encoded string; its length is checked against the bytes present before allocation. */
    static String readString(ByteReader r, Charset cs) {
        long n = read(r);
        return r.string(n, cs);
    }

    static void write(ByteWriter w, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative length " + v);
        }
        if (v < 0xfb) {
            w.u8((int) v);
        } else if (v < 1 << 16) {
            w.u8(0xfc).u16le((int) v);
        } else if (v < 1 << 24) {
            w.u8(0xfd).u24le((int) v);
        } else {
            w.u8(0xfe).i64le(v);
        }
    }

    static void writeBytes(ByteWriter w, byte[] b, int off, int len) {
        write(w, len);
        w.bytes(b, off, len);
    }

    static void writeBytes(ByteWriter w, byte[] b) {
        writeBytes(w, b, 0, b.length);
    }
}
