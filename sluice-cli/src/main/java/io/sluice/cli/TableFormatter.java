package io.sluice.cli;

import io.sluice.core.result.Column;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;

import java.util.List;

/**
 * Human-readable output: an aligned table with a header and separator line, numbers
 * right-aligned, {@code NULL} for null, binary as truncated hex, control characters escaped so a
 * value can never break the layout or send escape sequences to the terminal.
 *
 * <pre>
 * id | name
 * ---+------
 *  1 | alice
 * 10 | NULL
 * (2 rows)
 * </pre>
 */
final class TableFormatter {
    /** Bytes of a binary value shown before "...". */
    static final int MAX_BINARY_BYTES = 64;

    private TableFormatter() {
    }

    /** The rendering of one result, without a trailing newline. */
    static String format(Result r) {
        if (!r.hasRows()) {
            return updateLine(r);
        }
        List<Column> columns = r.columns().columns();
        List<Row> rows = r.rows();
        int n = columns.size();
        String[][] cells = new String[rows.size() + 1][n];
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int j = 0; j < n; j++) {
            cells[0][j] = escape(columns.get(j).name());
            right[j] = numeric(columns.get(j), rows, j);
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            for (int j = 0; j < n; j++) {
                Object v = row.get(j);
                cells[i + 1][j] = v == null ? "NULL" : escape(ValueText.text(v, MAX_BINARY_BYTES));
            }
        }
        int[][] cellWidth = new int[cells.length][n];
        for (int i = 0; i < cells.length; i++) {
            for (int j = 0; j < n; j++) {
                cellWidth[i][j] = DisplayWidth.of(cells[i][j]);
                width[j] = Math.max(width[j], cellWidth[i][j]);
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, cells[0], cellWidth[0], width, right);
        for (int j = 0; j < n; j++) {
            sb.append(j == 0 ? "" : "-+-").append("-".repeat(width[j]));
        }
        sb.append('\n');
        for (int i = 1; i < cells.length; i++) {
            line(sb, cells[i], cellWidth[i], width, right);
        }
        return sb.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").toString();
    }

    /** "OK, 3 rows affected, last insert id 42, 1 warning". */
    static String updateLine(Result r) {
        StringBuilder sb = new StringBuilder("OK, ").append(r.affectedRows())
                .append(r.affectedRows() == 1 ? " row affected" : " rows affected");
        if (r.lastInsertId() != 0) {
            sb.append(", last insert id ").append(Long.toUnsignedString(r.lastInsertId()));
        }
        if (r.warnings() != 0) {
            sb.append(", ").append(r.warnings()).append(r.warnings() == 1 ? " warning" : " warnings");
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] cellWidth, int[] width, boolean[] right) {
        int last = cells.length - 1;
        for (int j = 0; j <= last; j++) {
            if (j > 0) {
                sb.append(" | ");
            }
            int pad = width[j] - cellWidth[j];
            if (right[j]) {
                sb.append(" ".repeat(pad)).append(cells[j]);
            } else {
                sb.append(cells[j]);
                if (j < last) { // no trailing blanks at the end of a line
                    sb.append(" ".repeat(pad));
                }
            }
        }
        sb.append('\n');
    }

    /** Right-align when the column's type is numeric, or every non-null value is a number. */
    private static boolean numeric(Column c, List<Row> rows, int j) {
        boolean any = false;
        for (Row row : rows) {
            Object v = row.get(j);
            if (v != null) {
                if (!(v instanceof Number)) {
                    return false;
                }
                any = true;
            }
        }
        return any || (Number.class.isAssignableFrom(c.javaType()) && c.javaType() != Number.class);
    }

    /** Newlines, tabs and other control characters as visible escapes (\n, \t, \x1b). */
    static String escape(String s) {
        int i = 0;
        while (i < s.length() && !control(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (control(c)) {
                        sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean control(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0);
    }
}
