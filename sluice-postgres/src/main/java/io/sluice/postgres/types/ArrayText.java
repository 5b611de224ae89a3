package io.sluice.postgres.types;

import io.sluice.core.error.ProtocolException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser for the text form of an array ({@code array_out}): braces per dimension, ',' between
 * elements, elements double-quoted when they contain special characters (with backslash escaping
 * '"' and '\'), unquoted {@code NULL} for SQL NULL (a quoted {@code "NULL"} is the string), and an
 * optional {@code [lb:ub]...=} prefix when a lower bound is not 1 (the bounds are dropped).
 *
 * <p>Works on the UTF-8 bytes directly: every structural character is ASCII and UTF-8 never uses
 * ASCII bytes inside a multi-byte character. One instance per value; not reusable.
 */
final class ArrayText {
    /** A sub-array while parsing (distinct from any value an element codec could return). */
    private static final class Sub {
        final List<Object> items = new ArrayList<>();
    }

    private final String type;
    private final PgCodec element;
    private final byte[] b;
    private final int start;
    private final int end;
    private int pos;

    ArrayText(String type, PgCodec element, byte[] b, int off, int len) {
        this.type = type;
        this.element = element;
        this.b = b;
        this.start = off;
        this.pos = off;
        this.end = off + len;
    }

    private ProtocolException fail(String what) {
        return Bin.bad(type, what + " at offset " + (pos - start));
    }

    private int peek() {
        return pos < end ? b[pos] & 0xff : -1;
    }

    private int next() {
        if (pos >= end) {
            throw fail("unexpected end");
        }
        return b[pos++] & 0xff;
    }

    Object parse() {
        if (peek() == '[') {
            skipBounds();
        }
        Sub root = level(0);
        if (pos != end) {
            throw fail("trailing text");
        }
        int[] dims = shape(root);
        for (int d : dims) {
            if (d == 0) {
                return Array.newInstance(element.javaType(), 0);
            }
        }
        Object out = Array.newInstance(element.javaType(), dims);
        copy(root, out, 0, dims);
        return out;
    }

    /** {@code [lb:ub][lb:ub]...=} */
    private void skipBounds() {
        int n = 0;
        while (peek() == '[') {
            if (++n > ArrayCodec.MAX_DIMS) {
                throw fail("too many dimensions");
            }
            pos++;
            signedNumber();
            if (next() != ':') {
                throw fail("expected ':' in bounds");
            }
            signedNumber();
            if (next() != ']') {
                throw fail("expected ']' in bounds");
            }
        }
        if (next() != '=') {
            throw fail("expected '=' after bounds");
        }
    }

    private void signedNumber() {
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        int from = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == from || pos - from > 10) {
            throw fail("bad bound");
        }
    }

    private Sub level(int depth) {
        if (depth >= ArrayCodec.MAX_DIMS) {
            throw fail("more than " + ArrayCodec.MAX_DIMS + " dimensions");
        }
        if (next() != '{') {
            throw fail("expected '{'");
        }
        Sub s = new Sub();
        if (peek() == '}') {
            pos++;
            return s;
        }
        while (true) {
            if (peek() == '{') {
                s.items.add(level(depth + 1));
            } else {
                s.items.add(element());
            }
            int c = next();
            if (c == '}') {
                return s;
            }
            if (c != ',') {
                throw fail("expected ',' or '}'");
            }
        }
    }

    private Object element() {
        if (peek() == '"') {
            pos++;
            int from = pos;
            boolean escaped = false;
            while (true) {
                int c = next();
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    next();
                    escaped = true;
                }
            }
            int to = pos - 1;
            return escaped ? decodeUnescaped(from, to) : element.decodeText(b, from, to - from);
        }
        int from = pos;
        boolean escaped = false;
        while (true) {
            int c = peek();
            if (c == ',' || c == '}') {
                break;
            }
            if (c == -1 || c == '{' || c == '"') {
                throw fail("unexpected character in an unquoted element");
            }
            pos++;
            if (c == '\\') {
                next();
                escaped = true;
            }
        }
        if (pos == from) {
            throw fail("empty unquoted element");
        }
        if (!escaped && pos - from == 4 && (b[from] | 0x20) == 'n' && (b[from + 1] | 0x20) == 'u'
                && (b[from + 2] | 0x20) == 'l' && (b[from + 3] | 0x20) == 'l') {
            return null;
        }
        return escaped ? decodeUnescaped(from, pos) : element.decodeText(b, from, pos - from);
    }

    /** Removes the backslashes of {@code b[from, to)} and decodes the result. */
    private Object decodeUnescaped(int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (b[i] == '\\') {
                i++; // the parser guaranteed a following byte
            }
            out[n++] = b[i];
        }
        return element.decodeText(out, 0, n);
    }

    private int[] shape(Sub root) {
        List<Integer> dims = new ArrayList<>();
        Object cur = root;
        while (cur instanceof Sub s) {
            dims.add(s.items.size());
            cur = s.items.isEmpty() ? null : s.items.get(0);
        }
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i);
        }
        check(root, 0, out);
        return out;
    }

    private void check(Sub s, int depth, int[] dims) {
        if (s.items.size() != dims[depth]) {
            throw fail("sub-arrays of different sizes");
        }
        for (Object o : s.items) {
            boolean isSub = o instanceof Sub;
            if (isSub != (depth < dims.length - 1)) {
                throw fail("sub-arrays of different dimensions");
            }
            if (isSub) {
                check((Sub) o, depth + 1, dims);
            }
        }
    }

    private static void copy(Sub s, Object arr, int depth, int[] dims) {
        Object[] a = (Object[]) arr;
        for (int i = 0; i < a.length; i++) {
            Object o = s.items.get(i);
            if (depth < dims.length - 1) {
                copy((Sub) o, a[i], depth + 1, dims);
            } else {
                a[i] = o;
            }
        }
    }
}
