package io.sluice.postgres.types;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.math.BigInteger;

/**
 * bool, int2/int4/int8/oid and float4/float8. Binary forms are fixed-width big-endian
 * ({@code boolsend}, {@code int2send}, {@code int4send}, {@code int8send}, {@code oidsend} (unsigned
 * 32-bit), {@code float4send}/{@code float8send} (IEEE 754 bits)).
 */
final class ScalarCodecs {
    private ScalarCodecs() {}

    static final PgCodec BOOL = new BoolCodec();
    static final PgCodec INT2 = new IntCodec(IntKind.INT2);
    static final PgCodec INT4 = new IntCodec(IntKind.INT4);
    static final PgCodec INT8 = new IntCodec(IntKind.INT8);
    static final PgCodec OID = new IntCodec(IntKind.OID);
    static final PgCodec FLOAT4 = new FloatCodec(true);
    static final PgCodec FLOAT8 = new FloatCodec(false);

    static final class BoolCodec implements PgCodec {
        @Override public int oid() { return PgTypes.BOOL; }
        @Override public String name() { return "bool"; }
        @Override public Class<?> javaType() { return Boolean.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            Bin.requireLen("bool", len, 1);
            return switch (buf[off]) {
                case 0 -> Boolean.FALSE;
                case 1 -> Boolean.TRUE;
                default -> throw Bin.bad("bool", "byte " + buf[off]);
            };
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            if (len == 1 && buf[off] == 't') {
                return Boolean.TRUE;
            }
            if (len == 1 && buf[off] == 'f') {
                return Boolean.FALSE;
            }
            throw Bin.bad("bool", "'" + Bin.ascii(buf, off, Math.min(len, 16)) + "'");
        }

        @Override public boolean canEncode(Object v) { return v instanceof Boolean; }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            if (!(v instanceof Boolean b)) {
                throw Bin.cannotEncode("bool", v);
            }
            w.u8(b ? 1 : 0);
        }

        @Override
        public String encodeText(Object v) {
            if (!(v instanceof Boolean b)) {
                throw Bin.cannotEncode("bool", v);
            }
            return b ? "t" : "f";
        }
    }

    enum IntKind {
        INT2(PgTypes.INT2, "int2", 2, Short.MIN_VALUE, Short.MAX_VALUE, Short.class),
        INT4(PgTypes.INT4, "int4", 4, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.class),
        INT8(PgTypes.INT8, "int8", 8, Long.MIN_VALUE, Long.MAX_VALUE, Long.class),
        /** oid is an unsigned 32-bit integer; it maps to Long so all values are positive. */
        OID(PgTypes.OID, "oid", 4, 0, 0xffffffffL, Long.class);

        final int oid;
        final String name;
        final int width;
        final long min;
        final long max;
        final Class<?> type;

        IntKind(int oid, String name, int width, long min, long max, Class<?> type) {
            this.oid = oid;
            this.name = name;
            this.width = width;
            this.min = min;
            this.max = max;
            this.type = type;
        }
    }

    static final class IntCodec implements PgCodec {
        private final IntKind k;

        IntCodec(IntKind k) {
            this.k = k;
        }

        @Override public int oid() { return k.oid; }
        @Override public String name() { return k.name; }
        @Override public Class<?> javaType() { return k.type; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            Bin.requireLen(k.name, len, k.width);
            return switch (k) {
                case INT2 -> Bin.i16(buf, off);
                case INT4 -> Bin.i32(buf, off);
                case INT8 -> Bin.i64(buf, off);
                case OID -> Bin.i32(buf, off) & 0xffffffffL;
            };
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            long v;
            try {
                v = Long.parseLong(Bin.ascii(buf, off, Math.min(len, 32)));
            } catch (NumberFormatException e) {
                throw Bin.bad(k.name, "'" + Bin.ascii(buf, off, Math.min(len, 32)) + "'");
            }
            if (len > 32 || v < k.min || v > k.max) {
                throw Bin.bad(k.name, "out of range");
            }
            return box(v);
        }

        private Object box(long v) {
            return switch (k) {
                case INT2 -> (short) v;
                case INT4 -> (int) v;
                case INT8, OID -> v;
            };
        }

        @Override
        public boolean canEncode(Object v) {
            return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                    || v instanceof BigInteger;
        }

        private long checked(Object v) {
            long x;
            if (v instanceof BigInteger bi) {
                if (bi.bitLength() > 63) {
                    throw new UsageException("value " + bi + " is out of range for " + k.name);
                }
                x = bi.longValue();
            } else if (canEncode(v)) {
                x = ((Number) v).longValue();
            } else {
                throw Bin.cannotEncode(k.name, v);
            }
            if (x < k.min || x > k.max) {
                throw new UsageException("value " + x + " is out of range for " + k.name);
            }
            return x;
        }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            long x = checked(v);
            switch (k.width) {
                case 2 -> w.u16be((int) x);
                case 4 -> w.i32be((int) x);
                default -> w.i64be(x);
            }
        }

        @Override
        public String encodeText(Object v) {
            return Long.toString(checked(v));
        }
    }

    static final class FloatCodec implements PgCodec {
        private final boolean single;

        FloatCodec(boolean single) {
            this.single = single;
        }

        @Override public int oid() { return single ? PgTypes.FLOAT4 : PgTypes.FLOAT8; }
        @Override public String name() { return single ? "float4" : "float8"; }
        @Override public Class<?> javaType() { return single ? Float.class : Double.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            if (single) {
                Bin.requireLen("float4", len, 4);
                return Float.intBitsToFloat(Bin.i32(buf, off));
            }
            Bin.requireLen("float8", len, 8);
            return Double.longBitsToDouble(Bin.i64(buf, off));
        }

        /**
         * The server prints the shortest text that reads back exactly (extra_float_digits >= 1, the
         * default since PostgreSQL 12), so parsing it yields the same bits as the binary form.
         */
        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            if (len == 0 || len > 64) {
                throw Bin.bad(name(), "length " + len);
            }
            String s = Bin.ascii(buf, off, len);
            // Java also accepts hex floats and 'd'/'f' suffixes; the server prints neither.
            char last = s.charAt(s.length() - 1);
            if ((last != 'y' && last != 'N' && (last < '0' || last > '9')) || s.indexOf('x') >= 0 || s.indexOf('X') >= 0) {
                throw Bin.bad(name(), "'" + s + "'");
            }
            try {
                return single ? (Object) Float.parseFloat(s) : (Object) Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw Bin.bad(name(), "'" + s + "'");
            }
        }

        @Override
        public boolean canEncode(Object v) {
            return v instanceof Number;
        }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            if (!(v instanceof Number n)) {
                throw Bin.cannotEncode(name(), v);
            }
            if (single) {
                w.i32be(Float.floatToRawIntBits(n.floatValue()));
            } else {
                w.i64be(Double.doubleToRawLongBits(n.doubleValue()));
            }
        }

        @Override
        public String encodeText(Object v) {
            if (!(v instanceof Number n)) {
                throw Bin.cannotEncode(name(), v);
            }
            return single ? Float.toString(n.floatValue()) : Double.toString(n.doubleValue());
        }
    }
}
