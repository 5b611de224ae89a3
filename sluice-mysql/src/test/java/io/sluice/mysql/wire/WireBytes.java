package io.sluice.mysql.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Test helpers to write golden vectors by hand: hex text and length-prefixed strings. */
final class WireBytes {
    private WireBytes() {
    }

    /** Hex digits, whitespace ignored: {@code hex("03 64 65 66")}. */
    static byte[] hex(String s) {
        String h = s.replaceAll("\\s+", "");
        if (h.length() % 2 != 0) {
            throw new IllegalArgumentException("odd hex length: " + s);
        }
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Concatenates byte arrays. */
    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A one-byte-length string (values under 251 bytes only), as the docs' lenenc_str examples. */
    static byte[] str(String s, Charset cs) {
        byte[] b = s.getBytes(cs);
        if (b.length >= 0xfb) {
            throw new IllegalArgumentException("test helper only does 1-byte lengths");
        }
        return cat(new byte[] {(byte) b.length}, b);
    }

    static byte[] str(String s) {
        return str(s, StandardCharsets.UTF_8);
    }

    static ColumnDefinition col(String name, ColumnType type, int flags, int collation) {
        return new ColumnDefinition("def", "test", "t", "t", name, name, collation, 20, type, flags, 0);
    }

    static ColumnDefinition col(String name, ColumnType type) {
        return col(name, type, 0, MySqlCharset.BINARY_ID);
    }
}
