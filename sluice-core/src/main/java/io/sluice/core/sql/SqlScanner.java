package io.sluice.core.sql;

import io.sluice.core.error.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over SQL text that splits it into literal text and parameter occurrences. Pure: no
 * state survives {@link #scan}, so parsing the same text twice gives equal results.
 *
 * <p>Besides quotes and comments the scanner keeps the two most recent significant tokens and a
 * stack of open parentheses; that is how it knows a parameter follows {@code IN} / {@code NOT IN},
 * directly or as a member of {@code IN ( ... )}, where a collection value is expanded.
 */
final class SqlScanner {
    /** Where a parameter sits relative to an {@code IN} list. */
    enum InList {
        /** Not in an IN list: a collection is bound as one value. */
        NONE,
        /** Right after {@code IN} with no parenthesis: the rendering supplies them. */
        BARE,
        /** A member of {@code IN ( ... )}: elements expand in place. */
        PARENS
    }

    /** One parameter occurrence: {@code slot} is the name's index, or the 0-based {@code ?} index. */
    record Param(int slot, InList inList, boolean negated) {
    }

    /** {@code text} has one more element than {@code params}: text, param, text, ..., text. */
    record Parsed(String[] text, Param[] params, List<String> names, int positionalCount) {
    }

    private static final int PLAIN = 0;
    private static final int IN_GROUP = 1;
    private static final int NOT_IN_GROUP = 2;

    private final String sql;
    private final Syntax syntax;
    private final int n;
    private final StringBuilder cur;
    private final List<String> text = new ArrayList<>();
    private final List<Param> params = new ArrayList<>();
    private final Map<String, Integer> names = new LinkedHashMap<>();
    private int positional;
    private int firstPositionalAt = -1;
    private int firstNamedAt = -1;
    /** The most recent significant token (word, symbol, {@code '} for a literal), and the one before. */
    private String tok1 = "";
    private String tok2 = "";
    /** Open parentheses: each entry says whether it opened an IN list. */
    private int[] parens = new int[8];
    private int depth;

    private SqlScanner(String sql, Syntax syntax) {
        this.sql = sql;
        this.syntax = syntax;
        this.n = sql.length();
        this.cur = new StringBuilder(n);
    }

    static Parsed scan(String sql, Syntax syntax) {
        return new SqlScanner(sql, syntax).run();
    }

    private Parsed run() {
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            i = switch (c) {
                case '\'' -> quoted(i, '\'', syntax.backslashEscapes || escapeStringPrefix(i));
                case '"' -> quoted(i, '"', syntax.backslashEscapes);
                case '`' -> syntax.backticks ? quoted(i, '`', false) : code(i);
                case '$' -> syntax.dollarQuotes ? dollar(i) : code(i);
                case '-' -> dashComment(i) ? lineComment(i) : code(i);
                case '#' -> syntax.hashComments ? lineComment(i) : code(i);
                case '/' -> i + 1 < n && sql.charAt(i + 1) == '*' ? blockComment(i) : code(i);
                case ':' -> colon(i);
                case '?' -> question(i);
                case '\\' -> backslash(i);
                case '(' -> open(i);
                case ')' -> close(i);
                default -> code(i);
            };
        }
        if (firstNamedAt >= 0 && firstPositionalAt >= 0) {
            throw new UsageException("SQL mixes :name parameters (first at offset " + firstNamedAt
                    + ") with ? parameters (first at offset " + firstPositionalAt
                    + "); use one style. Write ?? for a literal ?, \\: for a literal colon");
        }
        text.add(cur.toString());
        return new Parsed(text.toArray(String[]::new), params.toArray(Param[]::new),
                List.copyOf(names.keySet()), positional);
    }

    // ---- code ----------------------------------------------------------------------------------

    /** Ordinary code: a run of identifier characters is one token, anything else one character. */
    private int code(int i) {
        char c = sql.charAt(i);
        if (identChar(c)) {
            int j = i + 1;
            while (j < n && identChar(sql.charAt(j))) {
                j++;
            }
            cur.append(sql, i, j);
            shift(sql.substring(i, j));
            return j;
        }
        cur.append(c);
        if (!Character.isWhitespace(c)) {
            shift(String.valueOf(c));
        }
        return i + 1;
    }

    private int open(int i) {
        int kind = "in".equalsIgnoreCase(tok1) ? ("not".equalsIgnoreCase(tok2) ? NOT_IN_GROUP : IN_GROUP) : PLAIN;
        if (depth == parens.length) {
            parens = java.util.Arrays.copyOf(parens, depth * 2);
        }
        parens[depth++] = kind;
        return code(i);
    }

    private int close(int i) {
        if (depth > 0) {
            depth--;
        }
        return code(i);
    }

    private void shift(String token) {
        tok2 = tok1;
        tok1 = token;
    }

    // ---- parameters ----------------------------------------------------------------------------

    private int colon(int i) {
        if (i + 1 < n && sql.charAt(i + 1) == ':') { // x::int cast; never a parameter
            cur.append("::");
            shift("::");
            return i + 2;
        }
        // a[lo:hi] (PostgreSQL slice), label:BEGIN: a colon glued to an identifier is not a parameter
        boolean glued = i > 0 && identChar(sql.charAt(i - 1));
        if (glued || i + 1 >= n || !nameStart(sql.charAt(i + 1))) { // also :=, ": x"
            return code(i);
        }
        int j = i + 2;
        while (j < n && namePart(sql.charAt(j))) {
            j++;
        }
        String name = sql.substring(i + 1, j);
        if (firstNamedAt < 0) {
            firstNamedAt = i;
        }
        Integer slot = names.get(name);
        if (slot == null) {
            slot = names.size();
            names.put(name, slot);
        }
        addParam(slot);
        return j; // a following "::type" is then read as a cast
    }

    private int question(int i) {
        if (i + 1 < n && sql.charAt(i + 1) == '?') { // ?? is a literal ? (PostgreSQL jsonb operators)
            cur.append('?');
            shift("?");
            return i + 2;
        }
        if (firstPositionalAt < 0) {
            firstPositionalAt = i;
        }
        addParam(positional++);
        return i + 1;
    }

    private int backslash(int i) {
        if (i + 1 < n && sql.charAt(i + 1) == ':') { // \: is a literal colon
            cur.append(':');
            shift(":");
            return i + 2;
        }
        return code(i);
    }

    private void addParam(int slot) {
        InList where = InList.NONE;
        boolean negated = false;
        if (depth > 0 && parens[depth - 1] != PLAIN && (tok1.equals("(") || tok1.equals(","))) {
            where = InList.PARENS;
            negated = parens[depth - 1] == NOT_IN_GROUP;
        } else if ("in".equalsIgnoreCase(tok1)) {
            where = InList.BARE;
            negated = "not".equalsIgnoreCase(tok2);
        }
        text.add(cur.toString());
        cur.setLength(0);
        params.add(new Param(slot, where, negated));
        shift(":p");
    }

    // ---- quotes and comments -------------------------------------------------------------------

    /** A quoted run; a doubled quote reads as two adjacent runs, which is equivalent here. */
    private int quoted(int i, char q, boolean backslashEscapes) {
        int j = i + 1;
        while (j < n) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
                continue;
            }
            j++;
            if (c == q) {
                break;
            }
        }
        return copy(i, Math.min(j, n), true);
    }

    /** PostgreSQL {@code E'...'}: backslash escapes even with standard_conforming_strings. */
    private boolean escapeStringPrefix(int i) {
        if (i == 0) {
            return false;
        }
        char e = sql.charAt(i - 1);
        return (e == 'E' || e == 'e') && (i == 1 || !identChar(sql.charAt(i - 2)));
    }

    /** {@code $$...$$} or {@code $tag$...$tag$}; {@code $1} and {@code a$b} are code. */
    private int dollar(int i) {
        if (i > 0 && identChar(sql.charAt(i - 1))) {
            return code(i);
        }
        int j = i + 1;
        if (j < n && nameStart(sql.charAt(j))) {
            while (j < n && namePart(sql.charAt(j))) {
                j++;
            }
        }
        if (j >= n || sql.charAt(j) != '$') {
            return code(i);
        }
        String delimiter = sql.substring(i, j + 1);
        int end = sql.indexOf(delimiter, j + 1);
        return copy(i, end < 0 ? n : end + delimiter.length(), true);
    }

    private boolean dashComment(int i) {
        if (i + 1 >= n || sql.charAt(i + 1) != '-') {
            return false;
        }
        if (syntax.dashCommentAlways || i + 2 >= n) {
            return true;
        }
        char c = sql.charAt(i + 2); // MySQL: "--" starts a comment only before whitespace or a control character
        return Character.isWhitespace(c) || Character.isISOControl(c);
    }

    private int lineComment(int i) {
        int j = i;
        while (j < n && sql.charAt(j) != '\n' && sql.charAt(j) != '\r') {
            j++;
        }
        return copy(i, j, false);
    }

    private int blockComment(int i) {
        int level = 1;
        int j = i + 2;
        while (j < n) {
            if (sql.startsWith("*/", j)) {
                j += 2;
                if (--level == 0) {
                    break;
                }
            } else if (syntax.nestedBlockComments && sql.startsWith("/*", j)) {
                j += 2;
                level++;
            } else {
                j++;
            }
        }
        return copy(i, Math.min(j, n), false);
    }

    private int copy(int from, int to, boolean significant) {
        cur.append(sql, from, to);
        if (significant) {
            shift("'");
        }
        return to;
    }

    // ---- character classes ---------------------------------------------------------------------

    private static boolean identChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean nameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean namePart(char c) {
        return nameStart(c) || (c >= '0' && c <= '9');
    }
}
