package io.sluice.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a PostgreSQL test server listens and how to log in: the machine's own server (port 5432 or
 * the SLUICE_TEST_PG_* env vars) or a throwaway {@link PostgresInstance}. Immutable;
 * {@link #toString()} never shows the password.
 *
 * <p>{@link #sql(String)} / {@link #sqlQuery(String)} run statements through `psql`, so tests can
 * do admin setup without a Sluice driver. Statements go to psql's stdin, so each one runs on its
 * own (CREATE DATABASE and friends are allowed).
 */
public final class PostgresServer {

    static final String ENV_HINT = "SLUICE_TEST_PG_HOST/PORT/USER/PASSWORD/DATABASE";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final Path socketDirectory;
    private final boolean throwaway;

    public PostgresServer(String host, int port, String user, String password, String database,
                          Path socketDirectory, boolean throwaway) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        this.port = port;
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? "" : password;
        this.database = Objects.requireNonNull(database, "database");
        this.socketDirectory = socketDirectory;
        this.throwaway = throwaway;
    }

    public String host() { return host; }
    public int port() { return port; }
    public String user() { return user; }
    public String password() { return password; }
    public String database() { return database; }
    /** Directory holding the unix socket (libpq's "host" for sockets), when known. */
    public Optional<Path> unixSocketDirectory() { return Optional.ofNullable(socketDirectory); }
    /** The socket file itself: {@code <dir>/.s.PGSQL.<port>}. */
    public Optional<Path> unixSocket() {
        return unixSocketDirectory().map(d -> d.resolve(".s.PGSQL." + port));
    }
    public boolean throwaway() { return throwaway; }

    /** {@code postgresql://user@host:port/db}, percent-encoded; ":password" only when one is set. */
    public String postgresUrl() {
        return "postgresql://" + MariaDbServer.userInfo(user, password) + "@"
                + MariaDbServer.hostPort(host, port) + "/" + MariaDbServer.pct(database);
    }

    /** Runs SQL statements against {@link #database()} and fails with psql's error output. */
    public void sql(String statements) {
        psql(statements, false, database);
    }

    /** Runs a query; returns psql's unaligned output: rows tab-separated, no header or footer. */
    public String sqlQuery(String statements) {
        return psql(statements, true, database);
    }

    /** First column of the first row, or "" when there is no row. */
    public String sqlValue(String query) {
        String first = sqlQuery(query).lines().findFirst().orElse("");
        int tab = first.indexOf('\t');
        return tab < 0 ? first : first.substring(0, tab);
    }

    String psql(String statements, boolean tuplesOnly, String db) {
        Path bin = psqlBinary();
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1"));
        // Throwaway clusters always trust the admin user on the socket (see PostgresInstance);
        // other servers are reached over TCP exactly as configured.
        String h = throwaway && socketDirectory != null ? socketDirectory.toString() : host;
        cmd.addAll(List.of("-h", h, "-p", Integer.toString(port), "-U", user, "-d", db));
        if (tuplesOnly) {
            cmd.addAll(List.of("-A", "-t", "-F", "\t"));
        }
        cmd.addAll(List.of("-f", "-"));
        Map<String, String> env = new HashMap<>();
        env.put("PGCONNECT_TIMEOUT", "10");
        if (!password.isEmpty()) {
            env.put("PGPASSWORD", password);
        }
        Exec.Result r = Exec.run(cmd, statements, env, null, Duration.ofSeconds(120));
        if (!r.ok()) {
            throw new IllegalStateException("SQL failed on " + this + " (exit " + r.exitCode() + "): "
                    + r.stderr().strip() + "\nstatements: " + statements);
        }
        return r.stdout();
    }

    static Path psqlBinary() {
        List<String> candidates = new ArrayList<>();
        Exec.postgresBinDir().ifPresent(d -> candidates.add(d.resolve("psql").toString()));
        candidates.add("psql");
        return Exec.require(candidates, "postgresql-client", ENV_HINT);
    }

    @Override
    public String toString() {
        return "PostgresServer[" + user + "@" + MariaDbServer.hostPort(host, port) + "/" + database
                + (throwaway ? ", throwaway" : "")
                + (socketDirectory != null ? ", socketDir=" + socketDirectory : "") + "]";
    }
}
