package io.sluice.core.config;

import io.sluice.core.error.ConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code scheme://user:password@host:port/database?option=value&...} URL, shared by both
 * drivers. Only syntax is checked here; each driver validates the option names and values.
 * {@link #toString()} never shows the password.
 *
 * <p>Hand-parsed rather than via {@link java.net.URI} because real passwords contain characters
 * ({@code #}, {@code %} unescaped, {@code @}) that URI rejects; the last {@code @} before the path
 * separates credentials from the host.
 */
public record ConnectionUrl(String scheme, String user, String password, String host, Integer port, String database,
                            Map<String, String> options) {

    public ConnectionUrl {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static ConnectionUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException("connection URL is empty");
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw new ConfigurationException("connection URL must look like scheme://user:password@host:port/database, was '"
                    + redact(url) + "'");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = url.substring(schemeEnd + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/', rest.lastIndexOf('@') + 1);
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String cred = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = cred.indexOf(':');
            if (colon >= 0) {
                user = decode(cred.substring(0, colon), "user");
                password = decode(cred.substring(colon + 1), "password");
            } else {
                user = decode(cred, "user");
            }
        }
        String host = null;
        Integer port = null;
        if (!authority.isEmpty()) {
            String hostPart = authority;
            String portPart = null;
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new ConfigurationException("unterminated IPv6 address in URL host '" + authority + "'");
                }
                hostPart = authority.substring(1, close);
                String after = authority.substring(close + 1);
                if (after.startsWith(":")) {
                    portPart = after.substring(1);
                } else if (!after.isEmpty()) {
                    throw new ConfigurationException("unexpected '" + after + "' after IPv6 address in URL");
                }
            } else {
                int colon = authority.lastIndexOf(':');
                if (colon >= 0) {
                    hostPart = authority.substring(0, colon);
                    portPart = authority.substring(colon + 1);
                }
            }
            host = hostPart.isEmpty() ? null : decode(hostPart, "host");
            if (portPart != null && !portPart.isEmpty()) {
                try {
                    port = Integer.parseInt(portPart);
                } catch (NumberFormatException e) {
                    throw new ConfigurationException("port must be a number, was '" + portPart + "'");
                }
                if (port < 1 || port > 65535) {
                    throw new ConfigurationException("port must be between 1 and 65535, was " + port);
                }
            }
        }
        String database = path.isEmpty() ? null : decode(path, "database");
        Map<String, String> options = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq >= 0 ? pair.substring(0, eq) : pair, "option name");
                String v = eq >= 0 ? decode(pair.substring(eq + 1), "option " + k) : "";
                if (options.put(k, v) != null) {
                    throw new ConfigurationException("option '" + k + "' is given twice in the URL");
                }
            }
        }
        return new ConnectionUrl(scheme, user, password, host, port, database, options);
    }

    private static String decode(String s, String what) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("bad percent-encoding in URL " + what);
        }
    }

    /** The URL text with any password replaced by {@code ***}, safe for logs and error messages. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int schemeEnd = url.indexOf("://");
        int start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        int q = url.indexOf('?', start);
        int end = q < 0 ? url.length() : q;
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return url;
        }
        int colon = url.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    @Override
    public String toString() {
        return scheme + "://" + (user != null ? user + (password != null ? ":***" : "") + "@" : "")
                + (host != null ? host : "") + (port != null ? ":" + port : "") + "/" + (database != null ? database : "")
                + (options.isEmpty() ? "" : "?" + String.join("&", options.keySet().stream()
                .map(k -> k.toLowerCase(Locale.ROOT).contains("password") ? k + "=***" : k + "=" + options.get(k)).toList()));
    }
}
