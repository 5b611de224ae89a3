package io.sluice.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The deterministic rows of the bulk-insert and fetch tables (id, a, b, c, d, e): computed from
 * the row index, never stored, so every driver is fed the same data without a shared buffer.
 */
public final class RowGen {
    private static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RowGen() {
    }

    public static long id(int i) {
        return i + 1L;
    }

    public static int a(int i) {
        return (int) ((i * 31L) % 1_000_003);
    }

    public static long b(int i) {
        return i * 7_919L;
    }

    public static String c(int i) {
        return "name-" + i;
    }

    public static double d(int i) {
        return i * 0.5;
    }

    public static LocalDateTime e(int i) {
        return BASE.plusSeconds(i);
    }

    public static Object[] values(int i) {
        return new Object[] {id(i), a(i), b(i), c(i), d(i), e(i)};
    }

    /** Rows 0..n-1 as parameter lists, made on access (for APIs that take a List). */
    public static List<List<Object>> lazyList(int n) {
        final class Lazy extends AbstractList<List<Object>> implements java.util.RandomAccess {
            @Override
            public List<Object> get(int i) {
                return Arrays.asList(values(i));
            }

            @Override
            public int size() {
                return n;
            }
        }
        return new Lazy();
    }

    /** One row as a tab-separated line: the text format of both LOAD DATA and COPY. */
    public static String tsv(int i) {
        return id(i) + "\t" + a(i) + "\t" + b(i) + "\t" + c(i) + "\t" + d(i) + "\t" + TEXT.format(e(i)) + "\n";
    }

    /**
     * Rows from..to-1 as a TSV stream produced on demand; it ends early (and {@link Tsv#rows()}
     * says how many it gave) once {@code deadlineNanos} has passed, so a slow driver is capped.
     */
    public static Tsv tsvStream(int from, int to, long deadlineNanos) {
        return new Tsv(from, to, deadlineNanos);
    }

    /** See {@link #tsvStream}. */
    public static final class Tsv extends InputStream {
        private final int to;
        private final long deadline;
        private int next;
        private byte[] buf = new byte[0];
        private int pos;

        Tsv(int from, int to, long deadline) {
            this.next = from;
            this.to = to;
            this.deadline = deadline;
            this.start = from;
        }

        private final int start;

        /** Rows handed out so far. */
        public int rows() {
            return next - start;
        }

        private boolean refill() {
            if (next >= to || ((next - start) % 4096 == 0 && System.nanoTime() > deadline)) {
                return false;
            }
            StringBuilder sb = new StringBuilder(64 * 256);
            int end = Math.min(to, next + 256);
            for (; next < end; next++) {
                sb.append(tsv(next));
            }
            buf = sb.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        @Override
        public int read() {
            if (pos >= buf.length && !refill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= buf.length && !refill()) {
                return -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
