package io.sluice.core.wire;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * A growable little/big-endian byte buffer used to encode one outgoing message. Codecs write into
 * it; the transport sends {@link #array()} up to {@link #size()} without another copy.
 */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter() {
        this(128);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public ByteWriter reset() {
        size = 0;
        return this;
    }

    /** Ensures room for {@code n} more bytes. */
    public void ensure(int n) {
        long need = (long) size + n;
        if (need > buf.length) {
            if (need > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("message larger than 2 GiB");
            }
            long grown = Math.max(need, (long) buf.length * 2);
            buf = Arrays.copyOf(buf, (int) Math.min(grown, Integer.MAX_VALUE - 16));
        }
    }

    /** Reserves {@code n} bytes (e.g. a header filled in later) and returns their offset. */
    public int skip(int n) {
        ensure(n);
        int at = size;
        size += n;
        return at;
    }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter u16le(int v) {
        ensure(2);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        return this;
    }

    public ByteWriter u24le(int v) {
        ensure(3);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        return this;
    }

    public ByteWriter u32le(long v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
        return this;
    }

    public ByteWriter i64le(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ByteWriter u16be(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter i32be(int v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    public ByteWriter i64be(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Overwrites 4 bytes big endian at {@code at} (length prefixes filled in after the body). */
    public void putI32be(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** Overwrites 3 bytes little endian at {@code at}. */
    public void putU24le(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
    }

    public void put(int at, byte v) {
        buf[at] = v;
    }

    public ByteWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public ByteWriter string(String s, Charset cs) {
        return bytes(s.getBytes(cs));
    }

    /** The string's bytes followed by a NUL terminator. */
    public ByteWriter cString(String s, Charset cs) {
        bytes(s.getBytes(cs));
        return u8(0);
    }
}
