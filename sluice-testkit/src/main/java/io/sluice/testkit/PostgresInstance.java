package io.sluice.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throwaway PostgreSQL cluster: initdb (trust) in a directory under /tmp, listening on
 * 127.0.0.1 on a free port with its unix socket in the same directory, database {@code test}
 * created, superuser {@code postgres}. When the JVM runs as root the cluster runs as the
 * {@code postgres} system user (PostgreSQL refuses to run as root).
 *
 * <p>A custom {@link Builder#hba(String) pg_hba.conf} is used as given, except that the testkit
 * always puts {@code local all postgres trust} first so {@link #sql(String)} (psql over the
 * socket) keeps working: per-auth-method tests should connect over TCP (host lines).
 */
public final class PostgresInstance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PostgresInstance.class.getName());
    private static final String PREFIX = "sluice-pg-";
    private static final String SERVICE_USER = "postgres";

    private final Path dir;
    private final Path binDir;
    private final Process process;
    private final PostgresServer server;
    private final TestCertificates.TlsMaterial tls;
    private final boolean root;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresInstance(Path dir, Path binDir, Process process, PostgresServer server,
                             TestCertificates.TlsMaterial tls, boolean root) {
        this.dir = dir;
        this.binDir = binDir;
        this.process = process;
        this.server = server;
        this.tls = tls;
        this.root = root;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PostgresInstance start() {
        return builder().start();
    }

    /** Options for a throwaway cluster. */
    public static final class Builder {
        private final List<String> config = new ArrayList<>();
        private String hba;
        private boolean tls;
        private TestCertificates certificates;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** An extra postgresql.conf line, e.g. {@code "password_encryption = md5"}; wins over defaults. */
        public Builder config(String line) {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("one config line per call, was: " + line);
            }
            config.add(line);
            return this;
        }

        /**
         * Full pg_hba.conf content, e.g. {@code "host all all 127.0.0.1/32 scram-sha-256\n"}.
         * Default: initdb's trust-everything file.
         */
        public Builder hba(String content) { this.hba = content; return this; }
        /** ssl=on with a generated CA and a server cert for localhost/127.0.0.1. */
        public Builder tls(boolean on) { this.tls = on; return this; }
        public Builder certificates(TestCertificates certs) { this.certificates = certs; this.tls = true; return this; }
        public Builder startTimeout(Duration t) { this.startTimeout = t; return this; }

        public PostgresInstance start() {
            return PostgresInstance.launch(this);
        }
    }

    public PostgresServer server() { return server; }
    public String host() { return server.host(); }
    public int port() { return server.port(); }
    public Path socketDirectory() { return dir; }
    public Path dir() { return dir; }
    public Path dataDir() { return dir.resolve("data"); }
    public Path log() { return dir.resolve("server.log"); }
    public long pid() { return process.pid(); }
    public boolean isRunning() { return process.isAlive(); }
    public Optional<TestCertificates.TlsMaterial> tls() { return Optional.ofNullable(tls); }

    /** Runs statements as postgres over the unix socket against database {@code test}. */
    public void sql(String statements) { server.sql(statements); }

    /** Rows tab-separated, no header/footer (psql -A -t). */
    public String sqlQuery(String statements) { return server.sqlQuery(statements); }

    public String sqlValue(String query) { return server.sqlValue(query); }

    public String logTail(int lines) { return Exec.tail(log(), lines); }

    /** Immediate shutdown (pg_ctl stop -m immediate, then SIGTERM/SIGKILL) and directory removal. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Cleanup.unregister(this);
        if (process.isAlive()) {
            List<String> stop = new ArrayList<>(root ? Exec.asUser(SERVICE_USER) : List.of());
            stop.addAll(List.of(binDir.resolve("pg_ctl").toString(), "stop", "-D", dataDir().toString(),
                    "-m", "immediate", "-w", "-t", "15"));
            try {
                Exec.run(stop, null, Map.of(), dir, Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "pg_ctl stop failed, signalling instead: " + e.getMessage());
            }
        }
        Exec.killTree(process.toHandle(), Duration.ofSeconds(10));
        TempDirs.deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "PostgresInstance[" + server + ", pid=" + process.pid() + ", dir=" + dir + "]";
    }

    private static PostgresInstance launch(Builder b) {
        TempDirs.reapStale(PREFIX, "data/postmaster.pid");
        Path binDir = binDir();
        boolean root = Exec.isRoot();
        List<String> as = root ? Exec.asUser(SERVICE_USER) : List.of();
        Path dir = TempDirs.create(PREFIX);
        Path data = dir.resolve("data");
        try {
            TestCertificates.TlsMaterial tls = null;
            if (b.tls) {
                TestCertificates certs = b.certificates != null ? b.certificates : TestCertificates.in(dir.resolve("tls"));
                tls = certs.tlsMaterial();
            }
            if (root) {
                Exec.chownRecursive(dir, SERVICE_USER);
            }
            run(as, List.of(binDir.resolve("initdb").toString(), "-D", data.toString(), "-U", SERVICE_USER,
                    "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"), null, dir, "initdb");
            configure(b, dir, data, tls);
            if (root) {
                Exec.chownRecursive(dir, SERVICE_USER);
            }
            // Create `test` in single-user mode before the postmaster starts: needs no client
            // binary and works whatever pg_hba.conf says.
            Exec.Result single = run(as, List.of(binDir.resolve("postgres").toString(), "--single",
                    "-D", data.toString(), "-c", "fsync=off", "postgres"), "CREATE DATABASE test;\n", dir,
                    "postgres --single");
            if ((single.stdout() + single.stderr()).contains("ERROR:")) {
                throw new IllegalStateException("creating database test failed:\n" + single.stdout() + single.stderr());
            }
            PostgresInstance inst = startServer(b, binDir, dir, data, as, root, tls);
            LOG.log(System.Logger.Level.INFO, "started " + inst);
            return inst;
        } catch (IOException e) {
            TempDirs.deleteRecursively(dir);
            throw new IllegalStateException("cannot prepare PostgreSQL directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            TempDirs.deleteRecursively(dir);
            throw e;
        }
    }

    private static PostgresInstance startServer(Builder b, Path binDir, Path dir, Path data, List<String> as,
                                                boolean root, TestCertificates.TlsMaterial tls) {
        Path log = dir.resolve("server.log");
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = Probe.freePort();
            List<String> cmd = new ArrayList<>(as);
            cmd.addAll(List.of(binDir.resolve("postgres").toString(), "-D", data.toString(), "-p",
                    Integer.toString(port)));
            Process p = ServerProcess.launch(cmd, dir, log);
            PostgresServer server = new PostgresServer("127.0.0.1", port, SERVICE_USER, "", "test", dir, true);
            PostgresInstance inst = new PostgresInstance(dir, binDir, p, server, tls, root);
            Cleanup.register(inst);
            try {
                ServerProcess.awaitReady(p, () -> Probe.postgresAnswers("127.0.0.1", port, Duration.ofSeconds(2))
                                && Files.exists(dir.resolve(".s.PGSQL." + port)),
                        b.startTimeout, "postgres (" + String.join(" ", cmd) + ")",
                        () -> "--- tail of " + log + " ---\n" + Exec.tail(log, 40));
                return inst;
            } catch (IllegalStateException e) {
                Cleanup.unregister(inst);
                Exec.killTree(p.toHandle(), Duration.ofSeconds(5));
                last = e;
                String tail = Exec.tail(log, 20);
                if (!(tail.contains("could not bind") || tail.contains("Address already in use"))) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private static void configure(Builder b, Path dir, Path data, TestCertificates.TlsMaterial tls) throws IOException {
        StringBuilder conf = new StringBuilder("\n# --- added by sluice-testkit; builder lines come last and win ---\n");
        conf.append("listen_addresses = '127.0.0.1'\n");
        conf.append("unix_socket_directories = '").append(dir).append("'\n");
        conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        conf.append("shared_buffers = 32MB\nmax_connections = 200\nlogging_collector = off\n");
        if (tls != null) {
            // Server-side copies inside the cluster dir: PostgreSQL insists the key is 0600 and
            // owned by the server user, which caller-supplied files need not be.
            Path ssl = Files.createDirectories(dir.resolve("server-ssl"));
            Path cert = Files.copy(tls.serverCertPem(), ssl.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
            Path key = Files.copy(tls.serverKeyPem(), ssl.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
            Path ca = Files.copy(tls.caPem(), ssl.resolve("ca.pem"), StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            conf.append("ssl = on\nssl_cert_file = '").append(cert).append("'\nssl_key_file = '").append(key)
                    .append("'\nssl_ca_file = '").append(ca).append("'\n");
        }
        for (String line : b.config) {
            conf.append(line).append('\n');
        }
        Files.writeString(data.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        if (b.hba != null) {
            Files.writeString(data.resolve("pg_hba.conf"),
                    "# sluice-testkit: the admin user always has socket access (PostgresInstance.sql)\n"
                            + "local all " + SERVICE_USER + " trust\n" + b.hba + "\n",
                    StandardCharsets.UTF_8);
        }
    }

    private static Exec.Result run(List<String> as, List<String> cmd, String stdin, Path dir, String what) {
        List<String> full = new ArrayList<>(as);
        full.addAll(cmd);
        return Exec.run(full, stdin, Map.of(), dir, Duration.ofSeconds(180)).orThrow(what);
    }

    private static Path binDir() {
        Optional<Path> bin = Exec.postgresBinDir();
        if (bin.isEmpty()) {
            Exec.aptInstall("postgresql", "initdb", PostgresServer.ENV_HINT);
            bin = Exec.postgresBinDir();
        }
        return bin.filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("postgres")))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries (initdb, postgres) not found"
                        + " under /usr/lib/postgresql/*/bin. Install them with: sudo apt-get install mariadb-server"
                        + " postgresql   -- or set SLUICE_TEST_PG_BIN, or point the tests at a running server with "
                        + PostgresServer.ENV_HINT));
    }
}
