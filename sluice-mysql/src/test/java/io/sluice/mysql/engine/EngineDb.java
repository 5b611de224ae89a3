package io.sluice.mysql.engine;

import io.sluice.core.engine.Engine;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.TestServers;
import java.util.concurrent.atomic.AtomicInteger;

/** Engines against the shared MariaDB for engine tests. */
final class EngineDb {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private EngineDb() {
    }

    static MariaDbServer server() {
        return TestServers.mariadb();
    }

    /** The server URL plus options, e.g. {@code url("poolSize=2&maxOverflow=0")}. */
    static String url(String options) {
        String base = server().mysqlUrl();
        return options == null || options.isEmpty() ? base + "?sslMode=disable" : base + "?sslMode=disable&" + options;
    }

    static Engine engine(String options) {
        return Engine.create(url(options));
    }

    /** A dedicated user so server-side connection counts see only one engine's connections. */
    static String dedicatedUser(String name) {
        server().sql("CREATE USER IF NOT EXISTS '" + name + "'@'%' IDENTIFIED BY 'pw';"
                + " CREATE USER IF NOT EXISTS '" + name + "'@'localhost' IDENTIFIED BY 'pw';"
                + " GRANT ALL ON *.* TO '" + name + "'@'%'; GRANT ALL ON *.* TO '" + name + "'@'localhost'");
        return "mysql://" + name + ":pw@" + server().host() + ":" + server().port() + "/" + server().database()
                + "?sslMode=disable";
    }

    static String table(String base) {
        return base + "_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    }
}
