package io.sluice.cli;

import io.sluice.core.error.UsageException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits an SQL script into statements, one line at a time, so a script read from stdin can run
 * statement by statement without being held in memory. Statements end at the delimiter ({@code ;}
 * unless a MySQL-client style {@code DELIMITER xx} line changed it) outside quotes, backticks,
 * dollar quotes and comments. Statements are returned stripped of surrounding whitespace, with
 * their inner comments kept (optimizer hints live in comments); statements consisting only of
 * comments and whitespace are dropped.
 *
 * <p>Lexical rules: MySQL 8.0 reference manual "9.1.1 String Literals" (backslash escapes,
 * doubled quotes) and "11.7 Comments" ({@code #}, {@code -- } with a following space or control
 * character, non-nesting block comments); PostgreSQL manual "4.1.2.4 Dollar-Quoted String
 * Constants", "4.1.2.2 String Constants With C-Style Escapes" and "4.1.5 Comments" (nesting).
 */
final class StatementSplitter {
    private enum State { NORMAL, SINGLE, DOUBLE, BACKTICK, LINE_COMMENT, BLOCK_COMMENT, DOLLAR }

    private final Dialect dialect;
    private final StringBuilder buf = new StringBuilder();
    private State state = State.NORMAL;
    private boolean content;      // buf holds something besides whitespace and comments
    private boolean backslashes;  // the open quote honours backslash escapes
    private int commentDepth;
    private String dollarTag;
    private String delimiter = ";";
    private int lineNo;
    private int openedOnLine;

    StatementSplitter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Splits a whole script. */
    static List<String> split(String script, Dialect dialect) {
        StatementSplitter s = new StatementSplitter(dialect);
        List<String> out = new ArrayList<>();
        int from = 0;
        while (from < script.length()) {
            int nl = script.indexOf('\n', from);
            int to = nl < 0 ? script.length() : nl + 1;
            out.addAll(s.feed(script.substring(from, to)));
            from = to;
        }
        out.addAll(s.finish());
        return out;
    }

    /**
     * Feeds one line including its terminator (the last line of input may lack one) and returns
     * the statements it completed.
     */
    List<String> feed(String line) {
        lineNo++;
        List<String> out = new ArrayList<>(1);
        if (state == State.NORMAL && !content && dialect == Dialect.MYSQL && delimiterCommand(line)) {
            return out;
        }
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            char next = i + 1 < n ? line.charAt(i + 1) : '\0';
            switch (state) {
                case NORMAL -> {
                    if (line.startsWith(delimiter, i)) {
                        emit(out);
                        i += delimiter.length();
                        continue;
                    }
                    if (c == '\'') {
                        open(State.SINGLE, dialect == Dialect.MYSQL || escapeStringPrefix());
                    } else if (c == '"') {
                        open(State.DOUBLE, dialect == Dialect.MYSQL);
                    } else if (c == '`' && dialect == Dialect.MYSQL) {
                        open(State.BACKTICK, false);
                    } else if (c == '-' && next == '-' && (dialect == Dialect.POSTGRESQL || i + 2 >= n
                            || line.charAt(i + 2) <= ' ')) {
                        state = State.LINE_COMMENT;
                    } else if (c == '#' && dialect == Dialect.MYSQL) {
                        state = State.LINE_COMMENT;
                    } else if (c == '/' && next == '*') {
                        state = State.BLOCK_COMMENT;
                        commentDepth = 1;
                        openedOnLine = lineNo;
                        buf.append("/*");
                        i += 2;
                        continue;
                    } else if (c == '$' && dialect == Dialect.POSTGRESQL && !identifierCharBefore()) {
                        String tag = dollarTagAt(line, i);
                        content = true;
                        if (tag != null) {
                            state = State.DOLLAR;
                            dollarTag = tag;
                            openedOnLine = lineNo;
                            buf.append(tag);
                            i += tag.length();
                            continue;
                        }
                    } else if (!Character.isWhitespace(c)) {
                        content = true;
                    }
                    buf.append(c);
                    i++;
                }
                case SINGLE, DOUBLE, BACKTICK -> {
                    char quote = state == State.SINGLE ? '\'' : state == State.DOUBLE ? '"' : '`';
                    if (c == '\\' && backslashes && i + 1 < n) {
                        buf.append(c).append(next);
                        i += 2;
                        continue;
                    }
                    if (c == quote) {
                        if (next == quote) { // doubled quote stands for itself
                            buf.append(c).append(next);
                            i += 2;
                            continue;
                        }
                        state = State.NORMAL;
                    }
                    buf.append(c);
                    i++;
                }
                case LINE_COMMENT -> {
                    if (c == '\n') {
                        state = State.NORMAL;
                    }
                    buf.append(c);
                    i++;
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        buf.append("*/");
                        i += 2;
                        if (--commentDepth == 0) {
                            state = State.NORMAL;
                        }
                        continue;
                    }
                    if (c == '/' && next == '*' && dialect == Dialect.POSTGRESQL) { // PostgreSQL nests
                        commentDepth++;
                        buf.append("/*");
                        i += 2;
                        continue;
                    }
                    buf.append(c);
                    i++;
                }
                case DOLLAR -> {
                    if (line.startsWith(dollarTag, i)) {
                        buf.append(dollarTag);
                        i += dollarTag.length();
                        state = State.NORMAL;
                        continue;
                    }
                    buf.append(c);
                    i++;
                }
            }
        }
        return out;
    }

    /**
     * Ends the input: returns the last statement if it lacked a delimiter. An unterminated quote or
     * block comment is reported here rather than sent, because the server's error for it ("syntax
     * error near ''") would not say what is wrong.
     */
    List<String> finish() {
        String open = switch (state) {
            case SINGLE -> "'...' string";
            case DOUBLE -> dialect == Dialect.MYSQL ? "\"...\" string" : "\"...\" identifier";
            case BACKTICK -> "`...` identifier";
            case BLOCK_COMMENT -> "/* comment";
            case DOLLAR -> dollarTag + " quoted string";
            case NORMAL, LINE_COMMENT -> null;
        };
        if (open != null) {
            throw new UsageException("unterminated " + open + " starting on line " + openedOnLine);
        }
        List<String> out = new ArrayList<>(1);
        emit(out);
        state = State.NORMAL;
        return out;
    }

    private void open(State quote, boolean honourBackslashes) {
        state = quote;
        backslashes = honourBackslashes;
        openedOnLine = lineNo;
        content = true;
    }

    private void emit(List<String> out) {
        if (content) {
            out.add(buf.toString().strip());
        }
        buf.setLength(0);
        content = false;
    }

    /** The mysql client's {@code DELIMITER //} command, recognised on a line of its own. */
    private boolean delimiterCommand(String line) {
        String t = line.strip();
        if (!t.toLowerCase(Locale.ROOT).startsWith("delimiter")
                || (t.length() > 9 && !Character.isWhitespace(t.charAt(9)))) {
            return false;
        }
        String arg = t.substring(9).strip();
        if (arg.isEmpty()) {
            throw new UsageException("DELIMITER on line " + lineNo + " needs a delimiter, e.g. DELIMITER //");
        }
        int ws = 0;
        while (ws < arg.length() && !Character.isWhitespace(arg.charAt(ws))) {
            ws++;
        }
        delimiter = arg.substring(0, ws);
        return true;
    }

    /** PostgreSQL {@code E'...'}: the E must not be the tail of an identifier such as {@code type'}. */
    private boolean escapeStringPrefix() {
        int len = buf.length();
        if (len == 0 || (buf.charAt(len - 1) != 'E' && buf.charAt(len - 1) != 'e')) {
            return false;
        }
        return len == 1 || !isIdentifierChar(buf.charAt(len - 2));
    }

    private boolean identifierCharBefore() {
        return !buf.isEmpty() && isIdentifierChar(buf.charAt(buf.length() - 1));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** {@code $$} or {@code $tag$} at {@code i}, or null ({@code $1} is a parameter, not a tag). */
    private static String dollarTagAt(String line, int i) {
        int j = i + 1;
        while (j < line.length()) {
            char c = line.charAt(j);
            boolean ok = j == i + 1 ? Character.isLetter(c) || c == '_' || c > 0x7f
                    : Character.isLetterOrDigit(c) || c == '_' || c > 0x7f;
            if (!ok) {
                break;
            }
            j++;
        }
        return j < line.length() && line.charAt(j) == '$' ? line.substring(i, j + 1) : null;
    }
}
