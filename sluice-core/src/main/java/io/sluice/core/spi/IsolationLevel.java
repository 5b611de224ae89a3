package io.sluice.core.spi;

/** Transaction isolation levels, in SQL-standard order. */
public enum IsolationLevel {
    READ_UNCOMMITTED("READ UNCOMMITTED"),
    READ_COMMITTED("READ COMMITTED"),
    REPEATABLE_READ("REPEATABLE READ"),
    SERIALIZABLE("SERIALIZABLE");

    private final String sql;

    IsolationLevel(String sql) {
        this.sql = sql;
    }

    /** The words SQL uses, e.g. {@code REPEATABLE READ}. */
    public String sql() {
        return sql;
    }
}
