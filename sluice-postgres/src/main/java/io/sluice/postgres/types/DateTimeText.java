package io.sluice.postgres.types;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Parsing and printing the ISO text forms of date/time values, as the server prints them with
 * {@code DateStyle = ISO} (the session must keep that setting; other styles are rejected as
 * malformed): {@code 2024-01-31}, {@code 04:05:06.789}, {@code 2024-01-31 04:05:06.789+05:30},
 * {@code 0044-03-15 BC}, {@code infinity}, {@code -infinity}. Years may have more than 4 digits.
 * Java uses the proleptic calendar with a year 0, so year N BC is year {@code 1 - N}.
 */
final class DateTimeText {
    private DateTimeText() {}

    static final long MICROS_PER_DAY = 86_400_000_000L;

    /** A parsed date, before the trailing " BC" (which comes after the time) is known. */
    record Ymd(long year, int month, int day) {}

    static Ymd date(TextCursor c) {
        long y = c.number();
        c.expect('-');
        int m = c.digits(2);
        c.expect('-');
        int d = c.digits(2);
        return new Ymd(y, m, d);
    }

    /** Consumes an optional " BC" and builds the date. */
    static LocalDate finish(TextCursor c, Ymd ymd) {
        long year = c.accept(" BC") ? 1 - ymd.year : ymd.year;
        try {
            return LocalDate.of(Math.toIntExact(year), ymd.month, ymd.day);
        } catch (DateTimeException | ArithmeticException e) {
            throw c.fail("invalid date");
        }
    }

    /** HH:MM:SS[.fraction]; 24:00:00 (valid in PostgreSQL) becomes {@link LocalTime#MAX}. */
    static LocalTime time(TextCursor c) {
        int h = c.digits(2);
        c.expect(':');
        int m = c.digits(2);
        c.expect(':');
        int s = c.digits(2);
        int nanos = c.fractionNanos();
        if (h == 24 && m == 0 && s == 0 && nanos == 0) {
            return LocalTime.MAX;
        }
        try {
            return LocalTime.of(h, m, s, nanos);
        } catch (DateTimeException e) {
            throw c.fail("invalid time");
        }
    }

    /** [+-]HH[:MM[:SS]] */
    static ZoneOffset offset(TextCursor c) {
        int sign;
        if (c.accept('+')) {
            sign = 1;
        } else if (c.accept('-')) {
            sign = -1;
        } else {
            throw c.fail("expected a UTC offset");
        }
        int h = c.digits(2);
        int m = 0;
        int s = 0;
        if (c.accept(':')) {
            m = c.digits(2);
            if (c.accept(':')) {
                s = c.digits(2);
            }
        }
        if (m > 59 || s > 59) {
            throw c.fail("invalid UTC offset");
        }
        try {
            return ZoneOffset.ofTotalSeconds(sign * (h * 3600 + m * 60 + s));
        } catch (DateTimeException e) {
            throw c.fail("invalid UTC offset");
        }
    }

    // ---- printing (parameters sent in text form, array literals) ----

    static String date(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return "infinity";
        }
        if (d.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(16);
        appendDate(sb, d);
        if (d.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static void appendDate(StringBuilder sb, LocalDate d) {
        int y = d.getYear() <= 0 ? 1 - d.getYear() : d.getYear();
        pad(sb, y, 4);
        sb.append('-');
        pad(sb, d.getMonthValue(), 2);
        sb.append('-');
        pad(sb, d.getDayOfMonth(), 2);
    }

    /** Micros since midnight (0..86400000000 inclusive) as HH:MM:SS[.ffffff]. */
    static void appendTime(StringBuilder sb, long micros) {
        long secs = micros / 1_000_000;
        int frac = (int) (micros % 1_000_000);
        pad(sb, (int) (secs / 3600), 2);
        sb.append(':');
        pad(sb, (int) (secs / 60 % 60), 2);
        sb.append(':');
        pad(sb, (int) (secs % 60), 2);
        appendFraction(sb, frac);
    }

    /** ".ffffff" with trailing zeros dropped, nothing for 0. */
    static void appendFraction(StringBuilder sb, int micros) {
        if (micros == 0) {
            return;
        }
        sb.append('.');
        String f = Integer.toString(micros + 1_000_000).substring(1);
        int end = f.length();
        while (f.charAt(end - 1) == '0') {
            end--;
        }
        sb.append(f, 0, end);
    }

    static void appendOffset(StringBuilder sb, ZoneOffset o) {
        int t = o.getTotalSeconds();
        sb.append(t < 0 ? '-' : '+');
        t = Math.abs(t);
        pad(sb, t / 3600, 2);
        if (t % 3600 != 0) {
            sb.append(':');
            pad(sb, t / 60 % 60, 2);
            if (t % 60 != 0) {
                sb.append(':');
                pad(sb, t % 60, 2);
            }
        }
    }

    /** {@code ldt} (already rounded to micros) as "date time[offset][ BC]". */
    static String timestamp(LocalDateTime ldt, ZoneOffset offsetOrNull) {
        StringBuilder sb = new StringBuilder(40);
        appendDate(sb, ldt.toLocalDate());
        sb.append(' ');
        appendTime(sb, ldt.toLocalTime().toNanoOfDay() / 1000);
        if (offsetOrNull != null) {
            appendOffset(sb, offsetOrNull);
        }
        if (ldt.getYear() <= 0) {
            sb.append(" BC");
        }
        return sb.toString();
    }

    static void pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
