package io.sluice.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of anything the CLI prints. Handles the sloppy URLs people type: an
 * unencoded {@code @} or {@code /} in the password is tolerated by taking the last {@code @}
 * before the query string as the end of the user info.
 */
final class UrlRedactor {
    static final String MASK = "***";
    /** Shorter passwords are not scrubbed from free text: it would mangle ordinary words. */
    private static final int MIN_SCRUB_LENGTH = 4;
    private static final Pattern PASSWORD_OPTION = Pattern.compile("([?&](?:password|pass|pwd)=)([^&#]*)",
            Pattern.CASE_INSENSITIVE);

    private UrlRedactor() {
    }

    /** The URL with the password in the user info and any {@code password=} option replaced by ***. */
    static String redact(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int start = scheme + 3;
        int query = queryStart(url, start);
        int at = url.lastIndexOf('@', query - 1);
        String out = url;
        if (at >= start) {
            int colon = url.indexOf(':', start);
            if (colon >= 0 && colon < at) {
                out = url.substring(0, colon + 1) + MASK + url.substring(at);
            }
        }
        Matcher m = PASSWORD_OPTION.matcher(out);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }

    /** The password as written in the URL and percent-decoded (both, when they differ). */
    static List<String> passwords(String url) {
        List<String> out = new ArrayList<>(2);
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return out;
        }
        int start = scheme + 3;
        int query = queryStart(url, start);
        int at = url.lastIndexOf('@', query - 1);
        int colon = url.indexOf(':', start);
        if (at >= start && colon >= 0 && colon < at) {
            add(out, url.substring(colon + 1, at));
        }
        Matcher m = PASSWORD_OPTION.matcher(url);
        while (m.find()) {
            add(out, m.group(2));
        }
        return out;
    }

    /** {@code text} with the URL and its password (raw and decoded) masked. */
    static String scrub(String text, String url) {
        if (text == null || url == null || url.isEmpty()) {
            return text;
        }
        String out = text.replace(url, redact(url));
        for (String p : passwords(url)) {
            if (p.length() >= MIN_SCRUB_LENGTH) {
                out = out.replace(p, MASK);
            }
        }
        return out;
    }

    private static int queryStart(String url, int from) {
        int q = url.indexOf('?', from);
        return q < 0 ? url.length() : q;
    }

    private static void add(List<String> out, String raw) {
        if (raw.isEmpty()) {
            return;
        }
        out.add(raw);
        String decoded = percentDecode(raw);
        if (decoded != null && !decoded.equals(raw)) {
            out.add(decoded);
        }
    }

    /** RFC 3986 percent-decoding ('+' stays '+'), or null when malformed. */
    static String percentDecode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
