package io.sluice.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Java blocks of a markdown page. Every block whose info string starts with {@code java}
 * must carry {@code id=<name>} (letters, digits, '-'), and may carry {@code db=mysql},
 * {@code db=postgresql} or {@code db=mysql,postgresql} (the default). Anything else in the info
 * string is an error, so a typo cannot silently exclude a snippet from the tests. Blocks in other
 * languages (sh, text, ...) are ignored.
 */
final class SnippetParser {
    private static final Pattern OPEN = Pattern.compile("^( *)(`{3,}|~{3,})\\s*java\\b(.*)$");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    private SnippetParser() {
    }

    /** Thrown for a malformed block; the message names page and line. */
    static final class SnippetFormatException extends RuntimeException {
        SnippetFormatException(String message) {
            super(message);
        }
    }

    static List<Snippet> parse(String file, String markdown) {
        String[] lines = markdown.split("\r?\n", -1);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String fence = fenceOf(lines[i]);
            if (fence == null) {
                continue;
            }
            Matcher m = OPEN.matcher(lines[i]);
            int j = i + 1;
            while (j < lines.length && !closes(lines[j], fence)) {
                j++;
            }
            if (!m.matches()) {
                i = j; // another language: skip its body, a ```java inside it is just text
                continue;
            }
            int fenceLine = i + 1;
            if (j == lines.length) {
                throw new SnippetFormatException(file + ":" + fenceLine + ": java block is never closed");
            }
            int indent = m.group(1).length();
            Map<String, String> attrs = attributes(file, fenceLine, m.group(3));
            List<Snippet.Line> body = new ArrayList<>();
            for (int k = i + 1; k < j; k++) {
                String s = lines[k];
                String text = s.length() >= indent && s.substring(0, indent).isBlank() ? s.substring(indent) : s.stripLeading();
                body.add(new Snippet.Line(k + 1, text));
            }
            out.add(new Snippet(file, attrs.get("id"), databases(file, fenceLine, attrs.get("db")), fenceLine, body));
            i = j;
        }
        return out;
    }

    /** The fence run (``` or ~~~, possibly longer) opening a code block on this line, or null. */
    private static String fenceOf(String line) {
        String s = line.stripLeading();
        if (line.length() - s.length() > 3) {
            return null; // indented code, not a fence
        }
        char c = s.isEmpty() ? ' ' : s.charAt(0);
        if (c != '`' && c != '~') {
            return null;
        }
        int n = 0;
        while (n < s.length() && s.charAt(n) == c) {
            n++;
        }
        return n >= 3 ? s.substring(0, n) : null;
    }

    /** CommonMark: a closing fence is at least as long as the opening one and has nothing after it. */
    private static boolean closes(String line, String fence) {
        String s = line.strip();
        return s.length() >= fence.length() && s.chars().allMatch(ch -> ch == fence.charAt(0));
    }

    private static Map<String, String> attributes(String file, int line, String info) {
        Map<String, String> attrs = new HashMap<>();
        for (String token : info.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            if (eq < 0 || !(key.equals("id") || key.equals("db"))) {
                throw new SnippetFormatException(file + ":" + line + ": unknown fence attribute '" + token
                        + "' (known: id=<name>, db=mysql|postgresql)");
            }
            if (attrs.put(key, token.substring(eq + 1)) != null) {
                throw new SnippetFormatException(file + ":" + line + ": attribute '" + key + "' given twice");
            }
        }
        String id = attrs.get("id");
        if (id == null) {
            throw new SnippetFormatException(file + ":" + line + ": java block without id=<name>; every Java block of "
                    + "the guide is compiled and run, and the id names it in test reports");
        }
        if (!ID.matcher(id).matches()) {
            throw new SnippetFormatException(file + ":" + line + ": id '" + id + "' must be letters, digits and '-'");
        }
        return attrs;
    }

    private static Set<String> databases(String file, int line, String db) {
        if (db == null) {
            return Snippet.DATABASES;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String d : db.split(",")) {
            if (!Snippet.DATABASES.contains(d)) {
                throw new SnippetFormatException(file + ":" + line + ": db='" + d + "' must be mysql or postgresql");
            }
            out.add(d);
        }
        return out;
    }

    /** Fails on an id used twice across the guide. */
    static void requireUniqueIds(List<Snippet> all) {
        Map<String, Snippet> seen = new HashMap<>();
        for (Snippet s : all) {
            Snippet before = seen.putIfAbsent(s.id(), s);
            if (before != null) {
                throw new SnippetFormatException(s.where() + ": id already used at " + before.where());
            }
        }
    }
}
