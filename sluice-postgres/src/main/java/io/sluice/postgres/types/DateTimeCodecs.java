package io.sluice.postgres.types;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * date, time, timetz, timestamp, timestamptz. Binary forms (integer datetimes, the only kind since
 * PostgreSQL 10): date is int32 days since 2000-01-01 ({@code date_send}; INT32 max/min are
 * +/-infinity); time is int64 microseconds since midnight ({@code time_send}); timetz adds an int32
 * zone offset in seconds WEST of UTC ({@code timetz_send}, so +02:00 is -7200); timestamp and
 * timestamptz are int64 microseconds since 2000-01-01 00:00:00 (UTC for timestamptz), INT64 max/min
 * being +/-infinity ({@code timestamp_send}).
 *
 * <p>Infinities map to the Java extremes: {@link LocalDate#MAX}/{@code MIN},
 * {@link LocalDateTime#MAX}/{@code MIN}, {@link OffsetDateTime#MAX}/{@code MIN}, and back when
 * encoding. time '24:00:00' maps to {@link LocalTime#MAX} and back. Encoding rounds nanoseconds to
 * the nearest microsecond (half up), as the server's text input does.
 */
final class DateTimeCodecs {
    private DateTimeCodecs() {}

    static final long PG_EPOCH_DAY = 10_957; // 2000-01-01
    static final long PG_EPOCH_SECOND = 946_684_800L;

    static final PgCodec DATE = new DateCodec();
    static final PgCodec TIME = new TimeCodec(false);
    static final PgCodec TIMETZ = new TimeCodec(true);
    static final PgCodec TIMESTAMP = new TimestampCodec(false);
    static final PgCodec TIMESTAMPTZ = new TimestampCodec(true);

    static final class DateCodec implements PgCodec {
        @Override public int oid() { return PgTypes.DATE; }
        @Override public String name() { return "date"; }
        @Override public Class<?> javaType() { return LocalDate.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            Bin.requireLen("date", len, 4);
            int days = Bin.i32(buf, off);
            if (days == Integer.MAX_VALUE) {
                return LocalDate.MAX;
            }
            if (days == Integer.MIN_VALUE) {
                return LocalDate.MIN;
            }
            return LocalDate.ofEpochDay(days + PG_EPOCH_DAY);
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            if (Bin.is(buf, off, len, "infinity")) {
                return LocalDate.MAX;
            }
            if (Bin.is(buf, off, len, "-infinity")) {
                return LocalDate.MIN;
            }
            TextCursor c = new TextCursor("date", buf, off, len);
            LocalDate d = DateTimeText.finish(c, DateTimeText.date(c));
            c.expectEnd();
            return d;
        }

        @Override public boolean canEncode(Object v) { return v instanceof LocalDate; }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            if (!(v instanceof LocalDate d)) {
                throw Bin.cannotEncode("date", v);
            }
            if (d.equals(LocalDate.MAX)) {
                w.i32be(Integer.MAX_VALUE);
            } else if (d.equals(LocalDate.MIN)) {
                w.i32be(Integer.MIN_VALUE);
            } else {
                long days = d.toEpochDay() - PG_EPOCH_DAY;
                if (days <= Integer.MIN_VALUE || days >= Integer.MAX_VALUE) {
                    throw new UsageException("date " + d + " is out of PostgreSQL's range");
                }
                w.i32be((int) days);
            }
        }

        @Override
        public String encodeText(Object v) {
            if (!(v instanceof LocalDate d)) {
                throw Bin.cannotEncode("date", v);
            }
            return DateTimeText.date(d);
        }
    }

    static final class TimeCodec implements PgCodec {
        private final boolean tz;

        TimeCodec(boolean tz) {
            this.tz = tz;
        }

        @Override public int oid() { return tz ? PgTypes.TIMETZ : PgTypes.TIME; }
        @Override public String name() { return tz ? "timetz" : "time"; }
        @Override public Class<?> javaType() { return tz ? OffsetTime.class : LocalTime.class; }

        private LocalTime ofMicros(long micros) {
            if (micros == DateTimeText.MICROS_PER_DAY) {
                return LocalTime.MAX;
            }
            if (micros < 0 || micros > DateTimeText.MICROS_PER_DAY) {
                throw Bin.bad(name(), "microseconds " + micros + " outside a day");
            }
            return LocalTime.ofNanoOfDay(micros * 1000);
        }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            Bin.requireLen(name(), len, tz ? 12 : 8);
            LocalTime t = ofMicros(Bin.i64(buf, off));
            if (!tz) {
                return t;
            }
            int west = Bin.i32(buf, off + 8);
            if (west < -18 * 3600 || west > 18 * 3600) {
                throw Bin.bad("timetz", "zone offset " + west + "s");
            }
            return OffsetTime.of(t, ZoneOffset.ofTotalSeconds(-west));
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            TextCursor c = new TextCursor(name(), buf, off, len);
            LocalTime t = DateTimeText.time(c);
            Object r = tz ? OffsetTime.of(t, DateTimeText.offset(c)) : t;
            c.expectEnd();
            return r;
        }

        @Override
        public boolean canEncode(Object v) {
            return tz ? v instanceof OffsetTime : v instanceof LocalTime;
        }

        private static long micros(LocalTime t) {
            return t.equals(LocalTime.MAX) ? DateTimeText.MICROS_PER_DAY : (t.toNanoOfDay() + 500) / 1000;
        }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            if (!canEncode(v)) {
                throw Bin.cannotEncode(name(), v);
            }
            if (v instanceof OffsetTime ot) {
                w.i64be(micros(ot.toLocalTime()));
                w.i32be(-ot.getOffset().getTotalSeconds());
            } else {
                w.i64be(micros((LocalTime) v));
            }
        }

        @Override
        public String encodeText(Object v) {
            if (!canEncode(v)) {
                throw Bin.cannotEncode(name(), v);
            }
            StringBuilder sb = new StringBuilder(24);
            if (v instanceof OffsetTime ot) {
                DateTimeText.appendTime(sb, micros(ot.toLocalTime()));
                DateTimeText.appendOffset(sb, ot.getOffset());
            } else {
                DateTimeText.appendTime(sb, micros((LocalTime) v));
            }
            return sb.toString();
        }
    }

    static final class TimestampCodec implements PgCodec {
        private final boolean tz;

        TimestampCodec(boolean tz) {
            this.tz = tz;
        }

        @Override public int oid() { return tz ? PgTypes.TIMESTAMPTZ : PgTypes.TIMESTAMP; }
        @Override public String name() { return tz ? "timestamptz" : "timestamp"; }
        @Override public Class<?> javaType() { return tz ? OffsetDateTime.class : LocalDateTime.class; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            Bin.requireLen(name(), len, 8);
            long micros = Bin.i64(buf, off);
            if (micros == Long.MAX_VALUE) {
                return tz ? OffsetDateTime.MAX : LocalDateTime.MAX;
            }
            if (micros == Long.MIN_VALUE) {
                return tz ? OffsetDateTime.MIN : LocalDateTime.MIN;
            }
            LocalDateTime ldt = decodeMicros(micros);
            return tz ? OffsetDateTime.of(ldt, ZoneOffset.UTC) : ldt;
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            if (Bin.is(buf, off, len, "infinity")) {
                return tz ? OffsetDateTime.MAX : LocalDateTime.MAX;
            }
            if (Bin.is(buf, off, len, "-infinity")) {
                return tz ? OffsetDateTime.MIN : LocalDateTime.MIN;
            }
            TextCursor c = new TextCursor(name(), buf, off, len);
            DateTimeText.Ymd ymd = DateTimeText.date(c);
            c.expect(' ');
            LocalTime t = DateTimeText.time(c);
            ZoneOffset o = tz ? DateTimeText.offset(c) : null;
            LocalDate d = DateTimeText.finish(c, ymd);
            c.expectEnd();
            if (t.equals(LocalTime.MAX)) {
                throw c.fail("24:00:00 in a timestamp");
            }
            LocalDateTime ldt = LocalDateTime.of(d, t);
            try {
                return tz ? OffsetDateTime.of(ldt, o).withOffsetSameInstant(ZoneOffset.UTC) : ldt;
            } catch (DateTimeException e) {
                throw c.fail("timestamp out of range");
            }
        }

        @Override
        public boolean canEncode(Object v) {
            return tz ? v instanceof OffsetDateTime || v instanceof Instant || v instanceof ZonedDateTime
                    : v instanceof LocalDateTime;
        }

        /** Microseconds since 2000-01-01 (UTC for timestamptz); Long.MAX/MIN for the infinities. */
        long micros(Object v) {
            if (!canEncode(v)) {
                throw Bin.cannotEncode(name(), v);
            }
            long sec;
            int nano;
            switch (v) {
                case LocalDateTime l -> {
                    if (l.equals(LocalDateTime.MAX)) return Long.MAX_VALUE;
                    if (l.equals(LocalDateTime.MIN)) return Long.MIN_VALUE;
                    sec = l.toEpochSecond(ZoneOffset.UTC);
                    nano = l.getNano();
                }
                case OffsetDateTime o -> {
                    if (o.equals(OffsetDateTime.MAX)) return Long.MAX_VALUE;
                    if (o.equals(OffsetDateTime.MIN)) return Long.MIN_VALUE;
                    sec = o.toEpochSecond();
                    nano = o.getNano();
                }
                case ZonedDateTime z -> {
                    sec = z.toEpochSecond();
                    nano = z.getNano();
                }
                case Instant i -> {
                    if (i.equals(Instant.MAX)) return Long.MAX_VALUE;
                    if (i.equals(Instant.MIN)) return Long.MIN_VALUE;
                    sec = i.getEpochSecond();
                    nano = i.getNano();
                }
                default -> throw Bin.cannotEncode(name(), v);
            }
            try {
                long m = Math.addExact(Math.multiplyExact(sec - PG_EPOCH_SECOND, 1_000_000L), (nano + 500) / 1000);
                if (m == Long.MAX_VALUE || m == Long.MIN_VALUE) {
                    throw new ArithmeticException();
                }
                return m;
            } catch (ArithmeticException e) {
                throw new UsageException(name() + " value " + v + " is out of PostgreSQL's range");
            }
        }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            w.i64be(micros(v));
        }

        @Override
        public String encodeText(Object v) {
            long m = micros(v);
            if (m == Long.MAX_VALUE) {
                return "infinity";
            }
            if (m == Long.MIN_VALUE) {
                return "-infinity";
            }
            LocalDateTime ldt = decodeMicros(m);
            return DateTimeText.timestamp(ldt, tz ? ZoneOffset.UTC : null);
        }

        private static LocalDateTime decodeMicros(long micros) {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
        }
    }

    /** Text of a LocalDateTime for a timestamptz parameter: no offset, so the server applies its TimeZone. */
    static String localTimestampText(LocalDateTime v) {
        return ((TimestampCodec) TIMESTAMP).encodeText(v);
    }
}
