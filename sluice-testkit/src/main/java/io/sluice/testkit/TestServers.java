package io.sluice.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared database servers for a test JVM, found or started on first use.
 *
 * <p>MariaDB: env SLUICE_TEST_MYSQL_HOST/PORT/USER/PASSWORD/DATABASE point at any server;
 * otherwise a server greeting on 127.0.0.1:3306 is used as is (root, empty password, database
 * test; nothing is created); otherwise a throwaway {@link MariaDbInstance} is started.
 * PostgreSQL: likewise with SLUICE_TEST_PG_HOST/PORT/USER/PASSWORD/DATABASE and 127.0.0.1:5432
 * (user postgres, database test), else a throwaway {@link PostgresInstance}.
 * SLUICE_TEST_THROWAWAY=1 skips the lookups and always starts throwaway servers. Throwaway
 * servers are stopped by a JVM shutdown hook. Thread-safe.
 */
public final class TestServers {

    private static final ReentrantLock MARIADB_LOCK = new ReentrantLock();
    private static final ReentrantLock POSTGRES_LOCK = new ReentrantLock();
    private static volatile MariaDbServer mariadb;
    private static volatile PostgresServer postgres;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private TestServers() {}

    /** The shared MariaDB endpoint (see class doc for how it is chosen). */
    public static MariaDbServer mariadb() {
        MariaDbServer s = mariadb;
        if (s != null) {
            return s;
        }
        MARIADB_LOCK.lock();
        try {
            if (mariadb == null) {
                mariadb = findOrStartMariaDb(System.getenv());
            }
            return mariadb;
        } finally {
            MARIADB_LOCK.unlock();
        }
    }

    /** The shared PostgreSQL endpoint (see class doc for how it is chosen). */
    public static PostgresServer postgres() {
        PostgresServer s = postgres;
        if (s != null) {
            return s;
        }
        POSTGRES_LOCK.lock();
        try {
            if (postgres == null) {
                postgres = findOrStartPostgres(System.getenv());
            }
            return postgres;
        } finally {
            POSTGRES_LOCK.unlock();
        }
    }

    static MariaDbServer findOrStartMariaDb(Map<String, String> env) {
        String host = env.get("SLUICE_TEST_MYSQL_HOST");
        String portText = env.get("SLUICE_TEST_MYSQL_PORT");
        if (!throwawayForced(env) && (notBlank(host) || notBlank(portText))) {
            String h = notBlank(host) ? host : "127.0.0.1";
            int port = port(portText, 3306, "SLUICE_TEST_MYSQL_PORT");
            if (!Probe.mysqlGreets(h, port, PROBE_TIMEOUT)) {
                throw new IllegalStateException("SLUICE_TEST_MYSQL_HOST/PORT point at " + h + ":" + port
                        + " but no MySQL/MariaDB server greets there within " + PROBE_TIMEOUT.toSeconds()
                        + " s. Fix the env vars or unset them to use 127.0.0.1:3306 or a throwaway server.");
            }
            return new MariaDbServer(h, port, or(env.get("SLUICE_TEST_MYSQL_USER"), "root"),
                    or(env.get("SLUICE_TEST_MYSQL_PASSWORD"), ""), or(env.get("SLUICE_TEST_MYSQL_DATABASE"), "test"),
                    null, false);
        }
        if (!throwawayForced(env) && Probe.mysqlGreets("127.0.0.1", 3306, PROBE_TIMEOUT)) {
            Path sock = Path.of("/run/mysqld/mysqld.sock");
            return new MariaDbServer("127.0.0.1", 3306, or(env.get("SLUICE_TEST_MYSQL_USER"), "root"),
                    or(env.get("SLUICE_TEST_MYSQL_PASSWORD"), ""), or(env.get("SLUICE_TEST_MYSQL_DATABASE"), "test"),
                    Files.exists(sock) ? sock : null, false);
        }
        // Registered with the shutdown hook by MariaDbInstance itself.
        return MariaDbInstance.start().server();
    }

    static PostgresServer findOrStartPostgres(Map<String, String> env) {
        String host = env.get("SLUICE_TEST_PG_HOST");
        String portText = env.get("SLUICE_TEST_PG_PORT");
        String user = or(env.get("SLUICE_TEST_PG_USER"), "postgres");
        String password = or(env.get("SLUICE_TEST_PG_PASSWORD"), "");
        String db = or(env.get("SLUICE_TEST_PG_DATABASE"), "test");
        if (!throwawayForced(env) && (notBlank(host) || notBlank(portText))) {
            String h = notBlank(host) ? host : "127.0.0.1";
            int port = port(portText, 5432, "SLUICE_TEST_PG_PORT");
            if (!Probe.postgresAnswers(h, port, PROBE_TIMEOUT)) {
                throw new IllegalStateException("SLUICE_TEST_PG_HOST/PORT point at " + h + ":" + port
                        + " but no PostgreSQL server answers there within " + PROBE_TIMEOUT.toSeconds()
                        + " s. Fix the env vars or unset them to use 127.0.0.1:5432 or a throwaway server.");
            }
            return new PostgresServer(h, port, user, password, db, null, false);
        }
        if (!throwawayForced(env) && Probe.postgresAnswers("127.0.0.1", 5432, PROBE_TIMEOUT)) {
            Path sockDir = Path.of("/var/run/postgresql");
            return new PostgresServer("127.0.0.1", 5432, user, password, db,
                    Files.exists(sockDir.resolve(".s.PGSQL.5432")) ? sockDir : null, false);
        }
        return PostgresInstance.start().server();
    }

    static boolean throwawayForced(Map<String, String> env) {
        String v = env.get("SLUICE_TEST_THROWAWAY");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    private static int port(String text, int dflt, String name) {
        if (!notBlank(text)) {
            return dflt;
        }
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalStateException(name + " must be a port number 1..65535, was '" + text + "'");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String or(String v, String dflt) {
        return v == null ? dflt : v;
    }
}
