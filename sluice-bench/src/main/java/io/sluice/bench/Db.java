package io.sluice.bench;

/** The two servers every workload runs against. */
public enum Db {
    MYSQL("MySQL/MariaDB"),
    PG("PostgreSQL");

    private final String label;

    Db(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
