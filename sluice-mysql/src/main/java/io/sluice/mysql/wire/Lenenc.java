package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.Charset;

/**
 * Length-encoded integers and strings
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_dt_integers.html#sect_protocol_basic_dt_int_le,
 * page_protocol_basic_dt_strings.html#sect_protocol_basic_dt_string_le).
 *
 * <p>First byte {@code < 0xFB}: the value itself; {@code 0xFC} + 2 bytes; {@code 0xFD} + 3 bytes;
 * {@code 0xFE} + 8 bytes. {@code 0xFB} is the NULL marker of text rows and {@code 0xFF} is undefined
 * (it starts an ERR packet), so both are protocol errors where an integer is required.
 *
 * <p>Every length read here is checked against the bytes actually left in the message before any
 * allocation, so a lying peer cannot make us allocate.
 */
public final class Lenenc {
    private Lenenc() {
    }

    /**
     * Consumes the {@code 0xFB} NULL marker if it is next and returns true; otherwise consumes nothing.
     */
    public static boolean readNullMarker(ByteReader r) {
        if (r.peek() == 0xFB) {
            r.skip(1);
            return true;
        }
        return false;
    }

    /**
     * An unsigned length-encoded integer as raw 64 bits: values above {@code Long.MAX_VALUE} come back
     * negative (use {@link Long#toUnsignedString(long)}). For ids such as last_insert_id, which may be
     * a BIGINT UNSIGNED.
     */
    public static long readUnsigned(ByteReader r) {
        int first = r.u8();
        if (first < 0xFB) {
            return first;
        }
        return switch (first) {
            case 0xFC -> r.u16le();
            case 0xFD -> r.u24le();
            case 0xFE -> r.i64le();
            case 0xFB -> throw new ProtocolException("unexpected NULL marker 0xFB where a length-encoded integer was expected");
            default -> throw new ProtocolException("invalid length-encoded integer prefix 0xFF");
        };
    }

    /** A length-encoded integer that must fit a signed long (counts, lengths). */
    public static long readInt(ByteReader r) {
        long v = readUnsigned(r);
        if (v < 0) {
            throw new ProtocolException("length-encoded integer " + Long.toUnsignedString(v) + " exceeds 2^63-1");
        }
        return v;
    }

    /** A length-encoded integer used as the length of what follows: must not exceed the bytes left. */
    public static int readLength(ByteReader r) {
        long n = readInt(r);
        if (n > r.remaining()) {
            throw new ProtocolException("length-encoded length " + n + " exceeds the " + r.remaining() + " bytes left");
        }
        return (int) n;
    }

    public static byte[] readBytes(ByteReader r) {
        return r.bytes(readLength(r));
    }

    public static String readString(ByteReader r, Charset cs) {
        return r.string(readLength(r), cs);
    }

    /** Skips one length-encoded string. */
    public static void skipString(ByteReader r) {
        r.skip(readLength(r));
    }

    /** Encoded size of {@code v} (treated as unsigned) as a length-encoded integer. */
    public static int sizeOf(long v) {
        if (v >= 0 && v < 0xFB) {
            return 1;
        } else if (v >= 0 && v < 1 << 16) {
            return 3;
        } else if (v >= 0 && v < 1 << 24) {
            return 4;
        }
        return 9;
    }

    /** Writes {@code v} as an unsigned length-encoded integer (negative = above 2^63). */
    public static void writeInt(ByteWriter w, long v) {
        if (v >= 0 && v < 0xFB) {
            w.u8((int) v);
        } else if (v >= 0 && v < 1 << 16) {
            w.u8(0xFC).u16le((int) v);
        } else if (v >= 0 && v < 1 << 24) {
            w.u8(0xFD).u24le((int) v);
        } else {
            w.u8(0xFE).i64le(v);
        }
    }

    public static void writeBytes(ByteWriter w, byte[] b) {
        writeInt(w, b.length);
        w.bytes(b);
    }

    public static void writeString(ByteWriter w, String s, Charset cs) {
        writeBytes(w, s.getBytes(cs));
    }
}
