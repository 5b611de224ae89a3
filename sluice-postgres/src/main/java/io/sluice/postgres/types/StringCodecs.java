package io.sluice.postgres.types;

import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Character types, json/jsonb, bytea and uuid.
 *
 * <p>Text-like types send the same UTF-8 bytes in both formats ({@code textsend}); jsonb's binary
 * form prefixes a version byte, currently 1 ({@code jsonb_send}); bytea's binary form is the raw
 * bytes and its text form is {@code \x} hex (or the legacy "escape" format when
 * {@code bytea_output = escape}); uuid is 16 raw bytes ({@code uuid_send}). The session must run with
 * {@code client_encoding = UTF8}.
 */
final class StringCodecs {
    private StringCodecs() {}

    static final PgCodec TEXT = new TextCodec(PgTypes.TEXT, "text", false);
    static final PgCodec VARCHAR = new TextCodec(PgTypes.VARCHAR, "varchar", false);
    static final PgCodec BPCHAR = new TextCodec(PgTypes.BPCHAR, "bpchar", false);
    static final PgCodec NAME = new TextCodec(PgTypes.NAME, "name", false);
    static final PgCodec CHAR = new TextCodec(PgTypes.CHAR, "char", false);
    static final PgCodec UNKNOWN = new TextCodec(PgTypes.UNKNOWN, "unknown", false);
    static final PgCodec JSON = new TextCodec(PgTypes.JSON, "json", true);
    static final PgCodec JSONB = new JsonbCodec();
    static final PgCodec BYTEA = new ByteaCodec();
    static final PgCodec UUID_CODEC = new UuidCodec();
    static final PgCodec VOID = new VoidCodec();

    /** The text of a value that any text-like parameter accepts: strings, characters, enum names. */
    static String textOf(Object v) {
        if (v instanceof CharSequence || v instanceof Character) {
            return v.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return null;
    }

    static final class TextCodec implements PgCodec {
        private final int oid;
        private final String name;
        private final boolean json;

        TextCodec(int oid, String name, boolean json) {
            this.oid = oid;
            this.name = name;
            this.json = json;
        }

        @Override public int oid() { return oid; }
        @Override public String name() { return name; }
        @Override public Class<?> javaType() { return String.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            return Bin.utf8(buf, off, len);
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            return Bin.utf8(buf, off, len);
        }

        /** json takes only strings (the JSON document); the other text types also take chars and enums. */
        @Override
        public boolean canEncode(Object v) {
            return json ? v instanceof CharSequence : textOf(v) != null;
        }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            w.string(encodeText(v), StandardCharsets.UTF_8);
        }

        @Override
        public String encodeText(Object v) {
            if (!canEncode(v)) {
                throw Bin.cannotEncode(name, v);
            }
            return textOf(v);
        }
    }

    static final class JsonbCodec implements PgCodec {
        private static final int VERSION = 1;

        @Override public int oid() { return PgTypes.JSONB; }
        @Override public String name() { return "jsonb"; }
        @Override public Class<?> javaType() { return String.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            if (len < 1) {
                throw Bin.bad("jsonb", "missing version byte");
            }
            if (buf[off] != VERSION) {
                throw Bin.bad("jsonb", "unsupported version " + buf[off]);
            }
            return Bin.utf8(buf, off + 1, len - 1);
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            return Bin.utf8(buf, off, len);
        }

        @Override public boolean canEncode(Object v) { return v instanceof CharSequence; }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            String s = encodeText(v);
            w.u8(VERSION);
            w.string(s, StandardCharsets.UTF_8);
        }

