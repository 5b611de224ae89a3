package io.sluice.postgres.types;

import io.sluice.core.error.ProtocolException;

/**
 * A cursor over the ASCII text form of a value (dates, times, intervals). Every read checks bounds
 * and a failure is a {@link ProtocolException} naming the type, so no parsing exception escapes.
 */
final class TextCursor {
    private final String type;
    private final byte[] b;
    private final int end;
    private final int start;
    private int pos;

    TextCursor(String type, byte[] b, int off, int len) {
        this.type = type;
        this.b = b;
        this.start = off;
        this.pos = off;
        this.end = off + len;
    }

    ProtocolException fail(String what) {
        return Bin.bad(type, what + " in '" + Bin.ascii(b, start, Math.min(end - start, 80)) + "'");
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The next byte, or -1 at the end. */
    int peek() {
        return pos < end ? b[pos] & 0xff : -1;
    }

    int next() {
        if (pos >= end) {
            throw fail("unexpected end");
        }
        return b[pos++] & 0xff;
    }

    void expect(char c) {
        if (next() != c) {
            throw fail("expected '" + c + "'");
        }
    }

    boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code s} when it follows; otherwise leaves the cursor unmoved. */
    boolean accept(String s) {
        if (end - pos < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        pos += s.length();
        return true;
    }

    void expectEnd() {
        if (pos != end) {
            throw fail("unexpected trailing text");
        }
    }

    /** Exactly {@code n} decimal digits. */
    int digits(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int c = next();
            if (c < '0' || c > '9') {
                throw fail("expected a digit");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** One or more decimal digits, at most 18 (so the value fits a long without overflow checks). */
    long number() {
        int from = pos;
        long v = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            if (pos - from >= 18) {
                throw fail("number too long");
            }
            v = v * 10 + (b[pos++] - '0');
        }
        if (pos == from) {
            throw fail("expected a number");
        }
        return v;
    }

    /** An optional '.' and 1..9 fraction digits, returned as nanoseconds (0 when absent). */
    int fractionNanos() {
        if (!accept('.')) {
            return 0;
        }
        int from = pos;
        int v = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            if (pos - from >= 9) {
                throw fail("fraction too long");
            }
            v = v * 10 + (b[pos++] - '0');
        }
        int n = pos - from;
        if (n == 0) {
            throw fail("empty fraction");
        }
        for (int i = n; i < 9; i++) {
            v *= 10;
        }
        return v;
    }
}
