package io.sluice.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.engine.Connection;
import io.sluice.testkit.TestServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The service over real HTTP against the shared MariaDB and PostgreSQL: every endpoint and every
 * error status (400, 404, 405, 409, 413, 503).
 */
class UsersServiceTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger SEQ = new AtomicInteger();

    record Reply(int status, Object json, HttpHeaders headers) {
        @SuppressWarnings("unchecked")
        Map<String, Object> obj() {
            return (Map<String, Object>) json;
        }

        Object get(String key) {
            return obj().get(key);
        }
    }

    static String mariadbUrl(String options) {
        return TestServers.mariadb().mysqlUrl() + "?sslMode=disable" + (options.isEmpty() ? "" : "&" + options);
    }

    static String postgresUrl(String options) {
        String base = TestServers.postgres().postgresUrl();
        return base + (base.contains("?") ? "&" : "?") + "sslMode=disable" + (options.isEmpty() ? "" : "&" + options);
    }

    static String table() {
        return "users_it_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    }

    @Test
    void everyEndpointOnMariaDb() throws Exception {
        exercise(mariadbUrl("poolSize=4"));
    }

    @Test
    void everyEndpointOnPostgreSql() throws Exception {
        exercise(postgresUrl("poolSize=4"));
    }

    private static void exercise(String url) throws Exception {
        try (UsersService svc = UsersService.start(url, new InetSocketAddress("127.0.0.1", 0), table()).createSchema()) {
            try {
                scenario(svc.baseUri());
            } finally {
                svc.store().dropTable(svc.engine());
            }
        }
    }

    private static void scenario(URI base) throws Exception {
        // ---- POST /users
        Reply ann = call(base, "POST", "/users", "{\"email\":\"Ann@Example.com\",\"name\":\"Ann\",\"balance\":10.5}");
        assertEquals(201, ann.status(), ann.toString());
        long annId = ((Number) ann.get("id")).longValue();
        assertEquals("ann@example.com", ann.get("email"), "email is stored lower-cased");
        assertEquals("Ann", ann.get("name"));
        assertEquals("10.50", ann.get("balance").toString());
        assertTrue(ann.get("createdAt") instanceof String s && s.endsWith("Z"), ann.toString());
        assertEquals("/users/" + annId, ann.headers().firstValue("Location").orElseThrow());

        Reply bob = call(base, "POST", "/users", "{\"email\":\"bob@example.com\",\"name\":\"Bob\"}");
        assertEquals(201, bob.status(), bob.toString());
        long bobId = ((Number) bob.get("id")).longValue();
        assertEquals("0.00", bob.get("balance").toString(), "balance defaults to 0");

        // duplicate email (the unique constraint, case-insensitively): 409
        Reply dup = call(base, "POST", "/users", "{\"email\":\"ANN@example.com\",\"name\":\"Other Ann\"}");
        assertEquals(409, dup.status(), dup.toString());
        assertEquals("a user with this email already exists", dup.get("error"));

        // bad input: 400 with a message
        for (String bad : List.of("{\"email\":\"x@example.com\"", "[1,2]", "{\"email\":\"x@example.com\",\"name\":\"X\",\"age\":3}",
                "{\"name\":\"No Email\"}", "{\"email\":\"not-an-email\",\"name\":\"X\"}",
                "{\"email\":\"x@example.com\",\"name\":\"  \"}", "{\"email\":\"x@example.com\",\"name\":\"X\",\"balance\":-1}",
                "{\"email\":\"x@example.com\",\"name\":\"X\",\"balance\":1.005}",
                "{\"email\":\"x@example.com\",\"name\":\"X\",\"balance\":\"12\"}",
                "{\"email\":\"x@example.com\",\"name\":\"" + "n".repeat(101) + "\"}", "")) {
            Reply r = call(base, "POST", "/users", bad);
            assertEquals(400, r.status(), bad + " -> " + r);
            assertTrue(r.get("error") instanceof String s && !s.isEmpty(), r.toString());
        }
        Reply huge = call(base, "POST", "/users", "{\"name\":\"" + "x".repeat(UsersApi.MAX_BODY) + "\"}");
        assertEquals(413, huge.status(), "body too large");

        // ---- GET /users/{id}
        Reply got = call(base, "GET", "/users/" + annId, null);
        assertEquals(200, got.status());
        assertEquals(ann.json(), got.json(), "GET returns what POST created");
        assertEquals(404, call(base, "GET", "/users/999999999", null).status());
        assertEquals(400, call(base, "GET", "/users/abc", null).status());
        assertEquals(400, call(base, "GET", "/users/0", null).status());
        assertEquals(404, call(base, "GET", "/users/1/orders", null).status());
        assertEquals(404, call(base, "GET", "/nothing-here", null).status());

        // ---- GET /users?limit=&offset=
        Reply all = call(base, "GET", "/users", null);
        assertEquals(200, all.status());
        assertEquals(2L, all.get("total"));
        assertEquals(20L, all.get("limit"));
        assertEquals(2, ((List<?>) all.get("items")).size());
        Reply first = call(base, "GET", "/users?limit=1&offset=0", null);
        assertEquals(List.of(annId), ids(first));
        Reply second = call(base, "GET", "/users?limit=1&offset=1", null);
        assertEquals(List.of(bobId), ids(second));
        assertEquals(List.of(), ids(call(base, "GET", "/users?limit=1&offset=2", null)));
        for (String q : List.of("limit=0", "limit=101", "limit=abc", "offset=-1", "limit=1.5", "limit=%2D3")) {
            assertEquals(400, call(base, "GET", "/users?" + q, null).status(), q);
        }

        // ---- PUT /users/{id}
        Reply renamed = call(base, "PUT", "/users/" + annId, "{\"name\":\"Ann Lee\",\"balance\":99}");
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("Ann Lee", renamed.get("name"));
        assertEquals("99.00", renamed.get("balance").toString());
        assertEquals("ann@example.com", renamed.get("email"), "fields not given stay");
        Reply same = call(base, "PUT", "/users/" + annId, "{\"name\":\"Ann Lee\"}");
        assertEquals(200, same.status(), "an update that changes nothing is not a 404 (MySQL reports 0 affected rows)");
        assertEquals(409, call(base, "PUT", "/users/" + annId, "{\"email\":\"bob@example.com\"}").status());
        assertEquals(404, call(base, "PUT", "/users/999999999", "{\"name\":\"Nobody\"}").status());
        assertEquals(400, call(base, "PUT", "/users/" + annId, "{}").status());
        assertEquals(400, call(base, "PUT", "/users/" + annId, "{\"id\":5}").status());
        assertEquals("Ann Lee", call(base, "GET", "/users/" + annId, null).get("name"), "a failed PUT rolled back");

        // ---- methods not allowed
        Reply patch = call(base, "PATCH", "/users/" + annId, "{}");
        assertEquals(405, patch.status());
        assertEquals("GET, PUT, DELETE", patch.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, call(base, "DELETE", "/users", null).status());

        // ---- many requests at once, each on its own virtual thread on the server
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Reply>> fs = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String body = "{\"email\":\"user" + i + "@example.com\",\"name\":\"User " + i + "\"}";
                fs.add(clients.submit(() -> call(base, "POST", "/users", body)));
            }
            for (Future<Reply> f : fs) {
                assertEquals(201, f.get().status(), f.get().toString());
            }
        }
        assertEquals(26L, call(base, "GET", "/users?limit=100", null).get("total"));

        // ---- DELETE /users/{id}
        Reply del = call(base, "DELETE", "/users/" + bobId, null);
        assertEquals(204, del.status());
        assertEquals(404, call(base, "DELETE", "/users/" + bobId, null).status());
        assertEquals(404, call(base, "GET", "/users/" + bobId, null).status());
    }

    /** Every connection busy: the request waits poolTimeout, then gets 503 with Retry-After. */
    @Test
    void poolTimeoutAnswers503() throws Exception {
        String options = "poolSize=1&maxOverflow=0&poolTimeout=300ms";
        for (String url : List.of(mariadbUrl(options), postgresUrl(options))) {
            try (UsersService svc = UsersService.start(url, new InetSocketAddress("127.0.0.1", 0), table()).createSchema()) {
                try {
                    try (Connection held = svc.engine().connect()) {
                        long t0 = System.nanoTime();
                        Reply r = call(svc.baseUri(), "GET", "/users/1", null);
                        assertEquals(503, r.status(), url + ": " + r);
                        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "waited poolTimeout first");
                        assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
                        assertTrue(((String) r.get("error")).startsWith("database busy"), r.toString());
                        assertFalse(held.isClosed());
                    }
                    assertEquals(404, call(svc.baseUri(), "GET", "/users/1", null).status(), "served again once released");
                } finally {
                    svc.store().dropTable(svc.engine());
                }
            }
        }
    }

    /** Nothing listens at the database address: the service still starts and answers 503. */
    @Test
    void unreachableDatabaseAnswers503() throws Exception {
        for (String scheme : List.of("mysql", "postgresql")) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String url = scheme + "://app@127.0.0.1:" + port + "/shop?sslMode=disable&connectTimeout=2s";
            try (UsersService svc = UsersService.start(url, new InetSocketAddress("127.0.0.1", 0), "users")) {
                Reply r = call(svc.baseUri(), "GET", "/users", null);
                assertEquals(503, r.status(), scheme + ": " + r);
                assertEquals("database unavailable", r.get("error"));
                assertEquals("5", r.headers().firstValue("Retry-After").orElseThrow());
                Reply p = call(svc.baseUri(), "POST", "/users", "{\"email\":\"a@b.co\",\"name\":\"A\"}");
                assertEquals(503, p.status(), scheme + ": " + p);
                assertEquals(400, call(svc.baseUri(), "POST", "/users", "{}").status(), "validation needs no database");
            }
        }
    }

    private static List<Long> ids(Reply page) {
        List<Long> out = new ArrayList<>();
        for (Object o : (List<?>) page.get("items")) {
            out.add(((Number) ((Map<?, ?>) o).get("id")).longValue());
        }
        return out;
    }

    static Reply call(URI base, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 204) {
            assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""),
                    method + " " + path);
        }
        Object json = r.body().isEmpty() ? null : Json.parse(r.body());
        return new Reply(r.statusCode(), json, r.headers());
    }
}
