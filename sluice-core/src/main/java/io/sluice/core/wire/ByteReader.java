package io.sluice.core.wire;

import io.sluice.core.error.ProtocolException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked cursor over one received message. Every read checks the remaining length first
 * and throws {@link ProtocolException} on underflow, so a truncated or lying peer can never cause an
 * {@code ArrayIndexOutOfBoundsException} or an allocation larger than the bytes actually present.
 *
 * <p>Not thread-safe; one reader per message. Little-endian helpers serve MySQL, big-endian ones
 * PostgreSQL.
 */
public final class ByteReader {
    private final byte[] buf;
    private final int end;
    private int pos;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("bad slice " + offset + "+" + length + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        if (p < 0 || p > end) {
            throw new ProtocolException("position " + p + " outside message of " + end + " bytes");
        }
        pos = p;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public byte[] array() {
        return buf;
    }

    /** Throws unless {@code n} more bytes are present. */
    public void require(long n) {
        if (n < 0 || n > end - pos) {
            throw new ProtocolException("truncated message: need " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public void skip(long n) {
        require(n);
        pos += (int) n;
    }

    public int peek() {
        require(1);
        return buf[pos] & 0xff;
    }

    public int u8() {
        require(1);
        return buf[pos++] & 0xff;
    }

    public byte i8() {
        require(1);
        return buf[pos++];
    }

    // ---- little endian (MySQL) ----

    public int u16le() {
        require(2);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public int u24le() {
        require(3);
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16;
        pos += 3;
        return v;
    }

    public long u32le() {
        require(4);
        long v = (buf[pos] & 0xffL) | (buf[pos + 1] & 0xffL) << 8 | (buf[pos + 2] & 0xffL) << 16
                | (buf[pos + 3] & 0xffL) << 24;
        pos += 4;
        return v;
    }

    public int i32le() {
        return (int) u32le();
    }

    /** Reads 8 bytes little endian as a signed long (callers handle unsigned). */
    public long i64le() {
        require(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    /** Reads {@code n} (0..8) bytes little endian as an unsigned value in a long. */
    public long uNle(int n) {
        require(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += n;
        return v;
    }

    // ---- big endian (PostgreSQL) ----

    public int u16be() {
        require(2);
        int v = (buf[pos] & 0xff) << 8 | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int i32be() {
        require(4);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long i64be() {
        require(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xffL);
        }
        pos += 8;
        return v;
    }

    // ---- byte runs and strings ----

    public byte[] bytes(long n) {
        require(n);
        byte[] out = new byte[(int) n];
        System.arraycopy(buf, pos, out, 0, (int) n);
        pos += (int) n;
        return out;
    }

    public byte[] rest() {
        return bytes(remaining());
    }

    public String string(long n, Charset cs) {
        require(n);
        String s = new String(buf, pos, (int) n, cs);
        pos += (int) n;
        return s;
    }

    public String restString(Charset cs) {
        return string(remaining(), cs);
    }

    /** Index of the next {@code 0x00} at or after the cursor, or -1. */
    public int indexOfNul() {
        for (int i = pos; i < end; i++) {
            if (buf[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** A NUL-terminated string; the terminator is consumed. A missing terminator is a protocol error. */
    public String cString(Charset cs) {
        int nul = indexOfNul();
        if (nul < 0) {
            throw new ProtocolException("unterminated string in message");
        }
        String s = new String(buf, pos, nul - pos, cs);
        pos = nul + 1;
        return s;
    }

    /** A NUL-terminated string, or the rest of the message when no terminator is present. */
    public String cStringOrRest(Charset cs) {
        int nul = indexOfNul();
        if (nul < 0) {
            return restString(cs);
        }
        return cString(cs);
    }

    public String cString() {
        return cString(StandardCharsets.UTF_8);
    }
}
