package io.sluice.postgres.wire;

import java.util.Map;

/**
 * Every field of an ErrorResponse or NoticeResponse (protocol "Error and Notice Message Fields").
 * Components are exactly as the server sent them, or {@code null} when absent; the numeric ones
 * ({@code position}, {@code internalPosition}, {@code line}) stay strings because they are
 * informational and a malformed number must not hide the error itself (see {@link #positionNumber()}).
 *
 * @param severity           'S': localized severity (ERROR, FATAL, PANIC, WARNING, NOTICE, ...)
 * @param severityNonLocalized 'V': the same, never translated (PostgreSQL 9.6+)
 * @param code               'C': SQLSTATE
 * @param message            'M': primary message
 * @param detail             'D': secondary message
 * @param hint               'H': suggestion
 * @param position           'P': 1-based character index into the statement text
 * @param internalPosition   'p': position into {@code internalQuery}
 * @param internalQuery      'q': text of an internally generated command that failed
 * @param where              'W': context / call stack
 * @param schema             's': schema name
 * @param table              't': table name
 * @param column             'c': column name
 * @param dataType           'd': data type name
 * @param constraint         'n': constraint name
 * @param file               'F': server source file
 * @param line               'L': server source line
 * @param routine            'R': server source routine
 */
public record PgErrorFields(
        String severity,
        String severityNonLocalized,
        String code,
        String message,
        String detail,
        String hint,
        String position,
        String internalPosition,
        String internalQuery,
        String where,
        String schema,
        String table,
        String column,
        String dataType,
        String constraint,
        String file,
        String line,
        String routine) {

    /**
     * Builds the record from field-type byte to value. Unknown field types are ignored, as the
     * protocol requires ("frontends should silently ignore fields of unrecognized type").
     */
    public static PgErrorFields of(Map<Character, String> f) {
        return new PgErrorFields(f.get('S'), f.get('V'), f.get('C'), f.get('M'), f.get('D'), f.get('H'),
                f.get('P'), f.get('p'), f.get('q'), f.get('W'), f.get('s'), f.get('t'), f.get('c'), f.get('d'),
                f.get('n'), f.get('F'), f.get('L'), f.get('R'));
    }

    /** The SQLSTATE ({@code code}), or {@code null}. */
    public String sqlState() {
        return code;
    }

    /** The non-localized severity when sent, else the localized one. */
    public String effectiveSeverity() {
        return severityNonLocalized != null ? severityNonLocalized : severity;
    }

    /**
     * True for FATAL and PANIC: the server ends the session after sending this error, so the
     * connection must be treated as gone. A localized-only severity is compared as sent.
     */
    public boolean isFatal() {
        String s = effectiveSeverity();
        return "FATAL".equals(s) || "PANIC".equals(s);
    }

    /** {@code position} as a number, or {@code null} when absent or not a positive decimal. */
    public Integer positionNumber() {
        return positiveInt(position);
    }

    static Integer positiveInt(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
