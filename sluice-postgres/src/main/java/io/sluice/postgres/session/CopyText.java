package io.sluice.postgres.session;

import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.types.CodecRegistry;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;

/**
 * Rows of Java values in COPY text format (protocol docs: COPY, "Text Format"), written straight
 * into the CopyData message being built: columns separated by tabs, rows ended by a newline, NULL as
 * {@code \N}, and backslash, tab, newline and carriage return escaped. A value is rendered with its
 * codec's text form; integers, strings and timestamps, the bulk of most rows, are written without
 * an intermediate String or byte array (same bytes as the codec's text form).
 */
final class CopyText implements Copy.Source {
    private final Iterator<? extends List<?>> rows;
    private final CodecRegistry registry;

    CopyText(Iterable<? extends List<?>> rows, CodecRegistry registry) {
        this.rows = rows.iterator();
        this.registry = registry;
    }

    /** Whole rows until {@code max} bytes are passed (or the rows end); 0 when there are none left. */
    @Override
    public int fill(ByteWriter w, int max) {
        int start = w.size();
        while (w.size() - start < max && rows.hasNext()) {
            writeRow(w, rows.next());
        }
        return w.size() - start;
    }

    void writeRow(ByteWriter w, List<?> row) {
        for (int i = 0, n = row.size(); i < n; i++) {
            if (i > 0) {
                w.u8('\t');
            }
            Object v = row.get(i);
            if (v == null) {
                w.u8('\\').u8('N');
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                writeLong(w, ((Number) v).longValue()); // int2/int4/int8 text form: Long.toString
            } else if (v instanceof String str) {
                writeEscaped(w, str);
            } else if (v instanceof LocalDateTime t && plainTimestamp(t)) {
                writeTimestamp(w, t);
            } else {
                writeEscaped(w, registry.forValue(v).encodeText(v));
            }
        }
        w.u8('\n');
    }

    /**
     * Years 1..9999 in whole microseconds: the timestamp codec's text form is then plain
     * "yyyy-MM-dd HH:mm:ss[.ffffff]" (no BC, no rounding), written here without a String.
     */
    private static boolean plainTimestamp(LocalDateTime t) {
        return t.getYear() >= 1 && t.getYear() <= 9999 && t.getNano() % 1000 == 0;
    }

    /** As DateTimeText.timestamp prints a plain timestamp: fraction without trailing zeros. */
    static void writeTimestamp(ByteWriter w, LocalDateTime t) {
        int at = w.skip(19);
        byte[] a = w.array();
        digits(a, at, t.getYear(), 4);
        a[at + 4] = '-';
        digits(a, at + 5, t.getMonthValue(), 2);
        a[at + 7] = '-';
        digits(a, at + 8, t.getDayOfMonth(), 2);
        a[at + 10] = ' ';
        digits(a, at + 11, t.getHour(), 2);
        a[at + 13] = ':';
        digits(a, at + 14, t.getMinute(), 2);
        a[at + 16] = ':';
        digits(a, at + 17, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            int len = 6;
            while (micros % 10 == 0) {
                micros /= 10;
                len--;
            }
            w.u8('.');
            int f = w.skip(len);
            digits(w.array(), f, micros, len);
        }
    }

    private static void digits(byte[] a, int at, int v, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            a[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Decimal digits of {@code x}, as {@link Long#toString(long)} prints them. */
    static void writeLong(ByteWriter w, long x) {
        if (x < 0) {
            if (x == Long.MIN_VALUE) {
                writeAscii(w, Long.toString(x));
                return;
            }
            w.u8('-');
            x = -x;
        }
        int digits = 1;
        for (long p = 10; digits < 19 && x >= p; p *= 10) {
            digits++;
        }
        int at = w.skip(digits);
        byte[] a = w.array();
        for (int i = at + digits - 1; i >= at; i--) {
            a[i] = (byte) ('0' + x % 10);
            x /= 10;
        }
    }

    /** The string, escaped for COPY text, as UTF-8. */
    static void writeEscaped(ByteWriter w, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                w.string(escape(s), StandardCharsets.UTF_8); // rare: escapes or non-ASCII text
                return;
            }
        }
        int at = w.skip(n); // plain ASCII, the usual case: one byte per char, copied in place
        byte[] a = w.array();
        for (int i = 0; i < n; i++) {
            a[at + i] = (byte) s.charAt(i);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static void writeAscii(ByteWriter w, String s) {
        for (int i = 0; i < s.length(); i++) {
            w.u8(s.charAt(i));
        }
    }
}
