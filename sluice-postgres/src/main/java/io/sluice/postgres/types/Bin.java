package io.sluice.postgres.types;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.UsageException;
import java.nio.charset.StandardCharsets;

/** Small shared helpers for codecs: big-endian reads after a length check, and error builders. */
final class Bin {
    private Bin() {}

    static ProtocolException bad(String type, String detail) {
        return new ProtocolException("malformed " + type + " value: " + detail);
    }

    static UsageException cannotEncode(String type, Object value) {
        String cls = value == null ? "null" : value.getClass().getName();
        return new UsageException("cannot encode a " + cls + " as PostgreSQL type " + type);
    }

    /** Fixed-width types: the field must be exactly {@code want} bytes. */
    static void requireLen(String type, int len, int want) {
        if (len != want) {
            throw bad(type, "binary form must be " + want + " bytes, got " + len);
        }
    }

    static short i16(byte[] b, int off) {
        return (short) ((b[off] & 0xff) << 8 | (b[off + 1] & 0xff));
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    static int i32(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    static long i64(byte[] b, int off) {
        return (long) i32(b, off) << 32 | (i32(b, off + 4) & 0xffffffffL);
    }

    static String utf8(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** True when {@code b[off, off+len)} equals the ASCII string {@code s}. */
    static boolean is(byte[] b, int off, int len, String s) {
        if (len != s.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Hex nibble value of an ASCII byte, or -1. */
    static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
