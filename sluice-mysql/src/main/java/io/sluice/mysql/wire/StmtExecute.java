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

    /** The unsigned flag of a parameter type (the second type byte). */
    static final int UNSIGNED = 0x80;

    private StmtExecute() {
    }

    public static void encode(ByteWriter w, long statementId, Object[] params, EncodeContext ctx) {
        encode(w, statementId, params, ctx, new ParamScratch());
    }

    /**
     * Like {@link #encode(ByteWriter, long, Object[], EncodeContext)}, resolving into {@code scratch}
     * (the session's own arrays) so that an execution allocates nothing for its parameter list.
     */
    public static void encode(ByteWriter w, long statementId, Object[] params, EncodeContext ctx, ParamScratch scratch) {
        if (statementId < 0 || statementId > 0xffff_ffffL) {
            throw new UsageException("statement id " + statementId + " is not an unsigned 32-bit value");
        }
        int n = params.length;
        if (n == 0) {
            w.u8(COM_STMT_EXECUTE).u32le(statementId).u8(CURSOR_TYPE_NO_CURSOR).u32le(1);
            return;
        }
        ParamScratch sc = n > ParamScratch.MAX_KEPT ? new ParamScratch() : scratch;
        sc.ensure(n);
        ColumnType[] types = sc.types;
        boolean[] unsigned = sc.unsigned;
        Object[] values = sc.values;
        try {
            // resolved before the first byte is written, so a caller error leaves w untouched
            for (int i = 0; i < n; i++) {
                values[i] = resolve(params[i], i + 1, ctx, types, unsigned, i);
            }
            w.u8(COM_STMT_EXECUTE).u32le(statementId).u8(CURSOR_TYPE_NO_CURSOR).u32le(1);
            int bitmapLen = (n + 7) / 8;
            int bitmap = w.skip(bitmapLen);
            for (int i = 0; i < bitmapLen; i++) {
                w.put(bitmap + i, (byte) 0); // skip() may hand back bytes of an earlier message
            }
            for (int i = 0; i < n; i++) {
                if (values[i] == null) {
                    int at = bitmap + (i >>> 3);
                    w.put(at, (byte) (w.array()[at] | (1 << (i & 7))));
                }
            }
            w.u8(1); // new_params_bind_flag
            for (int i = 0; i < n; i++) {
                w.u8(types[i].code()).u8(unsigned[i] ? UNSIGNED : 0x00);
            }
            for (int i = 0; i < n; i++) {
                if (values[i] != null) {
                    writeValue(w, types[i], values[i]);
                }
            }
        } finally {
            sc.clear(n); // the scratch must not keep the caller's values reachable
        }
    }

    /**
     * Resolves parameter {@code p} (1-based {@code index} for messages): stores its wire type in
     * {@code types[at]} and its unsigned flag in {@code unsigned[at]}, and returns the value to
     * write, normalised where the wire needs it (text as bytes in the connection charset, instants as
     * local date-times of the session zone); integers are returned as given. Throws
     * {@link UsageException} for a value MySQL cannot take, before anything is written.
     */
    static Object resolve(Object p, int index, EncodeContext ctx, ColumnType[] types, boolean[] unsigned, int at) {
        unsigned[at] = false;
        ColumnType t;
        Object v = p;
        switch (p) {
            case null -> t = ColumnType.NULL;
            case Boolean b -> {
                t = ColumnType.TINY;
                v = b ? 1L : 0L;
            }
            case Byte b -> t = ColumnType.TINY;
            case Short b -> t = ColumnType.SHORT;
            case Integer b -> t = ColumnType.LONG;
            case Long b -> t = ColumnType.LONGLONG;
            case BigInteger b -> {
                if (b.signum() >= 0 && b.compareTo(TWO_64) < 0) {
                    t = ColumnType.LONGLONG;
                    unsigned[at] = true;
                    v = b.longValue();
                } else {
                    t = ColumnType.NEWDECIMAL;
                    v = ascii(b.toString());
                }
            }
            case Float f -> {
                finite(f, index);
                t = ColumnType.FLOAT;
            }
            case Double d -> {
                finite(d, index);
                t = ColumnType.DOUBLE;
            }
            case BigDecimal d -> {
                t = ColumnType.NEWDECIMAL;
                v = ascii(d.toPlainString());
            }
            case String s -> {
                t = ColumnType.VAR_STRING;
                v = text(s, index, ctx);
            }
            case UUID u -> {
                t = ColumnType.VAR_STRING;
                v = text(u.toString(), index, ctx);
            }
            case Enum<?> e -> {
                t = ColumnType.VAR_STRING;
                v = text(e.name(), index, ctx);
            }
            case byte[] b -> t = ColumnType.BLOB;
            case ByteBuffer b -> {
                byte[] copy = new byte[b.remaining()];
                b.duplicate().get(copy);
                t = ColumnType.BLOB;
                v = copy;
            }
            case LocalDate d -> {
                t = ColumnType.DATE;
                v = checkYear(d.atStartOfDay(), "parameter " + index);
            }
            case LocalDateTime d -> {
                t = ColumnType.DATETIME;
                v = checkYear(d, index);
            }
            case Instant d -> {
                t = ColumnType.DATETIME;
                v = checkYear(LocalDateTime.ofInstant(d, ctx.sessionZone()), index);
            }
            case OffsetDateTime d -> {
                t = ColumnType.DATETIME;
                v = checkYear(LocalDateTime.ofInstant(d.toInstant(), ctx.sessionZone()), index);
            }
            case ZonedDateTime d -> {
                t = ColumnType.DATETIME;
                v = checkYear(LocalDateTime.ofInstant(d.toInstant(), ctx.sessionZone()), index);
            }
            case LocalTime d -> {
                t = ColumnType.TIME;
                v = Duration.ofNanos(d.toNanoOfDay());
            }
            case Duration d -> {
                t = ColumnType.TIME;
                v = checkTime(d, "parameter " + index);
            }
            case Year y -> {
                t = ColumnType.SHORT;
                v = (long) y.getValue();
            }
            default -> throw new UsageException("parameter " + index + " has unsupported type " + p.getClass().getName());
        }
        types[at] = t;
        return v;
    }

    private static byte[] text(String s, int index, EncodeContext ctx) {
        return StrictCharset.encode(s, ctx.charset(), "parameter " + index);
    }

    private static LocalDateTime checkYear(LocalDateTime v, int index) {
        if (v.getYear() < 0 || v.getYear() > 9999) { // common case first: no message string built
            return checkYear(v, "parameter " + index);
        }
        return v;
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

    /** Writes one non-NULL value resolved by {@link #resolve} as type {@code t}. */
    static void writeValue(ByteWriter w, ColumnType t, Object v) {
        switch (t) {
            case TINY -> w.u8((int) ((Number) v).longValue());
            case SHORT -> w.u16le((int) ((Number) v).longValue());
            case LONG -> w.u32le(((Number) v).longValue() & 0xffff_ffffL);
            case LONGLONG -> w.i64le(((Number) v).longValue());
            case FLOAT -> w.u32le(Float.floatToIntBits((Float) v) & 0xffff_ffffL);
            case DOUBLE -> w.i64le(Double.doubleToLongBits((Double) v));
            case DATE -> {
                LocalDateTime d = (LocalDateTime) v;
                w.u8(4).u16le(d.getYear()).u8(d.getMonthValue()).u8(d.getDayOfMonth());
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
