package io.sluice.cli;

import io.sluice.core.result.Column;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;

/**
 * CSV with RFC 4180 quoting: a header line, fields containing a comma, quote, CR or LF quoted
 * with inner quotes doubled. NULL is an empty field and the empty string is {@code ""}, so the two
 * stay distinguishable (as PostgreSQL's COPY ... CSV does). Lines end in LF, not the RFC's CRLF,
 * to suit Unix pipelines. Binary values are written in full as {@code 0x} hex.
 */
final class CsvFormatter {
    private CsvFormatter() {
    }

    /** The rendering of one result, without a trailing newline. */
    static String format(Result r) {
        if (!r.hasRows()) {
            return "affectedRows,lastInsertId\n" + r.affectedRows() + "," + Long.toUnsignedString(r.lastInsertId());
        }
        StringBuilder sb = new StringBuilder();
        int n = r.columnCount();
        for (int j = 0; j < n; j++) {
            Column c = r.columns().columns().get(j);
            field(sb.append(j == 0 ? "" : ","), c.name());
        }
        for (Row row : r.rows()) {
            sb.append('\n');
            for (int j = 0; j < n; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                Object v = row.get(j);
                if (v != null) {
                    field(sb, ValueText.text(v, Integer.MAX_VALUE));
                }
            }
        }
        return sb.toString();
    }

    static void field(StringBuilder sb, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c);
            if (c == '"') {
                sb.append('"');
            }
        }
        sb.append('"');
    }
}
