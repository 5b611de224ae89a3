package io.sluice.postgres.engine;

import io.sluice.core.engine.Engine;
import io.sluice.testkit.PostgresServer;
import io.sluice.testkit.TestServers;
import java.util.concurrent.atomic.AtomicInteger;

/** Engines against the shared PostgreSQL. */
final class PgEngineDb {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private PgEngineDb() {
    }

    static PostgresServer server() {
        return TestServers.postgres();
    }

    static String url(String options) {
        String base = server().postgresUrl();
        String sep = base.contains("?") ? "&" : "?";
        return base + sep + "sslMode=disable" + (options == null || options.isEmpty() ? "" : "&" + options);
    }

    static Engine engine(String options) {
        return Engine.create(url(options));
    }

    static String table(String base) {
        return base + "_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    }

    static long serverConnections(String appName) {
        return Long.parseLong(server().sqlValue("select count(*) from pg_stat_activity where application_name = '"
                + appName + "'").trim());
    }
}
