package io.sluice.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throwaway pgbouncer in front of a PostgreSQL server (by default the shared
 * {@link TestServers#postgres()}): a generated {@code pgbouncer.ini} in a directory under /tmp,
 * listening on 127.0.0.1 on a free port, no unix socket, {@code pool_mode = transaction} unless
 * told otherwise. Clients log in as anyone without a password ({@code auth_type = any}); every pool
 * logs in to the server as the backend's user. The pooled database has the backend's database
 * name, so {@link #host()}/{@link #port()}/{@link #database()} are all a client needs.
 *
 * <p>The binary is looked up at /usr/sbin/pgbouncer and on PATH; when missing and the JVM runs as
 * root it is installed with apt-get (Debian package {@code pgbouncer}), otherwise start fails with
 * an instruction. pgbouncer refuses to run as root, so as root it runs as the {@code postgres}
 * system user. {@link #close()} kills it and deletes the directory; a JVM shutdown hook does the
 * same for instances nobody closed.
 *
 * <pre>{@code
 * try (PgBouncerInstance b = PgBouncerInstance.builder().defaultPoolSize(2).start()) {
 *     connect to b.host():b.port(), database b.database()
 * }
 * }</pre>
 */
public final class PgBouncerInstance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PgBouncerInstance.class.getName());
    private static final String PREFIX = "sluice-pgbouncer-";
    private static final String SERVICE_USER = "postgres";

    /** pgbouncer's pool modes (pgbouncer.ini {@code pool_mode}). */
    public enum PoolMode {
        SESSION, TRANSACTION, STATEMENT;

        String iniValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Path dir;
    private final Process process;
    private final int port;
    private final PostgresServer backend;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PgBouncerInstance(Path dir, Process process, int port, PostgresServer backend) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.backend = backend;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Transaction pooling in front of {@link TestServers#postgres()} with pgbouncer's default pool size. */
    public static PgBouncerInstance start() {
        return builder().start();
    }

    /** Options for a throwaway pgbouncer. */
    public static final class Builder {
        private PostgresServer backend;
        private PoolMode poolMode = PoolMode.TRANSACTION;
        private int defaultPoolSize = 20;
        private final List<String> config = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** The server to pool; default {@link TestServers#postgres()}. Reached over TCP. */
        public Builder backend(PostgresServer server) { this.backend = Objects.requireNonNull(server); return this; }
        public Builder poolMode(PoolMode mode) { this.poolMode = Objects.requireNonNull(mode); return this; }
        /** Server connections per user/database pair ({@code default_pool_size}). */
        public Builder defaultPoolSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("defaultPoolSize must be >= 1, was " + n);
            }
            this.defaultPoolSize = n;
            return this;
        }
        /** An extra line for the {@code [pgbouncer]} section, e.g. {@code "server_round_robin = 1"}; wins over defaults. */
        public Builder config(String line) {
            if (line.contains("\n")) {
                throw new IllegalArgumentException("one config line per call, was: " + line);
            }
            config.add(line);
            return this;
        }
        public Builder startTimeout(Duration t) { this.startTimeout = t; return this; }

        public PgBouncerInstance start() {
            return PgBouncerInstance.launch(this);
        }
    }

    public String host() { return "127.0.0.1"; }
    public int port() { return port; }
    /** The pooled database's name (the backend's database). */
    public String database() { return backend.database(); }
    /** The server behind the pooler. */
    public PostgresServer backend() { return backend; }
    public Path dir() { return dir; }
    public Path log() { return dir.resolve("pgbouncer.log"); }
    public long pid() { return process.pid(); }
    public boolean isRunning() { return process.isAlive(); }
    public String logTail(int lines) { return Exec.tail(log(), lines) + "\n" + Exec.tail(dir.resolve("stdout.log"), lines); }

    /** SIGTERM (then SIGKILL) and directory removal. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Cleanup.unregister(this);
        Exec.killTree(process.toHandle(), Duration.ofSeconds(5));
        TempDirs.deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "PgBouncerInstance[127.0.0.1:" + port + " -> " + backend + ", pid=" + process.pid() + ", dir=" + dir + "]";
    }

    private static PgBouncerInstance launch(Builder b) {
        TempDirs.reapStale(PREFIX, "pgbouncer.pid");
        Path bin = binary();
        PostgresServer backend = b.backend != null ? b.backend : TestServers.postgres();
        boolean root = Exec.isRoot();
        Path dir = TempDirs.create(PREFIX);
        try {
            IllegalStateException last = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                int port = Probe.freePort();
                Path ini = writeConfig(b, backend, dir, port);
                if (root) {
                    Exec.chownRecursive(dir, SERVICE_USER);
                }
                List<String> cmd = new ArrayList<>(root ? Exec.asUser(SERVICE_USER) : List.of());
                cmd.addAll(List.of(bin.toString(), ini.toString()));
                Path out = dir.resolve("stdout.log");
                Process p = ServerProcess.launch(cmd, dir, out);
                PgBouncerInstance inst = new PgBouncerInstance(dir, p, port, backend);
                Cleanup.register(inst);
                try {
                    ServerProcess.awaitReady(p, () -> Probe.postgresAnswers("127.0.0.1", port, Duration.ofSeconds(2)),
                            b.startTimeout, "pgbouncer (" + String.join(" ", cmd) + ")", () -> inst.logTail(30));
                    LOG.log(System.Logger.Level.INFO, "started " + inst);
                    return inst;
                } catch (IllegalStateException e) {
                    Cleanup.unregister(inst);
                    Exec.killTree(p.toHandle(), Duration.ofSeconds(5));
                    last = e;
                    if (!inst.logTail(20).contains("Address already in use")) {
                        throw e;
                    }
                }
            }
            throw last;
        } catch (IOException e) {
            TempDirs.deleteRecursively(dir);
            throw new IllegalStateException("cannot prepare pgbouncer directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            TempDirs.deleteRecursively(dir);
            throw e;
        }
    }

    private static Path writeConfig(Builder b, PostgresServer backend, Path dir, int port) throws IOException {
        // libpq-style connect string values are single-quoted with \ and ' escaped (pgbouncer docs, [databases])
        String connect = "host=" + q(backend.host()) + " port=" + backend.port() + " dbname=" + q(backend.database())
                + " user=" + q(backend.user()) + (backend.password().isEmpty() ? "" : " password=" + q(backend.password()));
        Path userlist = dir.resolve("userlist.txt");
        Files.writeString(userlist, "\"" + backend.user().replace("\"", "\"\"") + "\" \"\"\n", StandardCharsets.UTF_8);
        StringBuilder ini = new StringBuilder()
                .append("[databases]\n")
                .append(backend.database()).append(" = ").append(connect).append('\n')
                .append("\n[pgbouncer]\n")
                .append("listen_addr = 127.0.0.1\n")
                .append("listen_port = ").append(port).append('\n')
                .append("unix_socket_dir =\n")
                // "any": no client authentication and the client's user name is ignored; the
                // [databases] entry's user logs in to the server
                .append("auth_type = any\n")
                .append("auth_file = ").append(userlist).append('\n')
                .append("pool_mode = ").append(b.poolMode.iniValue()).append('\n')
                .append("default_pool_size = ").append(b.defaultPoolSize).append('\n')
                .append("max_client_conn = 500\n")
                .append("logfile = ").append(dir.resolve("pgbouncer.log")).append('\n')
                .append("pidfile = ").append(dir.resolve("pgbouncer.pid")).append('\n')
                .append("server_login_retry = 1\n");
        for (String line : b.config) {
            ini.append(line).append('\n');
        }
        Path file = dir.resolve("pgbouncer.ini");
        Files.writeString(file, ini, StandardCharsets.UTF_8);
        return file;
    }

    private static String q(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static Path binary() {
        List<String> candidates = List.of("/usr/sbin/pgbouncer", "pgbouncer");
        Optional<Path> found = Exec.find(candidates);
        if (found.isPresent()) {
            return found.get();
        }
        if (!Exec.isRoot()) {
            throw new IllegalStateException("pgbouncer is not installed and this JVM is not root, so the testkit cannot "
                    + "install it. Install it with: sudo apt-get install pgbouncer");
        }
        Exec.aptInstall("pgbouncer", "pgbouncer", "(no env override: install pgbouncer)");
        return Exec.find(candidates).orElseThrow(() -> new IllegalStateException(
                "pgbouncer still not found under /usr/sbin or PATH after apt-get install pgbouncer"));
    }
}
