package io.sluice.bench.report;

import io.sluice.bench.BulkFetchRun;
import io.sluice.bench.Cell;
import io.sluice.bench.Db;
import io.sluice.bench.Ratios;
import io.sluice.bench.Results;
import io.sluice.bench.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The markdown report, and the plain-text goal table printed on stdout. */
public final class Markdown {
    private Markdown() {
    }

    public static String report(Results r, String chartFile) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sluice benchmark (").append(r.config.get("mode")).append(")\n\n");
        sb.append("Run ").append(r.startedAt).append(", ").append(fmt(r.wallSeconds)).append(" s wall clock. ")
                .append("Reproduce with `./sluice bench")
                .append("quick".equals(r.config.get("mode")) ? " --quick" : "").append("`.\n\n");
        sb.append("> Numbers from one run on a small shared machine; the database servers run on the same "
                + "cores as the client, and other jobs may have been running. Treat differences under ~15% as "
                + "noise. Client CPU per query is the least noisy measure (it counts only this JVM's CPU time).\n\n");
        List<Ratios.Ratio> goals = Ratios.evaluate(r.cells);
        sb.append("## Goals\n\n").append(goalsTable(goals)).append('\n');
        String bounds = bounds(goals, "- ");
        if (!bounds.isEmpty()) {
            sb.append("What bounds the missed goals, from the server CPU measured over the same windows (\"cores busy\" "
                    + "= server CPU time / wall time; server-bound = 0.85 or more of the cores the server could use; "
                    + "out of reach = the target rate times the measured CPU per row or query exceeds them):\n\n")
                    .append(bounds).append('\n');
        }
        if (chartFile != null) {
            sb.append("![ops/s normalised to the best peer](").append(chartFile).append(")\n\n");
        }
        for (Workload w : Workload.values()) {
            List<Cell> cells = r.cells.stream().filter(c -> c.workload() == w).toList();
            if (cells.isEmpty()) {
                continue;
            }
            sb.append("## ").append(w.title()).append("\n\n");
            sb.append(describe(w, r.config)).append("\n\n");
            sb.append(cellTable(w, cells)).append('\n');
        }
        sb.append("## Machine\n\n| | |\n|---|---|\n");
        r.machine.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        sb.append("\n## Clients and settings\n\n| target | server | versions | settings | fetch | bulk methods |\n"
                + "|---|---|---|---|---|---|\n");
        for (Results.TargetInfo t : r.targets) {
            sb.append("| ").append(t.name()).append(" | ").append(t.db().id()).append(" | ").append(esc(t.version()))
                    .append(" | ").append(esc(t.settings())).append(" | ").append(esc(t.fetch())).append(" | ")
                    .append(esc(String.join("; ", t.bulk()))).append(" |\n");
        }
        sb.append("\n## Run configuration\n\n");
        r.config.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        if (!r.notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            r.notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static String describe(Workload w, Map<String, Object> config) {
        return switch (w) {
            case POINT_SELECT -> "`select c from bench_ps where id = ?` (random id of " + config.get("ps_rows")
                    + " rows, c is char(120)), prepared, on " + config.get("connections") + " connections; N virtual "
                    + "threads run it back to back. Latency per query includes the wait for a connection. "
                    + "CPU = this JVM's process CPU time over the window / queries (workload 5). " + SERVER_PS;
            case NATIVE -> "The native C client at " + config.get("connections") + " connections against the same "
                    + "server, and each Java client running the tool's own statement with one virtual thread per "
                    + "connection (the tool's shape). " + SERVER_PS + " For the tool the window is its whole run, "
                    + "connection set-up included.";
            case BULK_INSERT -> config.get("bulk_rows") + " rows (bigint, int, bigint, varchar, double, datetime) into "
                    + "an empty table with a primary key, by each driver's documented fast paths (the best one counts "
                    + "for the goal). A short warm-up insert runs first; on PostgreSQL every load starts after a "
                    + "CHECKPOINT, with autovacuum off for the table. Each method loads up to " + BulkFetchRun.BULK_RUNS
                    + " times (once when the first load took over " + (int) BulkFetchRun.BULK_REPEAT_UNDER_S
                    + " s): rows/s is the median load, \"runs\" the slowest and fastest, and every other column is the "
                    + "median load's. Chunked/streamed methods stop at the cap of "
                    + config.get("bulk_cap_s") + " s (marked capped). " + SERVER_ROWS;
            case FETCH -> config.get("fetch_rows") + " rows x 6 columns streamed, every column read as a typed value. "
                    + "Peak heap = max used heap during the fetch (2 ms samples) minus the used heap after a GC before "
                    + "it; it mostly reflects the young generation unless a driver buffers the result. Allocation "
                    + "counts every thread's heap allocation (event loops too). After one full-size warm-up fetch, "
                    + "each target fetches " + BulkFetchRun.FETCH_RUNS + " times: rows/s is the median run, \"runs\" "
                    + "the slowest and fastest, and every other column is the median run's. " + SERVER_ROWS;
            case POOL -> "2,000 virtual threads borrow and return from a 50-resource pool whose resources cost "
                    + "nothing (Sluice: no-op ResourceManager; HikariCP: a DataSource of dummy connections). "
                    + "Custom harness: JMH's workers are platform threads, so they cannot express 2,000 virtual "
                    + "threads. \"Threads that cycled\" counts the threads that completed at least one cycle in "
                    + "the window: virtual threads are not time-sliced, so while a pool never makes a borrower wait, "
                    + "the few threads holding the carriers cycle on and the rest never run; the figure is then about "
                    + "the number of carriers, and the cycle rate is the pool's uncontended fast path.";
            case POOL_JMH -> "The same cycle under JMH (one fork, platform threads) as a cross-check of the hot path.";
        };
    }

    private static final int COARSE_TICKS = io.sluice.bench.ServerBound.COARSE_TICKS;
    private static final String TICKS = " (~ marks figures counted from fewer than " + COARSE_TICKS
            + " clock ticks of 10 ms.)";
    private static final String SERVER_PS = "Server CPU us/query = the database server processes' CPU time "
            + "(from /proc, all of them summed) over the measured window / queries, and server cores busy = that CPU "
            + "time / the window's wall time." + TICKS;
    private static final String SERVER_ROWS = "Server CPU ns/row = the database server processes' CPU time (from "
            + "/proc, all of them summed) over the timed run / rows, and server cores busy = that CPU time / the run's "
            + "wall time; about 1.0 means the one server process doing the work kept a core busy throughout." + TICKS;

    /** The slowest and fastest of a cell's timed runs, "-" for one run. */
    private static String runs(Cell c) {
        double min = c.num("min_rows_s");
        double max = c.num("max_rows_s");
        return Double.isNaN(min) || min == max ? "-" : fmt(min) + " - " + fmt(max);
    }

    static String cellTable(Workload w, List<Cell> cells) {
        StringBuilder sb = new StringBuilder();
        boolean ps = w == Workload.POINT_SELECT || w == Workload.NATIVE;
        boolean pool = w == Workload.POOL;
        sb.append("| server | target | variant | ").append(cells.stream().filter(Cell::ok).map(Cell::unit).findFirst()
                .orElse("value")).append(" | vs best peer |");
        if (ps) {
            sb.append(" p50 us | p99 us | CPU us/query | server CPU us/query | server cores busy |");
        } else if (pool) {
            sb.append(" p50 us | p99 us | CPU ns/cycle | threads that cycled |");
        } else if (w == Workload.BULK_INSERT) {
            sb.append(" runs rows/s | rows | seconds | server CPU ns/row | server cores busy |");
        } else if (w == Workload.FETCH) {
            sb.append(" runs rows/s | peak heap MB | alloc B/row | CPU ns/row | server CPU ns/row | server cores busy |");
        }
        sb.append('\n').append("|---".repeat((int) sb.chars().filter(ch -> ch == '|').count() - 1)).append("|\n");
        for (Cell c : cells) {
            sb.append("| ").append(c.db() == null ? "-" : c.db().id()).append(" | ")
                    .append(c.isSluice() ? "**sluice**" : c.target()).append(" | ").append(esc(c.variant())).append(" | ");
            if (!c.ok()) {
                sb.append(esc(c.error())).append(" | |\n");
                continue;
            }
            sb.append(fmt(c.value())).append(" | ").append(vsBest(c, cells)).append(" |");
            if (ps) {
                sb.append(' ').append(fmt(c.num("p50_us"))).append(" | ").append(fmt(c.num("p99_us"))).append(" | ")
                        .append(fmt(c.num("cpu_us_per_op"))).append(" |").append(server(c, "server_cpu_us_per_op"));
            } else if (pool) {
                sb.append(' ').append(fmt(c.num("p50_us"))).append(" | ").append(fmt(c.num("p99_us"))).append(" | ")
                        .append(fmt(c.num("cpu_ns_per_cycle"))).append(" | ")
                        .append(Double.isNaN(c.num("threads_progressed")) ? "-"
                                : String.valueOf((long) c.num("threads_progressed"))).append(" |");
            } else if (w == Workload.BULK_INSERT) {
                sb.append(' ').append(runs(c)).append(" | ").append(fmt(c.num("rows"))).append(Boolean.TRUE.equals(c.extra().get("capped"))
                        ? " (capped)" : "").append(" | ").append(fmt(c.num("seconds"))).append(" |")
                        .append(server(c, "server_cpu_ns_per_row"));
            } else if (w == Workload.FETCH) {
                sb.append(' ').append(runs(c)).append(" | ")
                        .append(fmt(c.num("peak_heap_mb"))).append(" | ").append(fmt(c.num("alloc_bytes_per_row")))
                        .append(" | ").append(fmt(c.num("cpu_ns_per_row"))).append(" |")
                        .append(server(c, "server_cpu_ns_per_row"));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The two server-CPU columns: per operation (or row) and cores busy. */
    static String server(Cell c, String perKey) {
        String approx = c.num("server_cpu_ticks") < COARSE_TICKS ? "~" : "";
        return " " + approx + fmt(c.num(perKey)) + " | " + approx + fmt(c.num("server_cpu_share")) + " |";
    }


    /** One line per missed goal the server-CPU figures explain ({@link io.sluice.bench.ServerBound}). */
    public static String bounds(List<Ratios.Ratio> ratios, String bullet) {
        StringBuilder sb = new StringBuilder();
        for (Ratios.Ratio r : ratios) {
            if (!r.bound().isEmpty()) {
                sb.append(bullet).append(r.goal()).append(" (").append(r.scope()).append("): ").append(r.bound())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** This cell's value relative to the best non-Sluice cell of the same server and variant. */
    static String vsBest(Cell c, List<Cell> all) {
        double best = all.stream().filter(Cell::ok).filter(x -> !x.isSluice() && x.db() == c.db()
                        && sameGroup(c, x) && !isTool(x))
                .mapToDouble(Cell::value).max().orElse(Double.NaN);
        return Double.isNaN(best) || isTool(c) ? "" : String.format(Locale.ROOT, "%.2fx", c.value() / best);
    }

    static boolean sameGroup(Cell a, Cell b) {
        // bulk methods differ per driver: all of a server's bulk cells form one group
        return a.workload() == Workload.BULK_INSERT || a.variant().equals(b.variant());
    }

    static boolean isTool(Cell c) {
        return c.target().equals("pgbench") || c.target().equals("sysbench");
    }

    public static String goalsTable(List<Ratios.Ratio> ratios) {
        StringBuilder sb = new StringBuilder("| goal | scope | sluice | best peer | peer value | ratio | status |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Ratios.Ratio r : ratios) {
            sb.append("| ").append(r.goal()).append(" | ").append(r.scope()).append(" | ").append(fmt(r.sluice()))
                    .append(" | ").append(r.peer()).append(" | ").append(fmt(r.peerValue())).append(" | ")
                    .append(Double.isFinite(r.ratio()) ? String.format(Locale.ROOT, "%.2fx", r.ratio()) : "-")
                    .append(" | ").append(status(r.status())).append(" |\n");
        }
        return sb.toString();
    }

    static String status(Ratios.Status s) {
        return switch (s) {
            case MET -> "met";
            case MISSED -> "**missed**";
            case NA -> "n/a";
        };
    }

    /** The goal table as aligned plain text for the terminal. */
    public static String goalsText(List<Ratios.Ratio> ratios) {
        StringBuilder sb = new StringBuilder();
        String f = "%-42s %-13s %12s  %-18s %12s  %7s  %s%n";
        sb.append(String.format(Locale.ROOT, f, "goal", "scope", "sluice", "best peer", "peer", "ratio", "status"));
        for (Ratios.Ratio r : ratios) {
            sb.append(String.format(Locale.ROOT, f, r.goal(), r.scope(), fmt(r.sluice()), r.peer(), fmt(r.peerValue()),
                    Double.isFinite(r.ratio()) ? String.format(Locale.ROOT, "%.2fx", r.ratio()) : "-",
                    r.status().name().toLowerCase(Locale.ROOT)));
        }
        return sb.append(bounds(ratios, "  ")).toString();
    }

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    static String dbLabel(Db db) {
        return db == null ? "-" : db.label();
    }
}
