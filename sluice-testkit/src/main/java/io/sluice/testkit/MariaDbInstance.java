package io.sluice.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throwaway MariaDB server: its own data directory under /tmp, a free port on 127.0.0.1, a unix
 * socket in the same directory; database {@code test} and root with an empty password usable over
 * TCP. {@link #close()} stops the server and deletes everything; a JVM shutdown hook does the same
 * for instances nobody closed.
 *
 * <pre>{@code
 * try (MariaDbInstance db = MariaDbInstance.builder().tls(true).ed25519(true).start()) {
 *     db.sql("CREATE USER u IDENTIFIED VIA ed25519 USING PASSWORD('pw')");
 *     MariaDbServer s = db.server();
 * }
 * }</pre>
 */
public final class MariaDbInstance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MariaDbInstance.class.getName());
    private static final String PREFIX = "sluice-mariadb-";
    private static final String SERVICE_USER = "mysql";

    private final Path dir;
    private final Process process;
    private final MariaDbServer server;
    private final TestCertificates.TlsMaterial tls;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MariaDbInstance(Path dir, Process process, MariaDbServer server, TestCertificates.TlsMaterial tls) {
        this.dir = dir;
        this.process = process;
        this.server = server;
        this.tls = tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A plain instance (no TLS, default plugins). */
    public static MariaDbInstance start() {
        return builder().start();
    }

    /** Options for a throwaway instance. */
    public static final class Builder {
        private boolean tls;
        private boolean ed25519;
        private TestCertificates certificates;
        private final List<String> config = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** Serve TLS with a generated CA + server cert (localhost/127.0.0.1); see {@link #tls()}. */
        public Builder tls(boolean on) { this.tls = on; return this; }
        /** Load the auth_ed25519 plugin (plugin-load-add=auth_ed25519). */
        public Builder ed25519(boolean on) { this.ed25519 = on; return this; }
        /** Use these certificates (their {@code tlsMaterial()}) instead of generating new ones. */
        public Builder certificates(TestCertificates certs) { this.certificates = certs; this.tls = true; return this; }
        /** An extra my.cnf line for the [mysqld] group, e.g. {@code "max_allowed_packet=64M"}; wins over defaults. */
        public Builder config(String line) {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("one config line per call, was: " + line);
            }
            config.add(line);
            return this;
        }
        public Builder startTimeout(Duration t) { this.startTimeout = t; return this; }

        public MariaDbInstance start() {
            return MariaDbInstance.launch(this);
        }
    }

    public MariaDbServer server() { return server; }
    public String host() { return server.host(); }
    public int port() { return server.port(); }
    public Path socket() { return server.unixSocket().orElseThrow(); }
    public Path dir() { return dir; }
    public Path errorLog() { return dir.resolve("error.log"); }
    public long pid() { return process.pid(); }
    public boolean isRunning() { return process.isAlive(); }

    /** TLS files when started with {@code tls(true)}; the server uses serverCertPem/serverKeyPem. */
    public Optional<TestCertificates.TlsMaterial> tls() { return Optional.ofNullable(tls); }

    /** Runs statements as root over the unix socket against database {@code test}. */
    public void sql(String statements) { server.sql(statements); }

    /** Tab-separated rows, no header (the client's --batch --skip-column-names output). */
    public String sqlQuery(String statements) { return server.sqlQuery(statements); }

    public String sqlValue(String query) { return server.sqlValue(query); }

    public String errorLogTail(int lines) { return Exec.tail(errorLog(), lines); }

    /** Stops the server (SIGTERM, up to 20 s, then SIGKILL) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Cleanup.unregister(this);
        Exec.killTree(process.toHandle(), Duration.ofSeconds(20));
        TempDirs.deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "MariaDbInstance[" + server + ", pid=" + process.pid() + ", dir=" + dir + "]";
    }

    private static MariaDbInstance launch(Builder b) {
        TempDirs.reapStale(PREFIX, "mysqld.pid");
        Path mariadbd = Exec.require(List.of("/usr/sbin/mariadbd", "mariadbd", "/usr/sbin/mysqld", "mysqld"),
                "mariadb-server", MariaDbServer.ENV_HINT);
        Path installDb = Exec.require(List.of("mariadb-install-db", "mysql_install_db"),
                "mariadb-server", MariaDbServer.ENV_HINT);
        boolean root = Exec.isRoot();
        Path dir = TempDirs.create(PREFIX);
        try {
            TestCertificates.TlsMaterial tls = null;
            if (b.tls) {
                TestCertificates certs = b.certificates != null ? b.certificates : TestCertificates.in(dir.resolve("tls"));
                tls = certs.tlsMaterial();
            }
            Path cnf = dir.resolve("my.cnf");
            Files.writeString(cnf, myCnf(b, tls), StandardCharsets.UTF_8);
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            if (root) {
                // mariadbd drops to user mysql, which must own the data dir and read the key files
                Exec.chownRecursive(dir, SERVICE_USER);
                if (tls != null && !tls.serverKeyPem().startsWith(dir)) {
                    ensureReadable(tls);
                }
            }
            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                    "--auth-root-authentication-method=normal", "--datadir=" + data, "--skip-test-db",
                    "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=8M"));
            if (root) {
                install.add("--user=" + SERVICE_USER);
            }
            Exec.run(install, null, java.util.Map.of(), dir, Duration.ofSeconds(180)).orThrow("mariadb-install-db");

            MariaDbInstance inst = startServer(b, dir, cnf, data, mariadbd, root, tls);
            try {
                // Over the socket root@localhost has an empty password (install-db "normal" method).
                inst.server.client("CREATE DATABASE IF NOT EXISTS test;"
                        + " CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '';"
                        + " GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;"
                        + " CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';"
                        + " ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '';"
                        + " GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
                        + " ALTER USER 'root'@'localhost' IDENTIFIED BY '';"
                        + " FLUSH PRIVILEGES;", false, false);
            } catch (RuntimeException e) {
                inst.close();
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, "started " + inst);
            return inst;
        } catch (IOException e) {
            TempDirs.deleteRecursively(dir);
            throw new IllegalStateException("cannot prepare MariaDB directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            TempDirs.deleteRecursively(dir);
            throw e;
        }
    }

    private static MariaDbInstance startServer(Builder b, Path dir, Path cnf, Path data, Path mariadbd,
                                               boolean root, TestCertificates.TlsMaterial tls) {
        Path socket = dir.resolve("mysqld.sock");
        IllegalStateException last = null;
        // The free port can be taken between probing and binding; retry on a bind failure only.
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = Probe.freePort();
            List<String> cmd = new ArrayList<>(List.of(mariadbd.toString(), "--defaults-file=" + cnf,
                    "--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
                    "--socket=" + socket, "--pid-file=" + dir.resolve("mysqld.pid"),
                    "--log-error=" + dir.resolve("error.log")));
            if (root) {
                cmd.add("--user=" + SERVICE_USER);
            }
            Process p = ServerProcess.launch(cmd, dir, dir.resolve("stdout.log"));
            MariaDbServer server = new MariaDbServer("127.0.0.1", port, "root", "", "test", socket, true);
            MariaDbInstance inst = new MariaDbInstance(dir, p, server, tls);
            Cleanup.register(inst);
            try {
                ServerProcess.awaitReady(p, () -> Probe.mysqlGreets("127.0.0.1", port, Duration.ofSeconds(2)),
                        b.startTimeout, "mariadbd (" + String.join(" ", cmd) + ")",
                        () -> "--- tail of " + dir.resolve("error.log") + " ---\n"
                                + Exec.tail(dir.resolve("error.log"), 40)
                                + "\n--- tail of stdout.log ---\n" + Exec.tail(dir.resolve("stdout.log"), 10));
                return inst;
            } catch (IllegalStateException e) {
                Cleanup.unregister(inst);
                Exec.killTree(p.toHandle(), Duration.ofSeconds(5));
                last = e;
                String log = Exec.tail(dir.resolve("error.log"), 40);
                if (!(log.contains("Address already in use") || log.contains("Bind on TCP/IP port"))) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static String myCnf(Builder b, TestCertificates.TlsMaterial tls) {
        StringBuilder sb = new StringBuilder();
        sb.append("# written by sluice-testkit; extra lines from the builder come last and win\n");
        sb.append("[mysqld]\n");
        // Small and fast: tests need correctness, not durability.
        sb.append("innodb_buffer_pool_size=32M\ninnodb_log_file_size=8M\ninnodb_use_native_aio=0\n");
        sb.append("innodb_flush_log_at_trx_commit=2\ninnodb_doublewrite=0\n");
        sb.append("performance_schema=OFF\nloose_feedback=OFF\nskip_name_resolve\n");
        sb.append("max_connections=500\ncharacter_set_server=utf8mb4\ncollation_server=utf8mb4_general_ci\n");
        if (tls != null) {
            sb.append("ssl_ca=").append(tls.caPem()).append('\n');
            sb.append("ssl_cert=").append(tls.serverCertPem()).append('\n');
            sb.append("ssl_key=").append(tls.serverKeyPem()).append('\n');
        }
        if (b.ed25519) {
            sb.append("plugin_load_add=auth_ed25519\n");
        }
        for (String line : b.config) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** Certificates outside our dir (caller-supplied): make sure user mysql can read them. */
    private static void ensureReadable(TestCertificates.TlsMaterial tls) {
        for (Path p : List.of(tls.caPem(), tls.serverCertPem(), tls.serverKeyPem())) {
            Exec.run(List.of("chmod", "a+r", p.toString()), Duration.ofSeconds(10));
        }
    }
}
