package io.sluice.cli;

import io.sluice.core.result.Column;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON (RFC 8259): a row set is an array of objects keyed by column label, one row per line; an
 * update is {@code {"affectedRows":N,"lastInsertId":X}}. Integers and decimals are unquoted JSON
 * numbers at full precision; NaN and infinities (which JSON cannot express) become strings; binary
 * is base64; temporals and durations are ISO-8601 strings.
 */
final class JsonFormatter {
    private JsonFormatter() {
    }

    /** The rendering of one result, without a trailing newline. */
    static String format(Result r) {
        if (!r.hasRows()) {
            return "{\"affectedRows\":" + r.affectedRows() + ",\"lastInsertId\":"
                    + Long.toUnsignedString(r.lastInsertId()) + "}";
        }
        if (r.rows().isEmpty()) {
            return "[]";
        }
        List<String> keys = keys(r.columns().columns());
        StringBuilder sb = new StringBuilder("[");
        boolean firstRow = true;
        for (Row row : r.rows()) {
            sb.append(firstRow ? "\n  {" : ",\n  {");
            firstRow = false;
            for (int j = 0; j < keys.size(); j++) {
                if (j > 0) {
                    sb.append(',');
                }
                string(sb, keys.get(j)).append(':');
                value(sb, row.get(j));
            }
            sb.append('}');
        }
        return sb.append("\n]").toString();
    }

    /**
     * Column labels, with repeats made unique ("n", "n_2") so no JSON key is silently lost. The
     * first occurrence keeps its name; suffixes skip names a real column already has.
     */
    static List<String> keys(List<Column> columns) {
        Set<String> used = new HashSet<>();
        boolean[] repeat = new boolean[columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            repeat[j] = !used.add(columns.get(j).name());
        }
        List<String> keys = new ArrayList<>(columns.size());
        for (int j = 0; j < columns.size(); j++) {
            String k = columns.get(j).name();
            if (repeat[j]) {
                int suffix = 2;
                while (!used.add(k + "_" + suffix)) {
                    suffix++;
                }
                k = k + "_" + suffix;
            }
            keys.add(k);
        }
        return keys;
    }

    static void value(StringBuilder sb, Object v) {
        switch (v) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b);
            case Long x -> sb.append(x);
            case Integer x -> sb.append(x);
            case Short x -> sb.append(x);
            case Byte x -> sb.append(x);
            case BigInteger x -> sb.append(x);
            case BigDecimal x -> sb.append(x.toPlainString());
            case Double x -> number(sb, x, x.isNaN() || x.isInfinite());
            case Float x -> number(sb, x, x.isNaN() || x.isInfinite());
            case byte[] b -> string(sb, Base64.getEncoder().encodeToString(b));
            case LocalDate t -> string(sb, t.toString());
            case LocalDateTime t -> string(sb, DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t));
            case LocalTime t -> string(sb, DateTimeFormatter.ISO_LOCAL_TIME.format(t));
            case OffsetDateTime t -> string(sb, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
            case OffsetTime t -> string(sb, DateTimeFormatter.ISO_OFFSET_TIME.format(t));
            case ZonedDateTime t -> string(sb, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
            case Instant t -> string(sb, t.toString());
            case Duration d -> string(sb, isoDuration(d));
            case Object[] a -> value(sb, java.util.Arrays.asList(a));
            case Collection<?> c -> {
                sb.append('[');
                boolean first = true;
                for (Object e : c) {
                    sb.append(first ? "" : ",");
                    first = false;
                    value(sb, e);
                }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    string(sb, String.valueOf(e.getKey())).append(':');
                    value(sb, e.getValue());
                }
                sb.append('}');
            }
            default -> string(sb, String.valueOf(v));
        }
    }

    private static void number(StringBuilder sb, Object x, boolean notFinite) {
        if (notFinite) {
            string(sb, x.toString());
        } else {
            sb.append(x); // Double.toString yields valid JSON numbers, e.g. 1.0E10
        }
    }

    /** ISO-8601 duration; negative ones as "-PT1H30M" rather than Java's non-standard "PT-1H-30M". */
    static String isoDuration(Duration d) {
        if (d.isNegative() && !d.equals(Duration.ofSeconds(Long.MIN_VALUE))) {
            return "-" + d.negated();
        }
        return d.toString();
    }

    /**
     * A JSON string literal. Besides what RFC 8259 requires, U+2028/U+2029 are escaped (they end
     * lines in JavaScript) and unpaired surrogates are escaped rather than turned into '?' by the
     * UTF-8 encoder.
     */
    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    boolean unpaired = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpaired) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
