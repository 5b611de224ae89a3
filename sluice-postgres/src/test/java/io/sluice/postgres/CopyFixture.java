package io.sluice.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Test data for COPY: N rows {@code (id int4, name text, v int8)} generated on the fly, in the text,
 * CSV and binary COPY formats, so a million rows never sit in memory. Every format renders exactly
 * what the server's COPY TO prints for the same rows, so the digest of the generated input must
 * equal the digest of the server's output.
 */
final class CopyFixture {
    private CopyFixture() {
    }

    enum Format { TEXT, CSV, BINARY }

    /** COPY binary file header (protocol docs, "COPY ... Binary Format"): signature, int32 flags, int32 extension length. */
    static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** File trailer: a 16-bit tuple field count of -1. */
    static final byte[] BINARY_TRAILER = {(byte) 0xff, (byte) 0xff};

    static int id(int i) {
        return i;
    }

    /** Mostly plain names; some need escaping (text) or quoting (CSV); some are empty. */
    static String name(int i) {
        if (i % 5000 == 0) {
            return "";
        }
        if (i % 1000 == 0) {
            return "t\tb\\s,c\"q 😀 " + i;
        }
        return "n" + i;
    }

    /** NULL every 7th row. */
    static Long v(int i) {
        return i % 7 == 0 ? null : i * 31L;
    }

    /** A growable byte buffer a row is rendered into. */
    static final class Buf {
        byte[] b = new byte[1 << 16];
        int n;

        void ensure(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }

        Buf bytes(byte[] x) {
            ensure(x.length);
            System.arraycopy(x, 0, b, n, x.length);
            n += x.length;
            return this;
        }

        Buf ascii(String s) {
            ensure(s.length());
            for (int k = 0; k < s.length(); k++) {
                b[n++] = (byte) s.charAt(k);
            }
            return this;
        }

        Buf utf8(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        Buf i16(int v) {
            ensure(2);
            b[n++] = (byte) (v >>> 8);
            b[n++] = (byte) v;
            return this;
        }

        Buf i32(int v) {
            ensure(4);
            b[n++] = (byte) (v >>> 24);
            b[n++] = (byte) (v >>> 16);
            b[n++] = (byte) (v >>> 8);
            b[n++] = (byte) v;
            return this;
        }

        Buf i64(long v) {
            return i32((int) (v >>> 32)).i32((int) v);
        }
    }

    /** Renders row i; override to inject bad rows. */
    interface RowWriter {
        void write(int i, Buf out);
    }

    static RowWriter writer(Format f) {
        return switch (f) {
            case TEXT -> (i, o) -> {
                o.ascii(Integer.toString(id(i))).ascii("\t");
                String nm = name(i);
                for (int k = 0; k < nm.length(); k++) {
                    char ch = nm.charAt(k);
                    switch (ch) {
                        case '\\' -> o.ascii("\\\\");
                        case '\t' -> o.ascii("\\t");
                        case '\n' -> o.ascii("\\n");
                        case '\r' -> o.ascii("\\r");
                        default -> {
                            if (ch < 0x80) {
                                o.ensure(1);
                                o.b[o.n++] = (byte) ch;
                            } else {
                                int cp = nm.codePointAt(k);
                                o.utf8(new String(Character.toChars(cp)));
                                k += Character.charCount(cp) - 1;
                            }
                        }
                    }
                }
                Long v = v(i);
                o.ascii("\t").ascii(v == null ? "\\N" : v.toString()).ascii("\n");
            };
            case CSV -> (i, o) -> {
                o.ascii(Integer.toString(id(i))).ascii(",");
                String nm = name(i);
                // the server quotes a value holding the delimiter, the quote, CR or LF, and the empty
                // string (to tell it from NULL, which is unquoted empty)
                if (nm.isEmpty() || nm.indexOf(',') >= 0 || nm.indexOf('"') >= 0 || nm.indexOf('\n') >= 0
                        || nm.indexOf('\r') >= 0) {
                    o.utf8("\"" + nm.replace("\"", "\"\"") + "\"");
                } else {
                    o.utf8(nm);
                }
                Long v = v(i);
                o.ascii(",").ascii(v == null ? "" : v.toString()).ascii("\n");
            };
            case BINARY -> (i, o) -> {
                byte[] nm = name(i).getBytes(StandardCharsets.UTF_8);
                o.i16(3);
                o.i32(4).i32(id(i));
                o.i32(nm.length).bytes(nm);
                Long v = v(i);
                if (v == null) {
                    o.i32(-1);
                } else {
                    o.i32(8).i64(v);
                }
            };
        };
    }