        @Override
        public String encodeText(Object v) {
            if (!(v instanceof CharSequence cs)) {
                throw Bin.cannotEncode("jsonb", v);
            }
            return cs.toString();
        }
    }

    static final class ByteaCodec implements PgCodec {
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        @Override public int oid() { return PgTypes.BYTEA; }
        @Override public String name() { return "bytea"; }
        @Override public Class<?> javaType() { return byte[].class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            byte[] out = new byte[len];
            System.arraycopy(buf, off, out, 0, len);
            return out;
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            if (len >= 2 && buf[off] == '\\' && buf[off + 1] == 'x') {
                return decodeHex(buf, off + 2, len - 2);
            }
            return decodeEscape(buf, off, len);
        }

        private static byte[] decodeHex(byte[] buf, int off, int len) {
            if ((len & 1) != 0) {
                throw Bin.bad("bytea", "odd number of hex digits");
            }
            byte[] out = new byte[len / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Bin.hex(buf[off + 2 * i]);
                int lo = Bin.hex(buf[off + 2 * i + 1]);
                if (hi < 0 || lo < 0) {
                    throw Bin.bad("bytea", "invalid hex digit");
                }
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }

        /** The "escape" output format: {@code \\} for a backslash, {@code \ooo} for other non-printables. */
        private static byte[] decodeEscape(byte[] buf, int off, int len) {
            byte[] out = new byte[len]; // never longer than the input
            int n = 0;
            int end = off + len;
            for (int i = off; i < end; ) {
                byte c = buf[i];
                if (c != '\\') {
                    out[n++] = c;
                    i++;
                } else if (i + 1 < end && buf[i + 1] == '\\') {
                    out[n++] = '\\';
                    i += 2;
                } else if (i + 3 < end && isOctal(buf[i + 1]) && isOctal(buf[i + 2]) && isOctal(buf[i + 3])
                        && buf[i + 1] <= '3') {
                    out[n++] = (byte) ((buf[i + 1] - '0') << 6 | (buf[i + 2] - '0') << 3 | (buf[i + 3] - '0'));
                    i += 4;
                } else {
                    throw Bin.bad("bytea", "invalid escape sequence");
                }
            }
            return n == len ? out : java.util.Arrays.copyOf(out, n);
        }

        private static boolean isOctal(byte c) {
            return c >= '0' && c <= '7';
        }

        @Override public boolean canEncode(Object v) { return v instanceof byte[]; }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            if (!(v instanceof byte[] b)) {
                throw Bin.cannotEncode("bytea", v);
            }
            w.bytes(b);
        }

        @Override
        public String encodeText(Object v) {
            if (!(v instanceof byte[] b)) {
                throw Bin.cannotEncode("bytea", v);
            }
            char[] out = new char[2 + 2 * b.length];
            out[0] = '\\';
            out[1] = 'x';
            for (int i = 0; i < b.length; i++) {
                out[2 + 2 * i] = HEX[(b[i] >> 4) & 0xf];
                out[3 + 2 * i] = HEX[b[i] & 0xf];
            }
            return new String(out);
        }
    }

    static final class UuidCodec implements PgCodec {
        @Override public int oid() { return PgTypes.UUID; }
        @Override public String name() { return "uuid"; }
        @Override public Class<?> javaType() { return UUID.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            Bin.requireLen("uuid", len, 16);
            return new UUID(Bin.i64(buf, off), Bin.i64(buf, off + 8));
        }

        /** Strict canonical form (what {@code uuid_out} prints); {@code UUID.fromString} is too lenient. */
        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            if (len != 36) {
                throw Bin.bad("uuid", "text form must be 36 characters, got " + len);
            }
            long hi = 0;
            long lo = 0;
            int nibbles = 0;
            for (int i = 0; i < 36; i++) {
                int c = buf[off + i];
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (c != '-') {
                        throw Bin.bad("uuid", "expected '-' at " + i);
                    }
                    continue;
                }
                int h = Bin.hex(c);
                if (h < 0) {
                    throw Bin.bad("uuid", "invalid hex digit");
                }
                if (nibbles++ < 16) {
                    hi = hi << 4 | h;
                } else {
                    lo = lo << 4 | h;
                }
            }
            return new UUID(hi, lo);
        }

        @Override public boolean canEncode(Object v) { return v instanceof UUID; }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            if (!(v instanceof UUID u)) {
                throw Bin.cannotEncode("uuid", v);
            }
            w.i64be(u.getMostSignificantBits());
            w.i64be(u.getLeastSignificantBits());
        }

        @Override
        public String encodeText(Object v) {
            if (!(v instanceof UUID u)) {
                throw Bin.cannotEncode("uuid", v);
            }
            return u.toString();
        }
    }

    /** void (a function returning nothing): zero bytes in binary, "" in text; decodes to null. */
    static final class VoidCodec implements PgCodec {
        @Override public int oid() { return PgTypes.VOID; }
        @Override public String name() { return "void"; }
        @Override public Class<?> javaType() { return Void.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            if (len != 0) {
                throw Bin.bad("void", len + " bytes");
            }
            return null;
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            if (len != 0) {
                throw Bin.bad("void", len + " bytes");
            }
            return null;
        }

        @Override public boolean canEncode(Object v) { return false; }
        @Override public void encodeBinary(ByteWriter w, Object v) { throw Bin.cannotEncode("void", v); }
        @Override public String encodeText(Object v) { throw Bin.cannotEncode("void", v); }
    }
}
