package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.UUID;

/**
 * Client-side interpolation of values into SQL text, for the text-protocol paths that must splice
 * (multi-row INSERT rewriting, statements the server cannot prepare). Prefer server-side prepared
 * statements; this exists because PyMySQL-style drivers need it and it must be correct.
 *
 * <p><b>Strings</b> (refman "String Literals", dev.mysql.com/doc/refman/8.0/en/string-literals.html) are
 * quoted with {@code '}. With backslash escapes enabled, NUL, {@code '}, {@code "}, backspace, newline,
 * carriage return, tab, Ctrl-Z and backslash are escaped as {@code \0 \' \" \b \n \r \t \Z \\}. Under
 * NO_BACKSLASH_ESCAPES a backslash is an ordinary character and the only escape is doubling the quote
 * ({@code ''}); using backslash escapes there would let {@code \'} close the literal, so the session
 * must pass the server's current mode.
 *
 * <p><b>Why escaping characters, then encoding the whole statement, is safe for multibyte charsets.</b>
 * The classic GBK/SJIS/Big5 injection hits byte-level escapers: in those charsets a trail byte may be
 * 0x5c ({@code \}) or the attacker sends a lone lead byte like 0xbf before {@code '}; a byte escaper
 * inserts 0x5c, producing 0xbf 0x5c (one character to the server) followed by a bare quote. Here the
 * input is a Java String: it cannot hold half a multibyte character, every character is first checked
 * to be representable in the connection charset (else {@link UsageException} - no silent '?'), the
 * escapes we add are whole ASCII characters, and the charset encoder emits each character as one
 * complete sequence. The server lexes the statement in the same charset (character_set_client), so it
 * consumes {@code 0xbf 0x5c} as one character and sees our escape and quote as the separate characters
 * they are. This holds only if {@link LiteralContext#charset()} really is character_set_client: the
 * session must update it on SET NAMES.
 *
 * <p>Other values: numbers as plain text (BigDecimal without exponent; NaN/infinite floating point is
 * refused), booleans {@code 1}/{@code 0}, {@code byte[]}/ByteBuffer as {@code X'hex'}, temporal values
 * as quoted {@code 'yyyy-MM-dd HH:mm:ss.ffffff'} forms (instants converted to the session zone), TIME
 * as {@code '-838:59:59.000000'} style, UUID and Enum names as strings, null as {@code NULL}.
 */
public final class SqlLiteral {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiteral() {
    }

    /** Appends {@code value} as a SQL literal. */
    public static void append(StringBuilder sb, Object value, LiteralContext ctx) {
        append(sb, value, ctx, "value");
    }

    /**
     * Replaces each {@code ?} placeholder outside quotes, identifiers and comments with the literal of
     * the corresponding parameter. The parameter count must match the placeholder count.
     */
    public static String interpolate(String sql, Object[] params, LiteralContext ctx) {
        int[] at = placeholders(sql, ctx.noBackslashEscapes());
        if (at.length != params.length) {
            throw new UsageException("SQL has " + at.length + " placeholders but " + params.length
                    + " parameters were given");
        }
        StringBuilder sb = new StringBuilder(sql.length() + 16 * params.length);
        int from = 0;
        for (int i = 0; i < at.length; i++) {
            sb.append(sql, from, at[i]);
            append(sb, params[i], ctx, "parameter " + (i + 1));
            from = at[i] + 1;
        }
        return sb.append(sql, from, sql.length()).toString();
    }

