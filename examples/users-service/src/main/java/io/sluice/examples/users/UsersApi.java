package io.sluice.examples.users;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.TxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The /users endpoints. Each request runs in one transaction ({@code engine.inTransaction}):
 * committed when the handler returns, rolled back when it throws, including the
 * {@link ApiException}s that become 4xx answers. Reads are read-only transactions; writes retry
 * up to three times on a deadlock or serialization failure.
 *
 * <pre>
 * POST   /users                 {"email", "name", "balance"?}  -> 201 + user, Location
 * GET    /users?limit=&offset=  -> 200 {"items": [...], "limit", "offset", "total"}
 * GET    /users/{id}            -> 200 user | 404
 * PUT    /users/{id}            {"email"?, "name"?, "balance"?} -> 200 user | 404
 * DELETE /users/{id}            -> 204 | 404
 * </pre>
 */
final class UsersApi implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(UsersApi.class.getName());
    static final int MAX_BODY = 64 * 1024;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final TxOptions READ = TxOptions.defaults().readOnly(true);
    private static final TxOptions WRITE = TxOptions.defaults().retry(3);
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final BigDecimal MAX_BALANCE = new BigDecimal("9999999999.99");
    private static final Set<String> FIELDS = Set.of("email", "name", "balance");

    private final Engine engine;
    private final UserStore store;

    UsersApi(Engine engine, UserStore store) {
        this.engine = engine;
        this.store = store;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (RuntimeException e) {
                ErrorMapping m = ErrorMapping.of(e);
                if (m.status() >= 500) {
                    LOG.log(m.status() == 500 ? System.Logger.Level.ERROR : System.Logger.Level.WARNING,
                            ex.getRequestMethod() + " " + ex.getRequestURI() + " failed: " + e, e);
                }
                if (m.retryAfter() > 0) {
                    ex.getResponseHeaders().set("Retry-After", Integer.toString(m.retryAfter()));
                }
                send(ex, m.status(), Json.object("error", m.message(), "status", m.status()));
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        if (path.equals("/users") || path.equals("/users/")) {
            switch (method) {
                case "GET" -> list(ex);
                case "POST" -> create(ex);
                default -> notAllowed(ex, "GET, POST");
            }
            return;
        }
        if (!path.startsWith("/users/") || path.indexOf('/', "/users/".length()) >= 0) {
            throw ApiException.notFound("no such resource: " + path);
        }
        String idText = path.substring("/users/".length());
        if (!ID.matcher(idText).matches()) {
            throw ApiException.badRequest("user id must be a positive integer, was '" + idText + "'");
        }
        long id = Long.parseLong(idText);
        switch (method) {
            case "GET" -> get(ex, id);
            case "PUT" -> update(ex, id);
            case "DELETE" -> delete(ex, id);
            default -> notAllowed(ex, "GET, PUT, DELETE");
        }
    }

    // ------------------------------------------------------------------ endpoints

    private void create(HttpExchange ex) throws IOException {
        Map<String, Object> in = validated(body(ex), true);
        User u = engine.inTransaction(WRITE, tx -> store.create(tx, (String) in.get("email"), (String) in.get("name"),
                (BigDecimal) in.getOrDefault("balance", BigDecimal.ZERO)));
        ex.getResponseHeaders().set("Location", "/users/" + u.id());
        send(ex, 201, u.toJson());
    }

    private void get(HttpExchange ex, long id) throws IOException {
        User u = engine.inTransaction(READ, tx -> store.find(tx, id))
                .orElseThrow(() -> ApiException.notFound("user " + id + " not found"));
        send(ex, 200, u.toJson());
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
        int limit = (int) intParam(q, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        long offset = intParam(q, "offset", 0, 0, 1_000_000_000L);
        Map<String, Object> page = engine.inTransaction(READ, tx -> {
            List<Map<String, Object>> items = store.page(tx, limit, offset).stream().map(User::toJson).toList();
            return Json.object("items", items, "limit", limit, "offset", offset, "total", store.count(tx));
        });
        send(ex, 200, page);
    }

    private void update(HttpExchange ex, long id) throws IOException {
        Map<String, Object> changes = validated(body(ex), false);
        User u = engine.inTransaction(WRITE, tx -> {
            // lock the row first: "not found" is then certain, and MySQL's affected-row count
            // (0 when the new values equal the old) does not matter
            store.findForUpdate(tx, id).orElseThrow(() -> ApiException.notFound("user " + id + " not found"));
            store.update(tx, id, changes);
            return store.find(tx, id).orElseThrow();
        });
        send(ex, 200, u.toJson());
    }

    private void delete(HttpExchange ex, long id) throws IOException {
        boolean deleted = engine.inTransaction(WRITE, tx -> store.delete(tx, id));
        if (!deleted) {
            throw ApiException.notFound("user " + id + " not found");
        }
        ex.sendResponseHeaders(204, -1);
    }

    private void notAllowed(HttpExchange ex, String allow) throws IOException {
        ex.getResponseHeaders().set("Allow", allow);
        send(ex, 405, Json.object("error", "method " + ex.getRequestMethod() + " not allowed", "status", 405));
    }

    // ------------------------------------------------------------------ input

    /** The JSON object of the request body; 413 above {@link #MAX_BODY}. */
    private static Map<String, Object> body(HttpExchange ex) throws IOException {
        byte[] bytes;
        try (InputStream in = ex.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ApiException(413, "request body larger than " + MAX_BODY + " bytes");
        }
        Object v = Json.parse(new String(bytes, StandardCharsets.UTF_8));
        if (!(v instanceof Map<?, ?> m)) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> obj = (Map<String, Object>) m;
        return obj;
    }

    /** Checks fields and types; returns the columns to write, email lower-cased. */
    static Map<String, Object> validated(Map<String, Object> in, boolean creating) {
        for (String k : in.keySet()) {
            if (!FIELDS.contains(k)) {
                throw ApiException.badRequest("unknown field \"" + k + "\" (allowed: email, name, balance)");
            }
        }
        if (creating && (!in.containsKey("email") || !in.containsKey("name"))) {
            throw ApiException.badRequest("email and name are required");
        }
        if (in.isEmpty()) {
            throw ApiException.badRequest("nothing to update: give email, name or balance");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (in.containsKey("email")) {
            // lower-cased so uniqueness means the same on MySQL (case-insensitive collation) and PostgreSQL
            String email = text(in, "email", 200).toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches()) {
                throw ApiException.badRequest("email is not an email address");
            }
            out.put("email", email);
        }
        if (in.containsKey("name")) {
            out.put("name", text(in, "name", 100));
        }
        if (in.containsKey("balance")) {
            if (!(in.get("balance") instanceof Number n)) {
                throw ApiException.badRequest("balance must be a number");
            }
            BigDecimal b = n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
            if (b.signum() < 0 || b.compareTo(MAX_BALANCE) > 0 || b.stripTrailingZeros().scale() > 2) {
                throw ApiException.badRequest("balance must be between 0 and " + MAX_BALANCE + " with at most 2 decimals");
            }
            out.put("balance", b.setScale(2));
        }
        return out;
    }

    private static String text(Map<String, Object> in, String field, int max) {
        if (!(in.get(field) instanceof String s) || s.isBlank()) {
            throw ApiException.badRequest(field + " must be a non-empty string");
        }
        String t = s.strip();
        if (t.codePointCount(0, t.length()) > max) {
            throw ApiException.badRequest(field + " must be at most " + max + " characters");
        }
        return t;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                q.put(k, v);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("malformed query string");
            }
        }
        return q;
    }

    private static long intParam(Map<String, String> q, String name, long dflt, long min, long max) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    // ------------------------------------------------------------------ output

    static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
