package io.sluice.mysql;

import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.TestServers;
import java.util.concurrent.atomic.AtomicInteger;

/** Test access to the shared MariaDB (the machine's own on 3306, or a throwaway one). */
final class Db {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Db() {
    }

    static MariaDbServer server() {
        return Prepared.SERVER;
    }

    /**
     * The server, made ready once per JVM: tests that send values over 16 MiB need a
     * max_allowed_packet above the 16 MiB default, whichever test class runs first on a freshly
     * started server (connections read the global value when they open).
     */
    private static final class Prepared {
        static final MariaDbServer SERVER = prepare(TestServers.mariadb());

        private static MariaDbServer prepare(MariaDbServer s) {
            s.sql("SET GLOBAL max_allowed_packet = 67108864");
            return s;
        }
    }

    /** A builder pointing at the shared server, TLS off unless a test turns it on. */
    static MySqlConfig.Builder config() {
        MariaDbServer s = server();
        return MySqlConfig.builder().host(s.host()).port(s.port()).user(s.user()).password(s.password())
                .database(s.database());
    }

    static MySqlConnection connect() {
        return MySqlConnection.connect(config().build());
    }

    /** A table name unique to this JVM run so tests never collide. */
    static String table(String base) {
        return base + "_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    }
}
