package io.sluice.postgres.types;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.lang.reflect.Array;
import java.util.List;
import java.util.function.Function;

/**
 * Arrays of one element type, decoded to Java arrays of the element codec's {@link #javaType()}
 * ({@code Integer[]}); n-dimensional arrays become nested Java arrays ({@code Integer[][]}), SQL
 * NULL elements {@code null}, an empty array a zero-length array. Lower bounds other than 1
 * ({@code '[0:2]={1,2,3}'}) are accepted and dropped: Java arrays start at 0 whatever the server's
 * subscripts were. Encoding always writes lower bound 1.
 *
 * <p>Binary ({@code array_send}): int32 ndim, int32 has-null flag, int32 element OID, ndim x (int32
 * size, int32 lower bound), then each element as int32 length (-1 = NULL) + bytes, row-major.
 * Text ({@code array_out}): {@code {1,2,NULL}}, {@code {{1,2},{3,4}}}, {@code {"a b","c\"d"}},
 * optionally prefixed by {@code [lb:ub]=} when a lower bound is not 1; the element delimiter is
 * {@code ,} (true of every type handled here; {@code box} uses {@code ;}).
 *
 * <p>Encoding accepts Java arrays ({@code Object[]} and primitive arrays other than {@code byte[]},
 * which is a bytea value) and {@link List}s, nested for more dimensions; they must be rectangular.
 */
final class ArrayCodec implements PgCodec {
    /** PostgreSQL's MAXDIM. */
    static final int MAX_DIMS = 6;

    private final int oid;
    private final PgCodec element;
    private final Class<?> arrayType;

    ArrayCodec(int oid, PgCodec element) {
        this.oid = oid;
        this.element = element;
        this.arrayType = Array.newInstance(element.javaType(), 0).getClass();
    }

    PgCodec element() {
        return element;
    }

    @Override public int oid() { return oid; }
    @Override public String name() { return "_" + element.name(); }
    @Override public Class<?> javaType() { return arrayType; }
    @Override public boolean supportsBinary() { return element.supportsBinary(); }

    // ---------------------------------------------------------------- binary decoding

    @Override
    public Object decodeBinary(byte[] buf, int off, int len) {
        if (len < 12) {
            throw Bin.bad(name(), "binary form shorter than its 12-byte header: " + len);
        }
        int ndim = Bin.i32(buf, off);
        int flags = Bin.i32(buf, off + 4);
        int elemOid = Bin.i32(buf, off + 8);
        if (ndim < 0 || ndim > MAX_DIMS) {
            throw Bin.bad(name(), ndim + " dimensions (at most " + MAX_DIMS + ")");
        }
        if (flags != 0 && flags != 1) {
            throw Bin.bad(name(), "flags " + flags);
        }
        if (elemOid != element.oid()) {
            throw Bin.bad(name(), "element type " + PgTypes.name(elemOid) + ", expected " + element.name());
        }
        int end = off + len;
        int p = off + 12;
        if (ndim == 0) {
            if (p != end) {
                throw Bin.bad(name(), "trailing bytes after an empty array");
            }
            return Array.newInstance(element.javaType(), 0);
        }
        if (end - p < 8L * ndim) {
            throw Bin.bad(name(), "truncated dimensions");
        }
        int[] dims = new int[ndim];
        boolean empty = false;
        for (int i = 0; i < ndim; i++) {
            dims[i] = Bin.i32(buf, p + 8 * i); // the lower bound that follows is dropped
            if (dims[i] < 0) {
                throw Bin.bad(name(), "dimension " + dims[i]);
            }
            empty |= dims[i] == 0;
        }
        p += 8 * ndim;
        if (empty) {
            // a zero-length dimension: PostgreSQL treats it as the empty array (as the text parser does)
            if (p != end) {
                throw Bin.bad(name(), "trailing bytes after an empty array");
            }
            return Array.newInstance(element.javaType(), 0);
        }
        // Every element takes at least its 4-byte length word: bound the count by the bytes present
        // before allocating anything.
        long maxElems = (end - p) / 4;
        long total = 1;
        for (int d : dims) {
            total *= d; // d <= 2^31 and total <= maxElems < 2^30 before this step: no overflow
            if (total > maxElems) {
                throw Bin.bad(name(), "dimensions " + java.util.Arrays.toString(dims) + " exceed the "
                        + maxElems + " elements the bytes can hold");
            }
        }
        Object out = Array.newInstance(element.javaType(), dims);
        int[] pos = {p};
        fill(out, 0, dims, buf, pos, end);
        if (pos[0] != end) {
            throw Bin.bad(name(), "trailing bytes after the elements");
        }
        return out;
    }

    private void fill(Object arr, int depth, int[] dims, byte[] buf, int[] pos, int end) {
        Object[] a = (Object[]) arr;
        if (depth < dims.length - 1) {
            for (Object sub : a) {
                fill(sub, depth + 1, dims, buf, pos, end);
            }
            return;
        }
        for (int i = 0; i < a.length; i++) {
            int p = pos[0];
            if (end - p < 4) {
                throw Bin.bad(name(), "truncated element length");
            }
            int n = Bin.i32(buf, p);
            p += 4;
            if (n == -1) {
                a[i] = null;
            } else if (n < 0 || n > end - p) {
                throw Bin.bad(name(), "element length " + n + " with " + (end - p) + " bytes left");
            } else {
                a[i] = element.decodeBinary(buf, p, n);
                p += n;
            }
            pos[0] = p;
        }
    }

