package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Parsers for the ASCII forms values take in a text-protocol row
 * (page_protocol_com_query_response_text_resultset_row.html: every value is a length-encoded string
 * holding the value's SQL text form) and, for DECIMAL, in the binary protocol too. Hand-written so
 * that malformed input raises {@link ProtocolException} and never NumberFormatException, and so that
 * forms Java accepts but MySQL never sends ("NaN", "0x1p3", "1f") are rejected.
 */
final class TextValues {
    /** MySQL and MariaDB cap DECIMAL at 65 digits; anything much longer is not a DECIMAL and would
     *  only cost quadratic BigInteger parsing time. */
    static final int MAX_DECIMAL_TEXT = 128;
    /** FLOAT/DOUBLE text; ZEROFILL display widths are at most 255. */
    static final int MAX_FLOAT_TEXT = 320;

    private TextValues() {
    }

    private static ProtocolException bad(String what, int len) {
        return new ProtocolException("malformed " + what + " text (" + len + " bytes)");
    }

    /** A signed decimal integer that must fit a long. */
    static long parseLong(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean neg = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) {
            neg = b[i] == '-';
            i++;
        }
        if (i == end) {
            throw bad("integer", len);
        }
        long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multMin = limit / 10;
        long v = 0; // accumulated negatively so that Long.MIN_VALUE parses
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw bad("integer", len);
            }
            if (v < multMin) {
                throw new ProtocolException("integer text out of range");
            }
            v *= 10;
            if (v < limit + d) {
                throw new ProtocolException("integer text out of range");
            }
            v -= d;
        }
        return neg ? v : -v;
    }

    static int parseInt(byte[] b, int off, int len) {
        long v = parseLong(b, off, len);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ProtocolException("integer text out of range for a 32-bit column");
        }
        return (int) v;
    }

    /** BIGINT UNSIGNED: {@code Long} up to Long.MAX_VALUE, {@code BigInteger} up to 2^64-1. */
    static Object parseUnsigned64(byte[] b, int off, int len) {
        if (len == 0 || len > 20) {
            throw bad("BIGINT UNSIGNED", len);
        }
        for (int i = off; i < off + len; i++) {
            if (b[i] < '0' || b[i] > '9') {
                throw bad("BIGINT UNSIGNED", len);
            }
        }
        if (len <= 18) {
            return parseLong(b, off, len);
        }
        BigInteger v = new BigInteger(new String(b, off, len, StandardCharsets.ISO_8859_1));
        return unsigned64(v);
    }

    /** Narrows to Long when possible; rejects values outside 0..2^64-1. */
    static Object unsigned64(BigInteger v) {
        if (v.bitLength() > 64 || v.signum() < 0) {
            throw new ProtocolException("BIGINT UNSIGNED value out of range");
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    /** DECIMAL: {@code [-+]digits[.digits]} (also {@code .5}, {@code 5.}). */
    static BigDecimal parseDecimal(byte[] b, int off, int len) {
        if (len == 0 || len > MAX_DECIMAL_TEXT) {
            throw bad("DECIMAL", len);
        }
        char[] chars = new char[len];
        int digits = 0;
        boolean dot = false;
        for (int i = 0; i < len; i++) {
            char c = (char) (b[off + i] & 0xff);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else if (!(i == 0 && (c == '-' || c == '+'))) {
                throw bad("DECIMAL", len);
            }
            chars[i] = c;
        }
        if (digits == 0) {
            throw bad("DECIMAL", len);
        }
        return new BigDecimal(chars);
    }

    static double parseDouble(byte[] b, int off, int len) {
        if (len == 0 || len > MAX_FLOAT_TEXT) {
            throw bad("floating-point", len);
        }
        int digits = 0;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
                throw bad("floating-point", len);
            }
        }
        if (digits == 0) {
            throw bad("floating-point", len);
        }
        double v;
        try {
            v = Double.parseDouble(new String(b, off, len, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw bad("floating-point", len);
        }
        if (Double.isInfinite(v)) {
            throw new ProtocolException("floating-point text out of range");
        }
        return v;
    }

    static float parseFloat(byte[] b, int off, int len) {
        parseDouble(b, off, len); // validates the form
        float f = Float.parseFloat(new String(b, off, len, StandardCharsets.ISO_8859_1));
        if (Float.isInfinite(f)) {
            throw new ProtocolException("FLOAT text out of range");
        }
        return f;
    }

    /** Exactly {@code n} ASCII digits at {@code off}. */
    static int digits(byte[] b, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new ProtocolException("malformed date/time text");
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static void expect(byte[] b, int at, char c) {
        if (b[at] != c) {
            throw new ProtocolException("malformed date/time text");
        }
    }

    /** {@code .f{1,6}} starting at {@code off} and running to {@code end}, as microseconds. */
    private static int fraction(byte[] b, int off, int end) {
        int n = end - off - 1;
        if (n < 1 || n > 6) {
            throw new ProtocolException("malformed fractional seconds");
        }
        expect(b, off, '.');
        int v = digits(b, off + 1, n);
        for (int i = n; i < 6; i++) {
            v *= 10;
        }
        return v;
    }

    /** {@code YYYY-MM-DD} or {@code YYYY-MM-DD hh:mm:ss[.f{1,6}]}. */
    static Object parseDateTime(byte[] b, int off, int len, String column, Temporals.Kind kind,
                                DecodeContext ctx) {
        boolean dateOnly = kind == Temporals.Kind.DATE;
        if (dateOnly ? len != 10 : len != 19 && (len < 21 || len > 26)) {
            throw new ProtocolException("malformed " + kind + " text (" + len + " bytes)");
        }
        expect(b, off + 4, '-');
        expect(b, off + 7, '-');
        int y = digits(b, off, 4);
        int mo = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        int h = 0;
        int mi = 0;
        int s = 0;
        int micros = 0;
        if (!dateOnly) {
            expect(b, off + 10, ' ');
            expect(b, off + 13, ':');
            expect(b, off + 16, ':');
            h = digits(b, off + 11, 2);
            mi = digits(b, off + 14, 2);
            s = digits(b, off + 17, 2);
            if (len > 19) {
                micros = fraction(b, off + 19, off + len);
            }
        }
        return Temporals.dateTime(column, kind, ctx, y, mo, d, h, mi, s, micros);
    }

    /** {@code [-]h+:mm:ss[.f{1,6}]}, hours possibly above 24 ({@code -838:59:59.000000}). */
    static Duration parseTime(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        boolean neg = i < end && b[i] == '-';
        if (neg) {
            i++;
        }
        int colon = i;
        while (colon < end && b[colon] != ':') {
            colon++;
        }
        int hourDigits = colon - i;
        if (hourDigits < 1 || hourDigits > 9 || end - colon < 6) {
            throw new ProtocolException("malformed TIME text (" + len + " bytes)");
        }
        long hours = digits(b, i, hourDigits);
        expect(b, colon + 3, ':');
        int mi = digits(b, colon + 1, 2);
        int s = digits(b, colon + 4, 2);
        int micros = end - colon > 6 ? fraction(b, colon + 6, end) : 0;
        return Temporals.time(neg, 0, hours, mi, s, micros);
    }
}
