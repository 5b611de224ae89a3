package io.sluice.bench.target;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.bench.Db;
import io.sluice.bench.Query;
import io.sluice.bench.RowGen;
import io.sluice.bench.RowSink;
import io.sluice.bench.Servers;
import io.sluice.bench.Sql;
import io.sluice.bench.Target;
import io.sluice.bench.Versions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A JDBC driver behind HikariCP, configured as the driver's and HikariCP's documentation advise
 * for speed: server-side prepared statements with a client-side statement cache, batch rewriting
 * or the server's bulk protocol, streaming result sets. See {@link Flavor} for the exact settings.
 */
public final class JdbcTarget implements Target {

    /** The three JDBC drivers and their speed settings. */
    public enum Flavor {
        /** HikariCP's "MySQL Configuration" page plus Connector/J's batch rewriting and LOAD DATA LOCAL. */
        MYSQL_CJ("mysql-cj+hikari", Db.MYSQL, "jdbc:mysql", Map.ofEntries(
                Map.entry("useServerPrepStmts", "true"), Map.entry("cachePrepStmts", "true"),
                Map.entry("prepStmtCacheSize", "250"), Map.entry("prepStmtCacheSqlLimit", "2048"),
                Map.entry("rewriteBatchedStatements", "true"), Map.entry("useLocalSessionState", "true"),
                Map.entry("cacheResultSetMetadata", "true"), Map.entry("cacheServerConfiguration", "true"),
                Map.entry("elideSetAutoCommits", "true"), Map.entry("maintainTimeStats", "false"),
                Map.entry("allowLoadLocalInfile", "true"), Map.entry("sslMode", "DISABLED"),
                Map.entry("allowPublicKeyRetrieval", "true"))),
        /** MariaDB Connector/J 3: binary protocol, its statement cache, COM_STMT_BULK_EXECUTE for batches. */
        MARIADB_CJ("mariadb-cj+hikari", Db.MYSQL, "jdbc:mariadb", Map.of(
                "useServerPrepStmts", "true", "cachePrepStmts", "true", "prepStmtCacheSize", "250",
                "useBulkStmts", "true", "useBulkStmtsForInserts", "true", "allowLocalInfile", "true",
                "sslMode", "disable")),
        /** pgjdbc: server-prepare from the first execution, rewritten batch inserts, binary transfer. */
        PGJDBC("pgjdbc+hikari", Db.PG, "jdbc:postgresql", Map.of(
                "prepareThreshold", "1", "preparedStatementCacheQueries", "256", "reWriteBatchedInserts", "true",
                "binaryTransfer", "true", "sslmode", "disable"));

        final String label;
        final Db db;
        final String scheme;
        final Map<String, String> props;

        Flavor(String label, Db db, String scheme, Map<String, String> props) {
            this.label = label;
            this.db = db;
            this.scheme = scheme;
            this.props = props;
        }
    }

    static final String BATCH = "executeBatch, 10k rows per batch, one transaction";
    static final String LOAD_DATA = "LOAD DATA LOCAL INFILE from a stream";
    static final String COPY = "CopyManager.copyIn (COPY FROM STDIN)";
    static final int BATCH_ROWS = 10_000;

    private final Flavor flavor;
    private final Servers.Server server;
    private HikariDataSource ds;

    public JdbcTarget(Flavor flavor, Servers.Server server) {
        this.flavor = flavor;
        this.server = server;
    }

    @Override
    public String name() {
        return flavor.label;
    }

    @Override
    public Db db() {
        return flavor.db;
    }

    @Override
    public String version() {
        String driver = switch (flavor) {
            // these two jars carry no pom.properties; their drivers know their own version
            case MYSQL_CJ -> "mysql-connector-j " + com.mysql.cj.Constants.CJ_VERSION;
            case MARIADB_CJ -> "mariadb-java-client " + Versions.of("org.mariadb.jdbc", "mariadb-java-client");
            case PGJDBC -> "postgresql (pgjdbc) " + org.postgresql.util.DriverInfo.DRIVER_VERSION;
        };
        return driver + ", HikariCP " + Versions.of("com.zaxxer", "HikariCP");
    }

    @Override
    public String settings() {
        return "HikariCP(maximumPoolSize=N, minimumIdle=N); " + new java.util.TreeMap<>(flavor.props);
    }