    /** The rows 1..n as a COPY stream produced lazily, a chunk of rows at a time. */
    static InputStream stream(Format f, int n) {
        return stream(f, n, writer(f));
    }

    static InputStream stream(Format f, int n, RowWriter rows) {
        return new InputStream() {
            private final Buf buf = new Buf();
            private int pos;
            private int next = 1;
            private boolean headerDone = f != Format.BINARY;
            private boolean trailerDone = f != Format.BINARY;

            private boolean fill() {
                while (pos >= buf.n) {
                    buf.n = 0;
                    pos = 0;
                    if (!headerDone) {
                        buf.bytes(BINARY_HEADER);
                        headerDone = true;
                    }
                    while (next <= n && buf.n < (1 << 16) - 512) {
                        rows.write(next++, buf);
                    }
                    if (next > n && !trailerDone) {
                        buf.bytes(BINARY_TRAILER);
                        trailerDone = true;
                    }
                    if (buf.n == 0) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public int read() {
                return fill() ? buf.b[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int k = Math.min(len, buf.n - pos);
                System.arraycopy(buf.b, pos, b, off, k);
                pos += k;
                return k;
            }
        };
    }

    /** Rows 1..n as Java values for copyInRows, made on demand. */
    static Iterable<List<?>> rows(int n) {
        return () -> new Iterator<>() {
            private int i = 1;

            @Override
            public boolean hasNext() {
                return i <= n;
            }

            @Override
            public List<?> next() {
                int k = i++;
                return Arrays.asList(id(k), name(k), v(k));
            }
        };
    }

    /** Counts and MD5-hashes what is written; keeps nothing. */
    static final class Hashing extends OutputStream {
        private final MessageDigest md = md5();
        long count;

        @Override
        public void write(int b) {
            md.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
            count += len;
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Count and MD5 of a whole stream. */
    static Hashing digest(InputStream in) throws IOException {
        Hashing h = new Hashing();
        in.transferTo(h);
        return h;
    }

    /**
     * What {@link #CHECKSUM_SQL} must return for rows 1..n: count, sum(id), count(v), sum(v),
     * sum(length(name)), md5 of the names joined with '|' in id order.
     */
    static String expectedChecksum(int n) {
        long sumId = 0;
        long countV = 0;
        long sumV = 0;
        long sumLen = 0;
        MessageDigest md = md5();
        for (int i = 1; i <= n; i++) {
            sumId += id(i);
            Long v = v(i);
            if (v != null) {
                countV++;
                sumV += v;
            }
            String nm = name(i);
            sumLen += nm.codePointCount(0, nm.length());
            if (i > 1) {
                md.update((byte) '|');
            }
            md.update(nm.getBytes(StandardCharsets.UTF_8));
        }
        return n + " " + sumId + " " + countV + " " + sumV + " " + sumLen + " " + HexFormat.of().formatHex(md.digest());
    }

    static String checksumSql(String table) {
        return "select count(*) || ' ' || sum(id) || ' ' || count(v) || ' ' || sum(v) || ' ' || sum(length(name))"
                + " || ' ' || md5(string_agg(name, '|' order by id)) from " + table;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
