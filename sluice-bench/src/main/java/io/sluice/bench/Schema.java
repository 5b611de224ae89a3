package io.sluice.bench;

import io.sluice.bench.target.JdbcTarget;
import io.sluice.bench.target.JdbcTarget.Flavor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the {@code sluice_bench} database and its tables with plain JDBC (Connector/J, pgjdbc),
 * so a broken Sluice cannot spoil the data every target reads. Tables whose row count is already
 * right are kept between runs.
 *
 * <ul>
 * <li>{@code bench_ps(id int pk, k int, c char(120), pad char(60))}: the point-select table (sysbench's sbtest shape)</li>
 * <li>{@code bench_fetch(id bigint pk, a int, b bigint, c varchar(32), d double, e datetime)}: the fetch source</li>
 * <li>{@code bench_insert}: same columns, emptied before every bulk insert</li>
 * </ul>
 * The native tools' own tables live in the same database under the tools' names and are made by
 * {@link NativeRun}: {@code pgbench_*} (pgbench -i) and {@code sbtest1} (sysbench prepare), both
 * kept between runs while their row count is right.
 */
public final class Schema {
    private Schema() {
    }

    static Flavor flavor(Db db) {
        return db == Db.MYSQL ? Flavor.MYSQL_CJ : Flavor.PGJDBC;
    }

    public static Connection connect(Db db, Servers.Server s) throws SQLException {
        return JdbcTarget.connect(flavor(db), s, Servers.DATABASE);
    }

    /** Creates the database if needed and returns the server's version string. */
    public static String createDatabase(Db db, Servers.Server s) throws SQLException {
        try (Connection c = JdbcTarget.connect(flavor(db), s, db == Db.MYSQL ? "" : "postgres");
             Statement st = c.createStatement()) {
            if (db == Db.MYSQL) {
                st.execute("create database if not exists " + Servers.DATABASE);
            } else {
                try (ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + Servers.DATABASE
                        + "'")) {
                    if (!rs.next()) {
                        st.execute("create database " + Servers.DATABASE);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("select version()")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Point-select and fetch tables with at least the given row counts. */
    public static void prepare(Db db, Servers.Server s, int psRows, int fetchRows) throws Exception {
        try (Connection c = connect(db, s); Statement st = c.createStatement()) {
            String dbl = db == Db.MYSQL ? "double" : "float8";
            String dt = db == Db.MYSQL ? "datetime" : "timestamp";
            String engine = db == Db.MYSQL ? " engine=InnoDB" : "";
            st.execute("create table if not exists bench_ps (id int primary key, k int not null, c char(120) not null, "
                    + "pad char(60) not null)" + engine);
            st.execute("create table if not exists bench_fetch (id bigint primary key, a int not null, b bigint not null, "
                    + "c varchar(32) not null, d " + dbl + " not null, e " + dt + " not null)" + engine);
            st.execute("drop table if exists bench_insert");
            st.execute("create table bench_insert (id bigint primary key, a int not null, b bigint not null, "
                    + "c varchar(32) not null, d " + dbl + " not null, e " + dt + " not null)" + engine);
            if (db == Db.PG) {
                // no autovacuum ANALYZE of the million rows one target loaded running in the next one's window
                st.execute("alter table bench_insert set (autovacuum_enabled = false)");
            }
            if (count(st, "bench_ps") != psRows) {
                st.execute(db == Db.MYSQL ? "truncate table bench_ps" : "truncate bench_ps");
                String fill = db == Db.MYSQL
                        ? "insert into bench_ps (id, k, c, pad) with recursive seq(n) as (select 1 union all select n + 1 "
                          + "from seq where n < " + psRows + ") select n, n * 7 % 100000, "
                          + "concat(repeat('c', 100), lpad(n, 20, '0')), repeat('p', 60) from seq"
                        : "insert into bench_ps (id, k, c, pad) select n, n * 7 % 100000, "
                          + "repeat('c', 100) || lpad(n::text, 20, '0'), repeat('p', 60) from generate_series(1, "
                          + psRows + ") n";
                if (db == Db.MYSQL) {
                    // MySQL 8 and MariaDB name the recursion limit differently; set whichever exists
                    trySet(st, "set session cte_max_recursion_depth = " + (psRows + 1));
                    trySet(st, "set session max_recursive_iterations = " + (psRows + 1));
                }
                st.execute(fill);
                if (db == Db.PG) {
                    st.execute("analyze bench_ps");
                }
            }
            if (count(st, "bench_fetch") < fetchRows) { // a larger table serves a smaller fetch (where id <= N)
                st.execute(db == Db.MYSQL ? "truncate table bench_fetch" : "truncate bench_fetch");
                if (db == Db.MYSQL) {
                    JdbcTarget.loadData(Flavor.MYSQL_CJ, c, "bench_fetch", 0, fetchRows, Long.MAX_VALUE);
                } else {
                    JdbcTarget.copy(c, "bench_fetch", 0, fetchRows, Long.MAX_VALUE);
                    st.execute("vacuum analyze bench_fetch");
                }
            }
        }
    }

    /**
     * Empties bench_insert before a bulk insert (not timed). On PostgreSQL it then runs a CHECKPOINT
     * (when the user may): a load writes a few hundred MB of WAL, so without it a checkpoint the
     * earlier loads made due fell into whichever target's timed run came next (measured: the same
     * target's COPY at 450k and 720k rows/s in consecutive runs).
     */
    public static void truncateInsert(Db db, Servers.Server s) throws SQLException {
        try (Connection c = connect(db, s); Statement st = c.createStatement()) {
            st.execute(db == Db.MYSQL ? "truncate table bench_insert" : "truncate bench_insert");
            if (db == Db.PG) {
                trySet(st, "checkpoint"); // superuser or pg_checkpoint only; without it, the noise stays
            }
        }
    }

    public static long countInsert(Db db, Servers.Server s) throws SQLException {
        try (Connection c = connect(db, s); Statement st = c.createStatement()) {
            return count(st, "bench_insert");
        }
    }

    /** Runs {@code sql}, ignoring a refusal (a variable of the other server's name, a missing privilege). */
    private static void trySet(Statement st, String sql) {
        try {
            st.execute(sql);
        } catch (SQLException refused) {
            // optional: the run goes on without it
        }
    }

    static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