    @Override
    public void setup(int connections) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(flavor.scheme + "://" + server.host() + ":" + server.port() + "/" + Servers.DATABASE);
        hc.setUsername(server.user());
        hc.setPassword(server.password());
        flavor.props.forEach(hc::addDataSourceProperty);
        hc.setMaximumPoolSize(connections);
        hc.setMinimumIdle(connections);
        hc.setPoolName(flavor.label);
        ds = new HikariDataSource(hc);
    }

    /** A raw connection outside any pool (schema set-up). */
    public static Connection connect(Flavor f, Servers.Server server, String database) throws java.sql.SQLException {
        java.util.Properties p = new java.util.Properties();
        p.putAll(f.props);
        p.put("user", server.user());
        p.put("password", server.password());
        return java.sql.DriverManager.getConnection(f.scheme + "://" + server.host() + ":" + server.port() + "/" + database, p);
    }

    @Override
    public Object pointSelect(Query q, int id) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(q.sql())) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        }
    }

    @Override
    public List<String> bulkMethods() {
        return switch (flavor) {
            case MYSQL_CJ -> List.of(BATCH + " (rewriteBatchedStatements)", LOAD_DATA);
            case MARIADB_CJ -> List.of(BATCH + " (useBulkStmts)", LOAD_DATA);
            case PGJDBC -> List.of(COPY, BATCH + " (reWriteBatchedInserts)");
        };
    }

    @Override
    public long bulkInsert(String method, int rows, long deadlineNanos) throws Exception {
        try (Connection c = ds.getConnection()) {
            if (method.startsWith(BATCH)) {
                return batch(c, rows, deadlineNanos);
            }
            if (method.equals(LOAD_DATA)) {
                return loadData(flavor, c, 0, rows, deadlineNanos);
            }
            return copy(c, 0, rows, deadlineNanos);
        }
    }

    /** One transaction (as for every target), executeBatch every {@link #BATCH_ROWS} rows. */
    private static long batch(Connection c, int rows, long deadlineNanos) throws Exception {
        long done = 0;
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(Sql.INSERT)) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, RowGen.id(i));
                ps.setInt(2, RowGen.a(i));
                ps.setLong(3, RowGen.b(i));
                ps.setString(4, RowGen.c(i));
                ps.setDouble(5, RowGen.d(i));
                ps.setObject(6, RowGen.e(i));
                ps.addBatch();
                if ((i + 1) % BATCH_ROWS == 0 || i == rows - 1) {
                    ps.executeBatch();
                    done = i + 1;
                    if (System.nanoTime() > deadlineNanos) {
                        break;
                    }
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return done;
    }

    /** LOAD DATA LOCAL INFILE fed from an InputStream (both MySQL drivers' documented streaming hook). */
    public static long loadData(Flavor f, Connection c, int from, int to, long deadlineNanos) throws Exception {
        return loadData(f, c, "bench_insert", from, to, deadlineNanos);
    }

    public static long loadData(Flavor f, Connection c, String table, int from, int to, long deadlineNanos)
            throws Exception {
        RowGen.Tsv in = RowGen.tsvStream(from, to, deadlineNanos);
        try (Statement st = c.createStatement()) {
            if (f == Flavor.MYSQL_CJ) {
                st.unwrap(com.mysql.cj.jdbc.JdbcStatement.class).setLocalInfileInputStream(in);
            } else {
                st.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(in);
            }
            st.execute("load data local infile 'rows.tsv' into table " + table + " (id, a, b, c, d, e)");
        }
        return in.rows();
    }

    /** COPY FROM STDIN through pgjdbc's CopyManager. */
    public static long copy(Connection c, int from, int to, long deadlineNanos) throws Exception {
        return copy(c, "bench_insert", from, to, deadlineNanos);
    }

    public static long copy(Connection c, String table, int from, int to, long deadlineNanos) throws Exception {
        RowGen.Tsv in = RowGen.tsvStream(from, to, deadlineNanos);
        org.postgresql.copy.CopyManager cm = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        cm.copyIn("copy " + table + " (id, a, b, c, d, e) from stdin", in, 64 * 1024);
        return in.rows();
    }

    @Override
    public void fetchAll(int maxId, RowSink sink) throws Exception {
        try (Connection c = ds.getConnection()) {
            boolean pg = flavor == Flavor.PGJDBC;
            if (pg) {
                c.setAutoCommit(false); // pgjdbc only uses a cursor (fetchSize) inside a transaction
            }
            try (PreparedStatement ps = c.prepareStatement(Sql.FETCH, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(flavor == Flavor.MYSQL_CJ ? Integer.MIN_VALUE : 1000);
                ps.setInt(1, maxId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.row(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getDouble(5),
                                rs.getObject(6, LocalDateTime.class));
                    }
                }
            } finally {
                if (pg) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
    }

    @Override
    public String fetchSettings() {
        return switch (flavor) {
            case MYSQL_CJ -> "fetchSize=Integer.MIN_VALUE (row-by-row streaming)";
            case MARIADB_CJ -> "fetchSize=1000 (streaming result set)";
            case PGJDBC -> "autocommit off, fetchSize=1000 (portal cursor)";
        };
    }

    @Override
    public void close() {
        if (ds != null) {
            ds.close();
        }
    }
}
