package io.sluice.postgres.types;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * numeric, exact. Binary form ({@code numeric_send}): int16 ndigits, int16 weight, uint16 sign,
 * uint16 dscale, then ndigits base-10000 digits (int16 each, most significant first); the value is
 * {@code sum(digit[i] * 10000^(weight - i))}, shown with dscale decimal places. Sign is 0x0000
 * positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity (PostgreSQL 14+).
 *
 * <p>Java mapping (mixed on purpose, since BigDecimal has no NaN or infinities): finite values decode
 * to {@link BigDecimal} with the server's scale preserved ({@code 1.50} has scale 2), NaN to
 * {@link Double#NaN}, the infinities to {@link Double#POSITIVE_INFINITY} /
 * {@link Double#NEGATIVE_INFINITY}. {@link #javaType()} is therefore {@link Number}, and numeric
 * arrays decode to {@code Number[]}.
 */
final class NumericCodec implements PgCodec {
    static final NumericCodec INSTANCE = new NumericCodec();

    private static final int POS = 0x0000;
    private static final int NEG = 0x4000;
    private static final int NAN = 0xC000;
    private static final int PINF = 0xD000;
    private static final int NINF = 0xF000;
    /** NUMERIC_DSCALE_MAX: the largest display scale the 14-bit field can carry. */
    private static final int MAX_DSCALE = 0x3FFF;
    /** Digits before the decimal point the server accepts (NUMERIC weight is int16 of 4-digit groups). */
    private static final int MAX_INT_DIGITS = 131072;

    private NumericCodec() {}

    @Override public int oid() { return PgTypes.NUMERIC; }
    @Override public String name() { return "numeric"; }
    @Override public Class<?> javaType() { return Number.class; }

    @Override
    public Object decodeBinary(byte[] buf, int off, int len) {
        if (len < 8) {
            throw Bin.bad("numeric", "binary form shorter than its 8-byte header: " + len);
        }
        int ndigits = Bin.u16(buf, off);
        int weight = Bin.i16(buf, off + 2);
        int sign = Bin.u16(buf, off + 4);
        int dscale = Bin.u16(buf, off + 6);
        if (len != 8 + 2 * ndigits) {
            throw Bin.bad("numeric", ndigits + " digits need " + (8 + 2 * ndigits) + " bytes, got " + len);
        }
        switch (sign) {
            case NAN: return Double.NaN;
            case PINF: return Double.POSITIVE_INFINITY;
            case NINF: return Double.NEGATIVE_INFINITY;
            case POS, NEG: break;
            default: throw Bin.bad("numeric", "sign 0x" + Integer.toHexString(sign));
        }
        if (dscale > MAX_DSCALE) {
            throw Bin.bad("numeric", "dscale " + dscale);
        }
        int p = off + 8;
        BigDecimal v;
        int scale = 4 * (ndigits - 1 - weight);
        if (ndigits == 0) {
            v = BigDecimal.ZERO;
        } else if (ndigits <= 4) {
            long u = 0;
            for (int i = 0; i < ndigits; i++) {
                u = u * 10000 + digit(buf, p + 2 * i);
            }
            v = BigDecimal.valueOf(sign == NEG ? -u : u, scale);
        } else {
            char[] dec = new char[4 * ndigits];
            for (int i = 0; i < ndigits; i++) {
                int d = digit(buf, p + 2 * i);
                dec[4 * i] = (char) ('0' + d / 1000);
                dec[4 * i + 1] = (char) ('0' + d / 100 % 10);
                dec[4 * i + 2] = (char) ('0' + d / 10 % 10);
                dec[4 * i + 3] = (char) ('0' + d % 10);
            }
            BigInteger u = new BigInteger(new String(dec));
            v = new BigDecimal(sign == NEG ? u.negate() : u, scale);
        }
        try {
            return v.setScale(dscale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            // digits beyond dscale: the server never sends them; keep every digit rather than round
            return v;
        }
    }

    private static int digit(byte[] buf, int at) {
        int d = Bin.i16(buf, at);
        if (d < 0 || d > 9999) {
            throw Bin.bad("numeric", "base-10000 digit " + d);
        }
        return d;
    }

    @Override
    public Object decodeText(byte[] buf, int off, int len) {
        if (Bin.is(buf, off, len, "NaN")) {
            return Double.NaN;
        }
        if (Bin.is(buf, off, len, "Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (Bin.is(buf, off, len, "-Infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        String s = Bin.ascii(buf, off, len);
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw Bin.bad("numeric", "'" + s.substring(0, Math.min(s.length(), 40)) + "'");
        }
    }

    @Override
    public boolean canEncode(Object v) {
        return v instanceof BigDecimal || v instanceof BigInteger || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof Double || v instanceof Float;
    }

    /** Finite values as BigDecimal; null for NaN/infinities (handled by the callers). */
    private static BigDecimal toDecimal(Object v) {
        return switch (v) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d -> d.isNaN() || d.isInfinite() ? null : BigDecimal.valueOf(d);
            case Float f -> f.isNaN() || f.isInfinite() ? null : new BigDecimal(Float.toString(f));
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            default -> throw Bin.cannotEncode("numeric", v);
        };
    }

    @Override
    public void encodeBinary(ByteWriter w, Object v) {
        BigDecimal d = toDecimal(v);
        if (d == null) {
            double x = ((Number) v).doubleValue();
            // The server sends dscale 32 for the infinities (its header bits read as a dscale) and
            // ignores it on input; write the same bytes it does.
            writeHeader(w, 0, 0, Double.isNaN(x) ? NAN : x > 0 ? PINF : NINF, Double.isNaN(x) ? 0 : 32);
            return;
        }
        int dscale = Math.max(0, d.scale());
        if (dscale > MAX_DSCALE) {
            throw new UsageException("numeric scale " + d.scale() + " exceeds PostgreSQL's maximum of " + MAX_DSCALE);
        }
        if (d.signum() == 0) {
            writeHeader(w, 0, 0, POS, dscale);
            return;
        }
        int sign = d.signum() < 0 ? NEG : POS;
        BigDecimal a = d.abs();
        if (a.scale() < 0) {
            a = a.setScale(0); // exact: only appends zeros
        }
        String s = a.unscaledValue().toString();
        int intDigits = s.length() - a.scale(); // may be negative for 0.000x
        if (intDigits > MAX_INT_DIGITS) {
            throw new UsageException("numeric value with " + intDigits + " integer digits exceeds PostgreSQL's range");
        }
        // Align the decimal point on a group boundary: pad the left to a multiple of 4 digits.
        int padLeft = Math.floorMod(-intDigits, 4);
        int weight = (intDigits + padLeft) / 4 - 1;
        int total = padLeft + s.length();
        int ngroups = (total + 3) / 4;
        int[] groups = new int[ngroups];
        for (int g = 0; g < ngroups; g++) {
            int x = 0;
            for (int k = 0; k < 4; k++) {
                int idx = 4 * g + k - padLeft; // index into s; outside -> padding zero
                x = x * 10 + (idx >= 0 && idx < s.length() ? s.charAt(idx) - '0' : 0);
            }
            groups[g] = x;
        }
        int first = 0;
        while (first < ngroups && groups[first] == 0) {
            first++;
        }
        int last = ngroups;
        while (last > first && groups[last - 1] == 0) {
            last--;
        }
        writeHeader(w, last - first, weight - first, sign, dscale);
        for (int g = first; g < last; g++) {
            w.u16be(groups[g]);
        }
    }

    private static void writeHeader(ByteWriter w, int ndigits, int weight, int sign, int dscale) {
        if (weight < Short.MIN_VALUE || weight > Short.MAX_VALUE) {
            throw new UsageException("numeric value out of PostgreSQL's range");
        }
        w.u16be(ndigits).u16be(weight).u16be(sign).u16be(dscale);
    }

    @Override
    public String encodeText(Object v) {
        BigDecimal d = toDecimal(v);
        if (d == null) {
            double x = ((Number) v).doubleValue();
            return Double.isNaN(x) ? "NaN" : x > 0 ? "Infinity" : "-Infinity";
        }
        return d.toString(); // numeric_in accepts exponents ("1E+3")
    }
}
