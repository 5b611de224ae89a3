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
        return TestServers.mariadb();
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
