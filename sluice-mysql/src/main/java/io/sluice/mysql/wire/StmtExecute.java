package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Encodes a {@code COM_STMT_EXECUTE} payload
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_execute.html):
 *
 * <pre>
 * int&lt;1&gt; 0x17, int&lt;4&gt; statement_id, int&lt;1&gt; flags (0x00 CURSOR_TYPE_NO_CURSOR), int&lt;4&gt; iteration_count = 1
 * if num_params &gt; 0:
 *   NULL bitmap, (num_params + 7) / 8 bytes, offset 0
 *   int&lt;1&gt; new_params_bind_flag = 1
 *   per parameter: int&lt;1&gt; type, int&lt;1&gt; flags (0x80 = unsigned)
 *   per non-NULL parameter: its binary value (page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value)
 * </pre>
 *
 * The query-attribute form (parameter_count and names, with CLIENT_QUERY_ATTRIBUTES) is not produced:
 * the session must not negotiate that capability. Types are always sent (new_params_bind_flag = 1),
 * which MariaDB and MySQL both accept and which keeps the encoder stateless. {@code params.length} must
 * equal the statement's num_params; the session checks that against {@link StmtPrepareOk}.
 *
 * <p>Java to MySQL: null NULL; Boolean TINY 1/0; Byte TINY; Short SHORT; Integer LONG; Long LONGLONG;
 * BigInteger LONGLONG UNSIGNED when 0 <= v < 2^64, else NEWDECIMAL text; Float FLOAT; Double DOUBLE
 * (NaN and infinities rejected: MySQL cannot store them); BigDecimal NEWDECIMAL plain text; String,
 * UUID and Enum (its name) VAR_STRING in the connection charset; byte[] and ByteBuffer (its remaining
 * bytes, position untouched) BLOB; LocalDate DATE; LocalDateTime DATETIME; Instant, OffsetDateTime and
 * ZonedDateTime DATETIME in the session zone; LocalTime and Duration TIME; Year SHORT. Fractions below
 * a microsecond are truncated (MySQL stores at most microseconds). The whole parameter list is
 * validated before the first byte is written, so a caller error leaves {@code w} untouched.
 */
public final class StmtExecute {
    public static final int COM_STMT_EXECUTE = 0x17;
    public static final int CURSOR_TYPE_NO_CURSOR = 0x00;
    /** TIME's range is +-838:59:59.999999. */
    static final long MAX_TIME_SECONDS = 838 * 3600 + 59 * 60 + 59;

    /** Exclusive bound: 839:00:00 (sub-microsecond digits below it are truncated away). */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(MAX_TIME_SECONDS + 1);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** One parameter, type resolved and value normalised. */
    private record Bound(ColumnType type, boolean unsigned, Object value) {
    }

    private StmtExecute() {
    }

    public static void encode(ByteWriter w, long statementId, Object[] params, EncodeContext ctx) {
        if (statementId < 0 || statementId > 0xffff_ffffL) {
            throw new UsageException("statement id " + statementId + " is not an unsigned 32-bit value");
        }
        Bound[] bound = new Bound[params.length];
        for (int i = 0; i < params.length; i++) {
            bound[i] = bind(params[i], i + 1, ctx);
        }
        w.u8(COM_STMT_EXECUTE).u32le(statementId).u8(CURSOR_TYPE_NO_CURSOR).u32le(1);
        if (bound.length == 0) {
            return;
        }
        int bitmapLen = (bound.length + 7) / 8;
        int bitmap = w.skip(bitmapLen);
        for (int i = 0; i < bitmapLen; i++) {
            w.put(bitmap + i, (byte) 0); // skip() may hand back bytes of an earlier message
        }
        for (int i = 0; i < bound.length; i++) {
            if (bound[i].value() == null) {
                int at = bitmap + (i >>> 3);
                w.put(at, (byte) (w.array()[at] | (1 << (i & 7))));
            }
        }
        w.u8(1); // new_params_bind_flag
        for (Bound b : bound) {
            w.u8(b.type().code()).u8(b.unsigned() ? 0x80 : 0x00);
        }
        for (Bound b : bound) {
            if (b.value() != null) {
                writeValue(w, b);
            }
        }
    }

