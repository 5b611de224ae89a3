package io.sluice.bench;

import java.util.Locale;

/** The workloads of the issue, by their command-line names ({@code --only NAME}). */
public enum Workload {
    POINT_SELECT("point-select", "Point select by primary key (prepared)"),
    NATIVE("native", "Native reference (pgbench / sysbench) and the same statement from Java"),
    BULK_INSERT("bulk-insert", "Bulk insert"),
    FETCH("fetch", "Fetch of a large 6-column result"),
    POOL("pool", "Pool borrow/return, no database"),
    POOL_JMH("pool-jmh", "Pool borrow/return, JMH (platform threads)");

    private final String id;
    private final String title;

    Workload(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Parses a command-line name; {@code cpu} (workload 5) is measured by point-select. */
    public static Workload parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu") || n.equals("point")) {
            return POINT_SELECT;
        }
        if (n.equals("bulk") || n.equals("insert")) {
            return BULK_INSERT;
        }
        for (Workload w : values()) {
            if (w.id.equals(n)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + s + "' (one of point-select, native, bulk-insert, "
                + "fetch, pool, pool-jmh, cpu)");
    }
}
