package io.sluice.postgres.types;

import io.sluice.core.wire.ByteWriter;
import java.time.Duration;
import java.time.Period;

/**
 * interval &lt;-&gt; {@link PgInterval}. Binary ({@code interval_send}): int64 microseconds, int32 days,
 * int32 months. Text: the {@code IntervalStyle = postgres} form (the server default, which the
 * session must keep), e.g. {@code 1 year 2 mons 3 days 04:05:06.789}, {@code -1 days +02:00:00},
 * {@code -00:00:01}, {@code 00:00:00}, and PostgreSQL 17's {@code infinity}/{@code -infinity}.
 * Encoding also accepts {@link Duration} (as microseconds) and {@link Period} (as months and days).
 */
final class IntervalCodec implements PgCodec {
    static final IntervalCodec INSTANCE = new IntervalCodec();

    private IntervalCodec() {}

    @Override public int oid() { return PgTypes.INTERVAL; }
    @Override public String name() { return "interval"; }
    @Override public Class<?> javaType() { return PgInterval.class; }

    @Override
    public Object decodeBinary(byte[] buf, int off, int len) {
        Bin.requireLen("interval", len, 16);
        PgInterval v = new PgInterval(Bin.i32(buf, off + 12), Bin.i32(buf, off + 8), Bin.i64(buf, off));
        return v.equals(PgInterval.INFINITY) ? PgInterval.INFINITY
                : v.equals(PgInterval.NEG_INFINITY) ? PgInterval.NEG_INFINITY : v;
    }

    @Override
    public Object decodeText(byte[] buf, int off, int len) {
        if (Bin.is(buf, off, len, "infinity")) {
            return PgInterval.INFINITY;
        }
        if (Bin.is(buf, off, len, "-infinity")) {
            return PgInterval.NEG_INFINITY;
        }
        TextCursor c = new TextCursor("interval", buf, off, len);
        long months = 0;
        long days = 0;
        long micros = 0;
        boolean time = false;
        int mask = 0; // units seen: 1 year, 2 mon, 4 day
        try {
            while (!c.atEnd()) {
                if (time) {
                    throw c.fail("text after the time part");
                }
                if (mask != 0 || time) {
                    c.expect(' ');
                }
                int sign = c.accept('-') ? -1 : 1;
                if (sign == 1) {
                    c.accept('+');
                }
                long n = c.number();
                if (c.accept(':')) {
                    micros = time(c, sign, n);
                    time = true;
                    continue;
                }
                c.expect(' ');
                int unit = c.accept("year") ? 1 : c.accept("mon") ? 2 : c.accept("day") ? 4 : 0;
                if (unit == 0 || (mask & unit) != 0 || unit < Integer.highestOneBit(Math.max(mask, 1))) {
                    throw c.fail("unexpected unit");
                }
                c.accept('s');
                mask |= unit;
                long v = sign * n;
                switch (unit) {
                    case 1 -> months = Math.addExact(months, Math.multiplyExact(v, 12));
                    case 2 -> months = Math.addExact(months, v);
                    default -> days = v;
                }
            }
            if (mask == 0 && !time) {
                throw c.fail("empty interval");
            }
            return new PgInterval(Math.toIntExact(months), Math.toIntExact(days), micros);
        } catch (ArithmeticException e) {
            throw c.fail("interval out of range");
        }
    }

    /** The rest of [+-]H:MM:SS[.ffffff] after the hours and the first colon. */
    private static long time(TextCursor c, int sign, long hours) {
        int m = c.digits(2);
        c.expect(':');
        int s = c.digits(2);
        int nanos = c.fractionNanos();
        if (m > 59 || s > 59) {
            throw c.fail("invalid time part");
        }
        long rest = m * 60_000_000L + s * 1_000_000L + nanos / 1000;
        long head = sign * Math.multiplyExact(hours, 3_600_000_000L);
        return sign > 0 ? Math.addExact(head, rest) : Math.subtractExact(head, rest);
    }

    @Override
    public boolean canEncode(Object v) {
        return v instanceof PgInterval || v instanceof Duration || v instanceof Period;
    }

    static PgInterval toInterval(Object v) {
        return switch (v) {
            case PgInterval i -> i;
            case Duration d -> PgInterval.of(d);
            case Period p -> PgInterval.of(p);
            default -> throw Bin.cannotEncode("interval", v);
        };
    }

    @Override
    public void encodeBinary(ByteWriter w, Object v) {
        PgInterval i = toInterval(v);
        w.i64be(i.microseconds());
        w.i32be(i.days());
        w.i32be(i.months());
    }

    @Override
    public String encodeText(Object v) {
        return toInterval(v).toString();
    }
}
