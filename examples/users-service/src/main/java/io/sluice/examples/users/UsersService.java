package io.sluice.examples.users;

import com.sun.net.httpserver.HttpServer;
import io.sluice.core.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A users HTTP JSON service over Sluice: the JDK's HttpServer with one virtual thread per request,
 * one {@link Engine} for the process (created at start-up, disposed at shutdown), one transaction
 * per request. The Java counterpart of a FastAPI app with an async SQLAlchemy engine: where that
 * code awaits, this code simply blocks, which on a virtual thread costs no platform thread.
 *
 * <pre>
 * java -cp ... io.sluice.examples.users.UsersService 'mysql://app:pw@127.0.0.1:3306/shop?poolSize=20' 8080
 * SLUICE_URL='postgresql://app:pw@127.0.0.1/shop' PORT=8080 java -cp ... io.sluice.examples.users.UsersService
 * </pre>
 */
public final class UsersService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UsersService.class.getName());

    private final Engine engine;
    private final UserStore store;
    private final HttpServer server;
    private final ExecutorService executor;

    private UsersService(Engine engine, UserStore store, HttpServer server, ExecutorService executor) {
        this.engine = engine;
        this.store = store;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Creates the engine and starts serving. No connection is opened here (the pool fills on
     * demand), so the service starts even while the database is down and answers 503 meanwhile.
     *
     * @param url     a Sluice URL with pool options, e.g. {@code mysql://app:pw@db:3306/shop?poolSize=20}
     * @param address where to listen; port 0 picks a free one
     * @param table   the users table
     */
    public static UsersService start(String url, InetSocketAddress address, String table) {
        Engine engine = Engine.create(url);
        try {
            UserStore store = UserStore.forEngine(engine, table);
            HttpServer server = HttpServer.create(address, 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.createContext("/users", new UsersApi(engine, store));
            server.createContext("/", ex -> {
                try (ex) {
                    UsersApi.send(ex, 404, Json.object("error", "no such resource: " + ex.getRequestURI().getPath(),
                            "status", 404));
                }
            });
            server.start();
            LOG.log(System.Logger.Level.INFO, "users service on {0} using {1}", server.getAddress(), engine.describe());
            return new UsersService(engine, store, server, executor);
        } catch (IOException e) {
            engine.dispose();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            engine.dispose();
            throw e;
        }
    }

    /** Creates the users table if it does not exist. */
    public UsersService createSchema() {
        store.createTable(engine);
        return this;
    }

    public Engine engine() {
        return engine;
    }

    public UserStore store() {
        return store;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops accepting requests, lets running ones finish (up to a second), then disposes the engine. */
    @Override
    public void close() {
        server.stop(1);
        executor.close();
        engine.dispose();
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : System.getenv("SLUICE_URL");
        if (url == null || url.isBlank()) {
            System.err.println("usage: UsersService URL [PORT]   (or set SLUICE_URL and PORT)");
            System.exit(2);
        }
        String portText = args.length > 1 ? args[1] : System.getenv().getOrDefault("PORT", "8080");
        UsersService service = start(url, new InetSocketAddress(Integer.parseInt(portText)), "users").createSchema();
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "users-service-shutdown"));
        System.out.println("listening on http://localhost:" + service.port() + "/users (Ctrl-C stops)");
    }
}
