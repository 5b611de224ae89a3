package io.sluice.mysql.wire;

import io.sluice.core.error.DataException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Builds java.time values from the fields both protocols carry, so a TEXT row and a BINARY row of the
 * same value decode to equal objects. Field ranges are checked here: an impossible field (month 13,
 * minute 60) is a protocol error; a date the server can legitimately store but java.time cannot
 * represent (zero or partial-zero dates, calendar-invalid dates under ALLOW_INVALID_DATES) follows
 * {@link ZeroDateBehavior}.
 */
final class Temporals {
    /** What a DATE/DATETIME/TIMESTAMP column should produce. */
    enum Kind { DATE, DATETIME, TIMESTAMP }

    private Temporals() {
    }

    static Object dateTime(String column, Kind kind, DecodeContext ctx, int y, int mo, int d, int h, int mi, int s,
                           int micros) {
        if (y > 9999 || mo > 12 || d > 31 || h > 23 || mi > 59 || s > 59 || micros > 999_999
                || (y | mo | d | h | mi | s | micros) < 0) {
            throw new ProtocolException("date/time field out of range");
        }
        if (kind == Kind.DATE && (h | mi | s | micros) != 0) {
            throw new ProtocolException("DATE value carries a time of day");
        }
        if (mo == 0 || d == 0) {
            return unrepresentable(column, "zero date", kind, ctx, y, mo, d, h, mi, s, micros);
        }
        LocalDate date;
        try {
            date = LocalDate.of(y, mo, d);
        } catch (DateTimeException e) {
            return unrepresentable(column, "invalid date", kind, ctx, y, mo, d, h, mi, s, micros);
        }
        if (kind == Kind.DATE) {
            return date;
        }
        LocalDateTime ldt = date.atTime(h, mi, s, micros * 1000);
        // TIMESTAMP travels as a local date-time in the session time zone. In a DST gap atZone moves
        // forward; in an overlap it picks the earlier offset (the server's own choice is not on the wire).
        return kind == Kind.TIMESTAMP ? ldt.atZone(ctx.sessionZone()).toInstant() : ldt;
    }

    private static Object unrepresentable(String column, String what, Kind kind, DecodeContext ctx, int y, int mo,
                                          int d, int h, int mi, int s, int micros) {
        if (ctx.zeroDates() == ZeroDateBehavior.NULL) {
            return null;
        }
        String text = String.format("%04d-%02d-%02d", y, mo, d);
        if (kind != Kind.DATE) {
            text += String.format(" %02d:%02d:%02d", h, mi, s) + (micros == 0 ? "" : String.format(".%06d", micros));
        }
        throw new DataException(what + " '" + text + "' in column " + column
                + " cannot be represented; set zeroDateBehavior=null", 0, "22007");
    }

    /** A TIME value: MySQL's range is +-838:59:59.999999, but any well-formed value is accepted. */
    static Duration time(boolean negative, long days, long hours, int mi, int s, int micros) {
        if (days < 0 || hours < 0 || mi < 0 || mi > 59 || s < 0 || s > 59 || micros < 0 || micros > 999_999) {
            throw new ProtocolException("time field out of range");
        }
        long seconds = days * 86_400 + hours * 3_600 + mi * 60L + s;
        Duration d = Duration.ofSeconds(seconds, micros * 1000L);
        return negative ? d.negated() : d;
    }

    /**
     * Binary-protocol DATE / DATETIME / TIMESTAMP
     * (page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value_date): a length byte
     * of 0 (all zero), 4 (y m d), 7 (+ h m s) or 11 (+ microseconds, int&lt;4&gt;).
     */
    static Object readBinaryDateTime(ByteReader r, String column, Kind kind, DecodeContext ctx) {
        int len = r.u8();
        if (len != 0 && len != 4 && len != 7 && len != 11) {
            throw new ProtocolException("binary date/time value of length " + len + " (expected 0, 4, 7 or 11)");
        }
        r.require(len);
        int y = 0;
        int mo = 0;
        int d = 0;
        int h = 0;
        int mi = 0;
        int s = 0;
        int micros = 0;
        if (len >= 4) {
            y = r.u16le();
            mo = r.u8();
            d = r.u8();
        }
        if (len >= 7) {
            h = r.u8();
            mi = r.u8();
            s = r.u8();
        }
        if (len == 11) {
            micros = r.i32le();
        }
        return dateTime(column, kind, ctx, y, mo, d, h, mi, s, micros);
    }

    /**
     * Binary-protocol TIME (page_protocol_binary_resultset.html#sect_protocol_binary_resultset_row_value_time):
     * a length byte of 0 (zero), 8 (is_negative, days int&lt;4&gt;, h, m, s) or 12 (+ microseconds).
     */
    static Duration readBinaryTime(ByteReader r) {
        int len = r.u8();
        if (len != 0 && len != 8 && len != 12) {
            throw new ProtocolException("binary TIME value of length " + len + " (expected 0, 8 or 12)");
        }
        if (len == 0) {
            return Duration.ZERO;
        }
        r.require(len);
        int sign = r.u8();
        if (sign > 1) {
            throw new ProtocolException("binary TIME sign byte " + sign);
        }
        long days = r.u32le();
        int h = r.u8();
        int mi = r.u8();
        int s = r.u8();
        int micros = len == 12 ? r.i32le() : 0;
        // Servers put whole days in `days` and keep h < 24; a larger hour is still a well-defined value.
        return time(sign == 1, days, h, mi, s, micros);
    }
}
