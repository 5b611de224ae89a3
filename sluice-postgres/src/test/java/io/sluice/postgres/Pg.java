package io.sluice.postgres;

import io.sluice.testkit.PostgresServer;
import io.sluice.testkit.TestServers;
import java.util.concurrent.atomic.AtomicInteger;

/** Test access to the shared PostgreSQL (the machine's own on 5432, or a throwaway one). */
final class Pg {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Pg() {
    }

    static PostgresServer server() {
        return TestServers.postgres();
    }

    static PgConfig.Builder config() {
        PostgresServer s = server();
        return PgConfig.builder().host(s.host()).port(s.port()).user(s.user()).password(s.password())
                .database(s.database()).sslMode(io.sluice.core.transport.TlsMode.DISABLE);
    }

    static PgConnection connect() {
        return PgConnection.connect(config().build());
    }

    static String table(String base) {
        return base + "_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    }
}