    private static Bound bind(Object p, int index, EncodeContext ctx) {
        return switch (p) {
            case null -> new Bound(ColumnType.NULL, false, null);
            case Boolean v -> new Bound(ColumnType.TINY, false, v ? 1L : 0L);
            case Byte v -> new Bound(ColumnType.TINY, false, v.longValue());
            case Short v -> new Bound(ColumnType.SHORT, false, v.longValue());
            case Integer v -> new Bound(ColumnType.LONG, false, v.longValue());
            case Long v -> new Bound(ColumnType.LONGLONG, false, v);
            case BigInteger v -> v.signum() >= 0 && v.compareTo(TWO_64) < 0
                    ? new Bound(ColumnType.LONGLONG, true, v.longValue())
                    : new Bound(ColumnType.NEWDECIMAL, false, ascii(v.toString()));
            case Float v -> {
                finite(v, index);
                yield new Bound(ColumnType.FLOAT, false, v);
            }
            case Double v -> {
                finite(v, index);
                yield new Bound(ColumnType.DOUBLE, false, v);
            }
            case BigDecimal v -> new Bound(ColumnType.NEWDECIMAL, false, ascii(v.toPlainString()));
            case String v -> string(v, index, ctx);
            case UUID v -> string(v.toString(), index, ctx);
            case Enum<?> v -> string(v.name(), index, ctx);
            case byte[] v -> new Bound(ColumnType.BLOB, false, v);
            case ByteBuffer v -> {
                byte[] copy = new byte[v.remaining()];
                v.duplicate().get(copy);
                yield new Bound(ColumnType.BLOB, false, copy);
            }
            case LocalDate v -> new Bound(ColumnType.DATE, false, checkYear(v.atStartOfDay(), "parameter " + index));
            case LocalDateTime v -> new Bound(ColumnType.DATETIME, false, checkYear(v, "parameter " + index));
            case Instant v -> dateTime(LocalDateTime.ofInstant(v, ctx.sessionZone()), index);
            case OffsetDateTime v -> dateTime(LocalDateTime.ofInstant(v.toInstant(), ctx.sessionZone()), index);
            case ZonedDateTime v -> dateTime(LocalDateTime.ofInstant(v.toInstant(), ctx.sessionZone()), index);
            case LocalTime v -> new Bound(ColumnType.TIME, false, Duration.ofNanos(v.toNanoOfDay()));
            case Duration v -> new Bound(ColumnType.TIME, false, checkTime(v, "parameter " + index));
            case Year v -> new Bound(ColumnType.SHORT, false, (long) v.getValue());
            default -> throw new UsageException("parameter " + index + " has unsupported type "
                    + p.getClass().getName());
        };
    }

    private static Bound string(String s, int index, EncodeContext ctx) {
        return new Bound(ColumnType.VAR_STRING, false, StrictCharset.encode(s, ctx.charset(), "parameter " + index));
    }

    private static Bound dateTime(LocalDateTime v, int index) {
        return new Bound(ColumnType.DATETIME, false, checkYear(v, "parameter " + index));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void finite(double v, int index) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new UsageException("parameter " + index + " is " + v + ", which MySQL cannot store");
        }
    }

    static LocalDateTime checkYear(LocalDateTime v, String what) {
        if (v.getYear() < 0 || v.getYear() > 9999) {
            throw new UsageException(what + ": year " + v.getYear() + " is outside MySQL's 0..9999");
        }
        return v;
    }

    static Duration checkTime(Duration d, String what) {
        if (d.compareTo(TIME_LIMIT) >= 0 || d.compareTo(TIME_LIMIT.negated()) <= 0) {
            throw new UsageException(what + ": TIME value " + d
                    + " is outside MySQL's range -838:59:59.999999..838:59:59.999999");
        }
        return d;
    }

    private static void writeValue(ByteWriter w, Bound b) {
        Object v = b.value();
        switch (b.type()) {
            case TINY -> w.u8((int) (long) (Long) v);
            case SHORT -> w.u16le((int) (long) (Long) v);
            case LONG -> w.u32le((Long) v);
            case LONGLONG -> w.i64le((Long) v);
            case FLOAT -> w.u32le(Float.floatToIntBits((Float) v) & 0xffff_ffffL);
            case DOUBLE -> w.i64le(Double.doubleToLongBits((Double) v));
            case DATE -> {
                LocalDateTime t = (LocalDateTime) v;
                w.u8(4).u16le(t.getYear()).u8(t.getMonthValue()).u8(t.getDayOfMonth());
            }
            case DATETIME -> writeDateTime(w, (LocalDateTime) v);
            case TIME -> writeTime(w, (Duration) v);
            default -> Lenenc.writeBytes(w, (byte[]) v); // VAR_STRING, BLOB, NEWDECIMAL
        }
    }

    /** Length 7 without a fraction, 11 with microseconds (page_protocol_binary_resultset.html, DATETIME). */
    private static void writeDateTime(ByteWriter w, LocalDateTime t) {
        int micros = t.getNano() / 1000;
        w.u8(micros == 0 ? 7 : 11).u16le(t.getYear()).u8(t.getMonthValue()).u8(t.getDayOfMonth())
                .u8(t.getHour()).u8(t.getMinute()).u8(t.getSecond());
        if (micros != 0) {
            w.u32le(micros);
        }
    }

    /** Length 8, or 12 with microseconds: is_negative, days, hours, minutes, seconds[, micros]. */
    private static void writeTime(ByteWriter w, Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        long seconds = a.getSeconds();
        int micros = a.getNano() / 1000;
        if (seconds == 0 && micros == 0) {
            negative = false; // -0.0000001 s truncates to zero, which has no sign
        }
        w.u8(micros == 0 ? 8 : 12).u8(negative ? 1 : 0).u32le(seconds / 86_400)
                .u8((int) (seconds % 86_400 / 3600)).u8((int) (seconds % 3600 / 60)).u8((int) (seconds % 60));
        if (micros != 0) {
            w.u32le(micros);
        }
    }
}
