package io.sluice.cli;

import io.sluice.core.error.UsageException;
import io.sluice.core.sql.SqlText;
import io.sluice.core.sql.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@code sluice load} statement with random-value placeholders ({@link Placeholder}): parsed
 * and validated once, then {@link #next} draws fresh parameter values for every execution. The
 * SQL sent has a {@code ?} where each placeholder stood, so values are always bound, never spliced.
 *
 * <p>What is a placeholder: {@code {kind}} or {@code {kind:args}} where kind is letters, outside
 * quotes ({@code '...'}, {@code "..."}, {@code `...`}, PostgreSQL {@code $tag$...$tag$}) and
 * comments. Braces in any other shape, such as ODBC escapes {@code {fn NOW()}} or
 * {@code {d '2024-01-01'}} (blank after the word), are left alone, and so is everything inside a
 * string literal: {@code '{int:1:2}'} is the literal text.
 */
final class ParamTemplate {
    private final String source;
    private final String sql;
    private final Placeholder[] placeholders;

    private ParamTemplate(String source, String sql, List<Placeholder> placeholders) {
        this.source = source;
        this.sql = sql;
        this.placeholders = placeholders.toArray(Placeholder[]::new);
    }

    /** The statement as the user wrote it. */
    String source() {
        return source;
    }

    /** The statement as sent: one {@code ?} per placeholder. */
    String sql() {
        return sql;
    }

    int parameterCount() {
        return placeholders.length;
    }

    List<Placeholder> placeholders() {
        return List.of(placeholders);
    }

    /** Fresh values for one execution, in placeholder order. */
    Object[] next(ThreadLocalRandom random, AtomicLong seq) {
        Object[] v = new Object[placeholders.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = placeholders[i].next(random, seq);
        }
        return v;
    }

    /**
     * Parses {@code source} under the lexical rules of {@code dialect}.
     *
     * @throws CliArgs.UsageError for a malformed or unknown placeholder, an unterminated one, or
     *                            SQL that carries its own {@code ?} / {@code :name} markers
     */
    static ParamTemplate parse(String source, Dialect dialect) throws CliArgs.UsageError {
        boolean mysql = dialect == Dialect.MYSQL;
        StringBuilder out = new StringBuilder(source.length());
        List<Placeholder> found = new ArrayList<>();
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            int end;
            if (c == '\'' || c == '"' || (c == '`' && mysql)) {
                end = quoted(source, i, c, mysql);
            } else if (c == '#' && mysql) {
                end = lineEnd(source, i);
            } else if (c == '-' && i + 1 < n && source.charAt(i + 1) == '-'
                    && (!mysql || i + 2 >= n || Character.isWhitespace(source.charAt(i + 2))
                    || Character.isISOControl(source.charAt(i + 2)))) {
                end = lineEnd(source, i);
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int close = source.indexOf("*/", i + 2);
                end = close < 0 ? n : close + 2;
            } else if (c == '$' && !mysql && dollarTag(source, i) > 0) {
                int tagEnd = dollarTag(source, i);
                String tag = source.substring(i, tagEnd);
                int close = source.indexOf(tag, tagEnd);
                end = close < 0 ? n : close + tag.length();
            } else if (c == '{' && isPlaceholderStart(source, i)) {
                int close = source.indexOf('}', i);
                int nl = indexOfLineBreak(source, i);
                if (close < 0 || (nl >= 0 && nl < close)) {
                    String shown = source.substring(i, nl >= 0 && (close < 0 || nl < close) ? nl : n);
                    throw new CliArgs.UsageError("placeholder " + shorten(shown) + ": missing closing '}'");
                }
                String token = source.substring(i, close + 1);
                String inner = source.substring(i + 1, close);
                int colon = inner.indexOf(':');
                String kind = colon < 0 ? inner : inner.substring(0, colon);
                String args = colon < 0 ? null : inner.substring(colon + 1);
                found.add(Placeholder.parse(token, kind, args));
                out.append('?');
                i = close + 1;
                continue;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(source, i, end);
            i = end;
        }
        String rendered = out.toString();
        checkNoOwnMarkers(rendered, found.size(), mysql ? Syntax.MYSQL : Syntax.POSTGRES);
        return new ParamTemplate(source, rendered, found);
    }

    /**
     * The engine would take a {@code ?} or {@code :name} the user typed for a parameter of its own,
     * and the count would no longer match the values we bind: say so now, with the way out.
     */
    private static void checkNoOwnMarkers(String rendered, int placeholders, Syntax syntax) throws CliArgs.UsageError {
        SqlText text;
        try {
            text = SqlText.of(rendered, syntax);
        } catch (UsageException e) {
            throw new CliArgs.UsageError(e.getMessage());
        }
        if (text.isNamed() || text.positionalCount() != placeholders) {
            throw new CliArgs.UsageError("the SQL has its own parameter markers (? or :name outside quotes); "
                    + "use {...} placeholders for values (write ?? for a literal ?, \\: for a literal colon)");
        }
    }

    /** {@code {} followed by letters and then ':' or '}'. */
    private static boolean isPlaceholderStart(String s, int brace) {
        int j = brace + 1;
        while (j < s.length() && isAsciiLetter(s.charAt(j))) {
            j++;
        }
        return j > brace + 1 && j < s.length() && (s.charAt(j) == ':' || s.charAt(j) == '}');
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** End (exclusive) of the quoted run opening at {@code start}; doubled quotes and (MySQL) backslashes escape. */
    private static int quoted(String s, int start, char q, boolean backslashEscapes) {
        int n = s.length();
        int j = start + 1;
        while (j < n) {
            char c = s.charAt(j);
            if (c == '\\' && backslashEscapes && q != '`') {
                j += 2;
            } else if (c == q) {
                if (j + 1 < n && s.charAt(j + 1) == q) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return n; // unterminated: the server will say so
    }

    private static int lineEnd(String s, int from) {
        int nl = indexOfLineBreak(s, from);
        return nl < 0 ? s.length() : nl;
    }

    private static int indexOfLineBreak(String s, int from) {
        for (int j = from; j < s.length(); j++) {
            if (s.charAt(j) == '\n' || s.charAt(j) == '\r') {
                return j;
            }
        }
        return -1;
    }

    /** End of a PostgreSQL dollar-quote tag ({@code $$} or {@code $name$}) at {@code i}, or -1. */
    private static int dollarTag(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return -1; // part of an identifier such as a$b
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    @Override
    public String toString() {
        return sql;
    }
}
