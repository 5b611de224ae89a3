package io.sluice.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Plain-text rendering of decoded values for the table and csv formats. Temporals are written the
 * way SQL prints them ({@code 2024-05-01 13:45:00}, seconds always shown, fraction only when
 * non-zero); durations as MySQL TIME ({@code -838:59:59}); binary as {@code 0x} hex.
 */
final class ValueText {
    private ValueText() {
    }

    /** The text of a non-null value; {@code maxBytes} caps how much of a byte[] is shown. */
    static String text(Object v, int maxBytes) {
        return switch (v) {
            case String s -> s;
            case byte[] b -> hex(b, maxBytes);
            case BigDecimal d -> d.toPlainString();
            case LocalDateTime t -> t.toLocalDate() + " " + DateTimeFormatter.ISO_LOCAL_TIME.format(t);
            case LocalTime t -> DateTimeFormatter.ISO_LOCAL_TIME.format(t);
            case OffsetDateTime t -> t.toLocalDate() + " " + DateTimeFormatter.ISO_OFFSET_TIME.format(t);
            case ZonedDateTime t -> text(t.toOffsetDateTime(), maxBytes);
            case OffsetTime t -> DateTimeFormatter.ISO_OFFSET_TIME.format(t);
            case Instant t -> text(t.atOffset(ZoneOffset.UTC), maxBytes);
            case Duration d -> time(d);
            case Object[] a -> array(a, maxBytes);
            default -> String.valueOf(v);
        };
    }

    /** PostgreSQL-style array text: {@code {1,NULL,3}}, nested for more dimensions. */
    static String array(Object[] a, int maxBytes) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(a[i] == null ? "NULL" : text(a[i], maxBytes));
        }
        return sb.append('}').toString();
    }

    /** {@code 0x0a1b...}; past {@code maxBytes} bytes the rest is replaced by "...". */
    static String hex(byte[] b, int maxBytes) {
        int shown = Math.min(b.length, maxBytes);
        StringBuilder sb = new StringBuilder(2 + shown * 2 + 3).append("0x");
        for (int i = 0; i < shown; i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return b.length > shown ? sb.append("...").toString() : sb.toString();
    }

    /** MySQL TIME style: sign, hours (two digits at least, may exceed 24), minutes, seconds, fraction. */
    static String time(Duration d) {
        boolean negative = d.isNegative();
        long seconds = Math.abs(d.getSeconds() + (negative && d.getNano() > 0 ? 1 : 0));
        int nanos = negative && d.getNano() > 0 ? 1_000_000_000 - d.getNano() : d.getNano();
        StringBuilder sb = new StringBuilder(negative ? "-" : "");
        long h = seconds / 3600;
        sb.append(h < 10 ? "0" : "").append(h).append(':');
        two(sb, (seconds / 60) % 60).append(':');
        two(sb, seconds % 60);
        if (nanos != 0) {
            String f = String.format("%09d", nanos);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        return sb.append(v < 10 ? "0" : "").append(v);
    }
}