    /**
     * Offsets of the {@code ?} placeholders in {@code sql}, skipping {@code '...'}, {@code "..."} and
     * {@code `...`} (doubled quotes, and backslash escapes in the first two unless
     * {@code noBackslashEscapes}), {@code -- } and {@code #} comments to end of line, and
     * {@code /* *}{@code /} comments - including MySQL's executable {@code /*! *}{@code /} form, where a
     * {@code ?} is not a placeholder. Unterminated quotes or comments swallow the rest of the text (the
     * server will reject the statement anyway).
     */
    static int[] placeholders(String sql, boolean noBackslashEscapes) {
        int[] out = new int[8];
        int count = 0;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            switch (c) {
                case '\'', '"' -> i = closingQuote(sql, i, !noBackslashEscapes);
                case '`' -> i = closingQuote(sql, i, false);
                case '#' -> i = endOfLine(sql, i);
                case '-' -> {
                    // refman "Comments": "-- " needs whitespace or a control character after the dashes.
                    if (i + 1 < n && sql.charAt(i + 1) == '-' && (i + 2 == n || sql.charAt(i + 2) <= ' ')) {
                        i = endOfLine(sql, i);
                    }
                }
                case '/' -> {
                    if (i + 1 < n && sql.charAt(i + 1) == '*') {
                        int end = sql.indexOf("*/", i + 2);
                        i = end < 0 ? n : end + 1;
                    }
                }
                case '?' -> {
                    if (count == out.length) {
                        out = Arrays.copyOf(out, count * 2);
                    }
                    out[count++] = i;
                }
                default -> {
                }
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static int closingQuote(String sql, int open, boolean backslash) {
        char q = sql.charAt(open);
        int n = sql.length();
        for (int j = open + 1; j < n; j++) {
            char ch = sql.charAt(j);
            if (backslash && ch == '\\') {
                j++;
            } else if (ch == q) {
                if (j + 1 < n && sql.charAt(j + 1) == q) {
                    j++;
                } else {
                    return j;
                }
            }
        }
        return n;
    }

    private static int endOfLine(String sql, int from) {
        int nl = sql.indexOf('\n', from);
        return nl < 0 ? sql.length() : nl;
    }

    private static void append(StringBuilder sb, Object value, LiteralContext ctx, String what) {
        switch (value) {
            case null -> sb.append("NULL");
            case Boolean v -> sb.append(v ? '1' : '0');
            case Byte v -> sb.append(v.intValue());
            case Short v -> sb.append(v.intValue());
            case Integer v -> sb.append(v.intValue());
            case Long v -> sb.append(v.longValue());
            case BigInteger v -> sb.append(v);
            case Float v -> sb.append(Float.toString(finite(v, what)));
            case Double v -> sb.append(Double.toString(finite(v, what)));
            case BigDecimal v -> sb.append(v.toPlainString());
            case String v -> quote(sb, v, ctx, what);
            case UUID v -> quote(sb, v.toString(), ctx, what);
            case Enum<?> v -> quote(sb, v.name(), ctx, what);
            case byte[] v -> hex(sb, v, 0, v.length);
            case ByteBuffer v -> {
                byte[] copy = new byte[v.remaining()];
                v.duplicate().get(copy);
                hex(sb, copy, 0, copy.length);
            }
            case LocalDate v -> date(sb.append('\''), StmtExecute.checkYear(v.atStartOfDay(), what)).append('\'');
            case LocalDateTime v -> dateTime(sb, v, what);
            case Instant v -> dateTime(sb, LocalDateTime.ofInstant(v, ctx.sessionZone()), what);
            case OffsetDateTime v -> dateTime(sb, LocalDateTime.ofInstant(v.toInstant(), ctx.sessionZone()), what);
            case ZonedDateTime v -> dateTime(sb, LocalDateTime.ofInstant(v.toInstant(), ctx.sessionZone()), what);
            case LocalTime v -> time(sb, Duration.ofNanos(v.toNanoOfDay()));
            case Duration v -> time(sb, StmtExecute.checkTime(v, what));
            case Year v -> sb.append(v.getValue());
            default -> throw new UsageException(what + " has unsupported type " + value.getClass().getName());
        }
    }

    private static double finite(double v, String what) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new UsageException(what + " is " + v + ", which has no SQL literal");
        }
        return v;
    }

    private static float finite(float v, String what) {
        finite((double) v, what);
        return v;
    }

    private static void quote(StringBuilder sb, String s, LiteralContext ctx, String what) {
        StrictCharset.check(s, ctx.charset(), what);
        sb.append('\'');
        if (ctx.noBackslashEscapes()) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                sb.append(c);
                if (c == '\'') {
                    sb.append('\'');
                }
            }
        } else {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\0' -> sb.append("\\0");
                    case '\'' -> sb.append("\\'");
                    case '"' -> sb.append("\\\"");
                    case '\b' -> sb.append("\\b");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\u001a' -> sb.append("\\Z");
                    case '\\' -> sb.append("\\\\");
                    default -> sb.append(c);
                }
            }
        }
        sb.append('\'');
    }

    private static void hex(StringBuilder sb, byte[] b, int off, int len) {
        sb.append("X'");
        for (int i = off; i < off + len; i++) {
            sb.append(HEX[(b[i] >> 4) & 0xf]).append(HEX[b[i] & 0xf]);
        }
        sb.append('\'');
    }

    private static StringBuilder date(StringBuilder sb, LocalDateTime t) {
        pad(sb, t.getYear(), 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        return pad(sb, t.getDayOfMonth(), 2);
    }

    private static void dateTime(StringBuilder sb, LocalDateTime t, String what) {
        StmtExecute.checkYear(t, what);
        date(sb.append('\''), t).append(' ');
        clock(sb, t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000).append('\'');
    }

    private static void time(StringBuilder sb, Duration d) {
        sb.append('\'');
        Duration a = d.abs();
        long seconds = a.getSeconds();
        int micros = a.getNano() / 1000;
        if (d.isNegative() && (seconds != 0 || micros != 0)) {
            sb.append('-');
        }
        clock(sb, seconds / 3600, (int) (seconds % 3600 / 60), (int) (seconds % 60), micros).append('\'');
    }

    private static StringBuilder clock(StringBuilder sb, long h, int mi, int s, int micros) {
        pad(sb, h, 2).append(':');
        pad(sb, mi, 2).append(':');
        pad(sb, s, 2);
        if (micros != 0) {
            pad(sb.append('.'), micros, 6);
        }
        return sb;
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
