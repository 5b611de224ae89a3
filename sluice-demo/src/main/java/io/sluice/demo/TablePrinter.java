package io.sluice.demo;

import io.sluice.core.result.Column;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A small aligned-table renderer for the demo's query results (psql style: {@code |} between
 * columns, numbers right-aligned, {@code NULL} for null, long text cut). Plain ASCII so it reads
 * the same on a terminal and in a log file.
 */
final class TablePrinter {
    private static final int MAX_CELL = 40;

    private TablePrinter() {
    }

    /** The lines of a table for {@code result}'s rows, ending with a row count. */
    static List<String> render(Result result) {
        List<String> headers = new ArrayList<>();
        for (Column c : result.columns().columns()) {
            headers.add(c.name());
        }
        List<Object[]> rows = new ArrayList<>();
        for (Row r : result.rows()) {
            rows.add(r.toArray());
        }
        return render(headers, rows);
    }

    static List<String> render(List<String> headers, List<Object[]> rows) {
        int n = headers.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            width[i] = headers.get(i).length();
            numeric[i] = !rows.isEmpty();
        }
        for (Object[] r : rows) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                Object v = i < r.length ? r[i] : null;
                c[i] = text(v);
                width[i] = Math.max(width[i], c[i].length());
                if (v != null && !(v instanceof Number)) {
                    numeric[i] = false;
                }
            }
            cells.add(c);
        }
        List<String> out = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                head.append(" | ");
                rule.append("-+-");
            }
            head.append(pad(headers.get(i), width[i], numeric[i]));
            rule.append("-".repeat(width[i]));
        }
        out.add(head.toString().stripTrailing());
        out.add(rule.toString());
        for (String[] c : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(" | ");
                }
                sb.append(pad(c[i], width[i], numeric[i]));
            }
            out.add(sb.toString().stripTrailing());
        }
        out.add("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
        return out;
    }

    static String text(Object v) {
        String s = switch (v) {
            case null -> "NULL";
            case BigDecimal d -> d.toPlainString();
            case Long l -> String.format(java.util.Locale.ROOT, "%,d", l);
            case Integer i -> String.format(java.util.Locale.ROOT, "%,d", i);
            case Instant t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.atOffset(ZoneOffset.UTC).toLocalDateTime()) + "Z";
            case OffsetDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.toLocalDateTime())
                    + (t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().toString());
            case LocalDateTime t -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t).replace('T', ' ');
            case byte[] b -> "0x" + java.util.HexFormat.of().formatHex(b, 0, Math.min(b.length, 16))
                    + (b.length > 16 ? "..." : "");
            default -> String.valueOf(v);
        };
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            clean.append(Character.isISOControl(ch) ? ' ' : ch); // a newline would break the table
        }
        return clean.length() > MAX_CELL ? clean.substring(0, MAX_CELL - 3) + "..." : clean.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
