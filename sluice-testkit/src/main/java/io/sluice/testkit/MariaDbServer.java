package io.sluice.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a MariaDB/MySQL test server listens and how to log in: either the machine's own server
 * (port 3306 or the SLUICE_TEST_MYSQL_* env vars) or a throwaway {@link MariaDbInstance}.
 * Immutable. {@link #toString()} never shows the password.
 *
 * <p>{@link #sql(String)} / {@link #sqlQuery(String)} run statements through the `mariadb`
 * command-line client so tests can do admin setup (create users, tables) without a Sluice driver.
 */
public final class MariaDbServer {

    static final String ENV_HINT = "SLUICE_TEST_MYSQL_HOST/PORT/USER/PASSWORD/DATABASE";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String database;
    private final Path unixSocket;
    private final boolean throwaway;

    public MariaDbServer(String host, int port, String user, String password, String database,
                         Path unixSocket, boolean throwaway) {
        this.host = Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
        this.port = port;
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? "" : password;
        this.database = Objects.requireNonNull(database, "database");
        this.unixSocket = unixSocket;
        this.throwaway = throwaway;
    }

    public String host() { return host; }
    public int port() { return port; }
    public String user() { return user; }
    public String password() { return password; }
    public String database() { return database; }
    /** The server's unix socket when known (throwaway instances always; the system server if found). */
    public Optional<Path> unixSocket() { return Optional.ofNullable(unixSocket); }
    /** True for a server the testkit started and will delete; false for a pre-existing one. */
    public boolean throwaway() { return throwaway; }

    /** {@code mysql://user:password@host:port/db} with user and password percent-encoded (no ":" when the password is empty). */
    public String mysqlUrl() {
        return "mysql://" + userInfo(user, password) + "@" + hostPort(host, port) + "/" + pct(database);
    }

    /** Runs statements (separated by ';') as this endpoint's user against {@link #database()}. */
    public void sql(String statements) {
        client(statements, false, true);
    }

    /** Runs a query and returns the client's batch output: rows tab-separated, no header line. */
    public String sqlQuery(String statements) {
        return client(statements, true, true);
    }

    /** Like {@link #sqlQuery} but the first column of the first row, or "" when there is no row. */
    public String sqlValue(String query) {
        String out = sqlQuery(query);
        String first = out.lines().findFirst().orElse("");
        int tab = first.indexOf('\t');
        return tab < 0 ? first : first.substring(0, tab);
    }

    /**
     * Loads {@code zone} (an IANA name such as {@code Europe/Paris}) from this machine's zoneinfo
     * into the server's {@code mysql.time_zone*} tables, which stock server packages leave empty, so
     * that {@code CONVERT_TZ} and {@code SET time_zone = 'Area/City'} know it. One zone, not the
     * whole database: quick, and it touches nothing else. False when the tool, the zone file (from
     * this machine's zoneinfo; the SQL it becomes may go to a remote server) or the privilege is missing.
     */
    public boolean loadTimeZone(String zone) {
        Optional<Path> tool = Exec.find(List.of("mariadb-tzinfo-to-sql", "mysql_tzinfo_to_sql"));
        Path file = Path.of("/usr/share/zoneinfo").resolve(zone).normalize();
        if (tool.isEmpty() || !file.startsWith("/usr/share/zoneinfo") || !java.nio.file.Files.isRegularFile(file)) {
            return false;
        }
        Exec.Result sql = Exec.run(List.of(tool.get().toString(), file.toString(), zone), null, Map.of(), null,
                Duration.ofSeconds(60));
        if (!sql.ok()) {
            return false;
        }
        try {
            client("use mysql;\n" + sql.stdout(), false, false, true);
            return true;
        } catch (IllegalStateException e) {
            return false; // no privilege on the mysql schema, say: the caller's test then says why it skips
        }
    }

    String client(String statements, boolean batch, boolean useDatabase) {
        return client(statements, batch, useDatabase, false);
    }

    /** Runs {@code statements} with the mariadb client, as {@code --execute} or (long scripts) on its standard input. */
    private String client(String statements, boolean batch, boolean useDatabase, boolean viaStdin) {
        Path bin = Exec.require(List.of("mariadb", "mysql"), "mariadb-client", ENV_HINT);
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "--no-defaults"));
        // Throwaway instances: the socket reaches root@localhost, which always exists there. For
        // other servers go over TCP exactly as configured (the socket may use another auth plugin).
        if (throwaway && unixSocket != null) {
            cmd.add("--socket=" + unixSocket);
        } else {
            cmd.addAll(List.of("--protocol=TCP", "--host=" + host, "--port=" + port));
        }
        cmd.add("--user=" + user);
        if (useDatabase) {
            cmd.add("--database=" + database);
        }
        if (batch) {
            cmd.addAll(List.of("--batch", "--skip-column-names"));
        }
        if (!viaStdin) {
            cmd.add("--execute=" + statements);
        }
        Map<String, String> env = new HashMap<>();
        if (!password.isEmpty()) {
            env.put("MYSQL_PWD", password); // keeps the password off the process list
        }
        Exec.Result r = Exec.run(cmd, viaStdin ? statements : null, env, null, Duration.ofSeconds(120));
        if (!r.ok()) {
            throw new IllegalStateException("SQL failed on " + this + " (exit " + r.exitCode() + "): "
                    + r.stderr().strip() + "\nstatements: " + statements);
        }
        return r.stdout();
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + user + "@" + hostPort(host, port) + "/" + database
                + (throwaway ? ", throwaway" : "") + (unixSocket != null ? ", socket=" + unixSocket : "") + "]";
    }

    static String userInfo(String user, String password) {
        return pct(user) + (password == null || password.isEmpty() ? "" : ":" + pct(password));
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** RFC 3986 percent-encoding: everything but unreserved characters (so no '+' for space). */
    static String pct(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
