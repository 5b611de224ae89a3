package io.sluice.mysql.session;

import java.util.Locale;

/**
 * Recognises {@code INSERT|REPLACE ... VALUES (row)} statements whose single value group can be
 * repeated to send many rows in one statement (multi-row INSERT rewriting), as MySQL
 * Connector/J's rewriteBatchedStatements does. Anything it does not fully understand is left to
 * the pipelined prepared path: a wrong rewrite would change the statement's meaning.
 *
 * @param prefix the text up to and including {@code VALUES }
 * @param group  the value group, e.g. {@code (?, ?, now())}
 * @param suffix the text after the group (empty or {@code ON DUPLICATE KEY UPDATE ...} without placeholders)
 */
record InsertRewrite(String prefix, String group, String suffix) {

    static InsertRewrite of(String sql) {
        String s = stripTrailingSemicolon(sql);
        String head = s.stripLeading().toUpperCase(Locale.ROOT);
        if (!(head.startsWith("INSERT") || head.startsWith("REPLACE"))) {
            return null;
        }
        int values = findValuesKeyword(s);
        if (values < 0) {
            return null;
        }
        int open = values + 6;
        while (open < s.length() && Character.isWhitespace(s.charAt(open))) {
            open++;
        }
        if (open >= s.length() || s.charAt(open) != '(') {
            return null;
        }
        int close = matchParen(s, open);
        if (close < 0) {
            return null;
        }
        String suffix = s.substring(close + 1);
        String trimmed = suffix.strip().toUpperCase(Locale.ROOT);
        if (!trimmed.isEmpty() && !(trimmed.startsWith("ON DUPLICATE KEY UPDATE") && suffix.indexOf('?') < 0)) {
            return null; // e.g. a second value group, or placeholders after the group
        }
        return new InsertRewrite(s.substring(0, open), s.substring(open, close + 1), suffix);
    }

    private static String stripTrailingSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    /** Index of the VALUES/VALUE keyword outside quotes and comments, or -1 (also -1 if it appears twice). */
    private static int findValuesKeyword(String s) {
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(s, i, c);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '-' && s.startsWith("--", i) || c == '#' || c == '/' && s.startsWith("/*", i)) {
                return -1; // comments: not worth the risk of a wrong rewrite
            } else if ((c == 'V' || c == 'v') && wordAt(s, i, "VALUES")) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
                i += 5;
            } else if ((c == 'S' || c == 's') && wordAt(s, i, "SELECT")) {
                return -1; // INSERT ... SELECT
            }
        }
        return found;
    }

    private static boolean wordAt(String s, int i, String word) {
        if (!s.regionMatches(true, i, word, 0, word.length())) {
            return false;
        }
        boolean before = i == 0 || !isWord(s.charAt(i - 1));
        int end = i + word.length();
        boolean after = end >= s.length() || !isWord(s.charAt(end));
        return before && after;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipQuoted(String s, int start, char q) {
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && q != '`') {
                i++;
            } else if (c == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int matchParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(s, i, c);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