    // ---------------------------------------------------------------- text decoding

    @Override
    public Object decodeText(byte[] buf, int off, int len) {
        return new ArrayText(name(), element, buf, off, len).parse();
    }

    // ---------------------------------------------------------------- encoding

    static boolean isArrayLike(Object v) {
        return v instanceof List<?> || (v != null && v.getClass().isArray() && !(v instanceof byte[]));
    }

    static int length(Object v) {
        return v instanceof List<?> l ? l.size() : Array.getLength(v);
    }

    static Object get(Object v, int i) {
        return v instanceof List<?> l ? l.get(i) : Array.get(v, i);
    }

    /** The dimensions of a (supposedly rectangular) nested value, from its first elements. */
    static int[] shape(Object v) {
        int[] dims = new int[MAX_DIMS];
        int n = 0;
        Object cur = v;
        while (isArrayLike(cur)) {
            if (n == MAX_DIMS) {
                throw new UsageException("array parameter has more than " + MAX_DIMS + " dimensions");
            }
            int len = length(cur);
            dims[n++] = len;
            cur = len > 0 ? get(cur, 0) : null;
        }
        int[] out = java.util.Arrays.copyOf(dims, n);
        for (int d : out) {
            if (d == 0) {
                return new int[0]; // an empty array has no dimensions in PostgreSQL
            }
        }
        return out;
    }

    /** Visits every leaf in row-major order, checking the value is rectangular. */
    private void walk(Object v, int depth, int[] dims, java.util.function.Consumer<Object> leaf) {
        if (!isArrayLike(v) || length(v) != dims[depth]) {
            throw new UsageException("array parameter for " + name() + " is not rectangular (or mixes arrays and"
                    + " values) at dimension " + (depth + 1));
        }
        for (int i = 0; i < dims[depth]; i++) {
            Object e = get(v, i);
            if (depth < dims.length - 1) {
                walk(e, depth + 1, dims, leaf);
            } else if (isArrayLike(e)) {
                throw new UsageException("array parameter for " + name() + " is not rectangular");
            } else {
                leaf.accept(e);
            }
        }
    }

    @Override
    public boolean canEncode(Object v) {
        if (!isArrayLike(v)) {
            return false;
        }
        try {
            int[] dims = shape(v);
            if (dims.length == 0) {
                return true;
            }
            boolean[] ok = {true};
            walk(v, 0, dims, e -> ok[0] &= e == null || element.canEncode(e));
            return ok[0];
        } catch (UsageException e) {
            return false;
        }
    }

    @Override
    public void encodeBinary(ByteWriter w, Object v) {
        if (!isArrayLike(v)) {
            throw Bin.cannotEncode(name(), v);
        }
        int[] dims = shape(v);
        boolean[] hasNull = {false};
        if (dims.length > 0) {
            walk(v, 0, dims, e -> {
                if (e == null) {
                    hasNull[0] = true;
                } else if (!element.canEncode(e)) {
                    throw Bin.cannotEncode(element.name() + " (element of " + name() + ")", e);
                }
            });
        }
        w.i32be(dims.length);
        w.i32be(hasNull[0] ? 1 : 0);
        w.i32be(element.oid());
        for (int d : dims) {
            w.i32be(d);
            w.i32be(1);
        }
        if (dims.length > 0) {
            walk(v, 0, dims, e -> {
                if (e == null) {
                    w.i32be(-1);
                    return;
                }
                int at = w.skip(4);
                element.encodeBinary(w, e);
                w.putI32be(at, w.size() - at - 4);
            });
        }
    }

    @Override
    public String encodeText(Object v) {
        return literal(v, element::encodeText);
    }

    /** An array literal with every element quoted; {@code leafText} renders non-null leaves. */
    String literal(Object v, Function<Object, String> leafText) {
        if (!isArrayLike(v)) {
            throw Bin.cannotEncode(name(), v);
        }
        int[] dims = shape(v);
        if (dims.length == 0) {
            return "{}";
        }
        walk(v, 0, dims, e -> {}); // shape check before printing
        StringBuilder sb = new StringBuilder();
        print(sb, v, 0, dims.length, leafText);
        return sb.toString();
    }

    private static void print(StringBuilder sb, Object v, int depth, int ndim, Function<Object, String> leafText) {
        sb.append('{');
        int n = length(v);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = get(v, i);
            if (depth < ndim - 1) {
                print(sb, e, depth + 1, ndim, leafText);
            } else if (e == null) {
                sb.append("NULL");
            } else {
                String s = leafText.apply(e);
                sb.append('"');
                for (int k = 0; k < s.length(); k++) {
                    char c = s.charAt(k);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        sb.append('}');
    }
}
