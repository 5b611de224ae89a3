package io.sluice.bench;

/**
 * The point-select statements, written with {@code ?} placeholders; drivers that only take
 * PostgreSQL's {@code $n} form get {@link #dollar()}.
 */
public enum Query {
    /** Workload (1): sysbench's oltp_point_select shape on our own table. */
    BENCH_PS("select c from bench_ps where id = ?"),
    /** The statement `pgbench -S` runs, for the comparison with the native client. */
    PGBENCH("select abalance from pgbench_accounts where aid = ?"),
    /** The statement `sysbench oltp_point_select` runs. */
    SYSBENCH("select c from sbtest1 where id = ?");

    private final String sql;

    Query(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    /** The same statement with {@code $1}, {@code $2}... instead of {@code ?}. */
    public String dollar() {
        return Sql.dollar(sql);
    }
}
