package io.sluice.postgres.types;

import io.sluice.core.error.UsageException;
import java.time.Duration;
import java.time.Period;

/**
 * A PostgreSQL interval: months, days and microseconds kept apart, exactly as the server stores them
 * ({@code interval_send}: int64 microseconds, int32 days, int32 months). They are not normalised
 * into each other because a month is not a fixed number of days, nor a day a fixed number of hours
 * across DST changes.
 *
 * <p>{@link #INFINITY} and {@link #NEG_INFINITY} are PostgreSQL 17's infinite intervals (all three
 * fields at their maximum / minimum).
 *
 * <p>{@link #toString()} prints the server's default {@code IntervalStyle = postgres} form
 * ({@code 1 year 2 mons 3 days 04:05:06.789}), which the server also reads back.
 */
public record PgInterval(int months, int days, long microseconds) {
    public static final PgInterval ZERO = new PgInterval(0, 0, 0);
    public static final PgInterval INFINITY = new PgInterval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    public static final PgInterval NEG_INFINITY = new PgInterval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);

    /** A duration as pure microseconds (no days), rounding nanoseconds half up. */
    public static PgInterval of(Duration d) {
        try {
            long micros = Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), (d.getNano() + 500) / 1000);
            return new PgInterval(0, 0, micros);
        } catch (ArithmeticException e) {
            throw new UsageException("duration " + d + " does not fit an interval");
        }
    }

    /** A period as months (years * 12 + months) and days. */
    public static PgInterval of(Period p) {
        try {
            return new PgInterval(Math.toIntExact(p.toTotalMonths()), p.getDays(), 0);
        } catch (ArithmeticException e) {
            throw new UsageException("period " + p + " does not fit an interval");
        }
    }

    public boolean isInfinite() {
        return equals(INFINITY) || equals(NEG_INFINITY);
    }

    /**
     * Days (as 24 hours) plus microseconds. Only defined when {@code months == 0}: a month has no
     * fixed length.
     *
     * @throws UsageException when months is not 0 or the interval is infinite
     */
    public Duration toDuration() {
        if (months != 0 || isInfinite()) {
            throw new UsageException("interval " + this + " has months (or is infinite); it has no fixed Duration");
        }
        return Duration.ofDays(days).plus(Duration.ofSeconds(Math.floorDiv(microseconds, 1_000_000L),
                Math.floorMod(microseconds, 1_000_000L) * 1000));
    }

    /**
     * Years, months and days ({@code months / 12}, {@code months % 12}, {@code days}). Only defined
     * when {@code microseconds == 0}, so no part of the interval is silently dropped.
     *
     * @throws UsageException when there is a time part or the interval is infinite
     */
    public Period toPeriod() {
        if (microseconds != 0 || isInfinite()) {
            throw new UsageException("interval " + this + " has a time part (or is infinite); it is not a Period");
        }
        return Period.of(months / 12, months % 12, days);
    }

    /** The {@code IntervalStyle = postgres} text form, the same the server prints. */
    @Override
    public String toString() {
        if (equals(INFINITY)) {
            return "infinity";
        }
        if (equals(NEG_INFINITY)) {
            return "-infinity";
        }
        StringBuilder sb = new StringBuilder(48);
        boolean[] zeroBefore = {true, false}; // {nothing printed yet, previous part negative}
        part(sb, months / 12, "year", zeroBefore);
        part(sb, months % 12, "mon", zeroBefore);
        part(sb, days, "day", zeroBefore);
        if (zeroBefore[0] || microseconds != 0) {
            if (!zeroBefore[0]) {
                sb.append(' ');
            }
            sb.append(microseconds < 0 ? "-" : zeroBefore[1] ? "+" : "");
            // |Long.MIN_VALUE| does not fit a long: work on the negative magnitude's parts instead.
            long hours = Math.abs(microseconds / 3_600_000_000L);
            long rest = Math.abs(microseconds % 3_600_000_000L);
            DateTimeText.pad(sb, hours, 2);
            sb.append(':');
            DateTimeText.pad(sb, rest / 60_000_000L, 2);
            sb.append(':');
            DateTimeText.pad(sb, rest / 1_000_000L % 60, 2);
            DateTimeText.appendFraction(sb, (int) (rest % 1_000_000L));
        }
        return sb.toString();
    }

    private static void part(StringBuilder sb, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            sb.append(' ');
        }
        if (state[1] && value > 0) {
            sb.append('+');
        }
        sb.append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
        state[1] = value < 0;
        state[0] = false;
    }
}
