package io.sluice.bench;

import io.sluice.bench.pool.PoolJmh;
import io.sluice.bench.pool.PoolRun;
import io.sluice.bench.pool.Pools;
import io.sluice.bench.report.Chart;
import io.sluice.bench.report.Json;
import io.sluice.bench.report.Markdown;
import io.sluice.bench.target.JdbcTarget;
import io.sluice.bench.target.R2dbcTarget;
import io.sluice.bench.target.SluiceTarget;
import io.sluice.bench.target.VertxTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ./sluice bench}: runs every workload for Sluice and each peer in this one process, against
 * the same servers, data and concurrency, then writes the markdown/JSON/PNG report and prints the
 * goal table on stdout. Progress goes to stderr.
 */
public final class Main {
    private final Options opt;
    private final Results results = new Results();
    private final Set<Db> dbs = EnumSet.noneOf(Db.class);
    private final Map<Db, ServerCpu> serverCpu = new EnumMap<>(Db.class);

    private Main(Options opt) {
        this.opt = opt;
    }

    public static void main(String[] args) throws Exception {
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("sluice bench: " + e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        new Main(opt).run();
        System.exit(0); // event-loop and pool threads of the peers must not keep the JVM alive
    }

    private static final long T0 = System.nanoTime();

    static void log(String s) {
        System.err.printf(Locale.ROOT, "[bench %5.1fs] %s%n", (System.nanoTime() - T0) / 1e9, s);
    }

    List<Target> targets(Db db) {
        Servers.Server s = opt.servers().of(db);
        List<Target> all = db == Db.MYSQL
                ? List.of(new SluiceTarget(db, s), new JdbcTarget(JdbcTarget.Flavor.MYSQL_CJ, s),
                new JdbcTarget(JdbcTarget.Flavor.MARIADB_CJ, s), new VertxTarget(db, s), new R2dbcTarget(db, s))
                : List.of(new SluiceTarget(db, s), new JdbcTarget(JdbcTarget.Flavor.PGJDBC, s), new VertxTarget(db, s),
                new R2dbcTarget(db, s));
        return all.stream().filter(opt::wants).toList();
    }

    void run() throws Exception {
        long start = System.nanoTime();
        results.startedAt = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        MachineInfo.collect(results.machine);
        configure();
        boolean needsDb = opt.only().stream().anyMatch(w -> w != Workload.POOL && w != Workload.POOL_JMH);
        if (needsDb) {
            prepareServers();
        }
        for (Workload w : opt.only()) {
            log("== " + w.id());
            switch (w) {
                case POINT_SELECT -> pointSelect();
                case NATIVE -> nativeReference();
                case BULK_INSERT -> bulk();
                case FETCH -> fetch();
                case POOL -> pool();
                case POOL_JMH -> poolJmh();
            }
        }
        results.wallSeconds = (System.nanoTime() - start) / 1e9;
        write();
    }

    private void configure() {
        var c = results.config;
        c.put("mode", opt.quick() ? "quick" : "full");
        c.put("workloads", opt.only().stream().map(Workload::id).toList());
        c.put("connections", Options.CONNECTIONS);
        c.put("virtual threads (point select)", java.util.Arrays.toString(Options.VTHREADS));
        c.put("warmup_s", opt.warmup().toMillis() / 1000.0);
        c.put("measure_s", opt.measure().toMillis() / 1000.0);
        c.put("rounds", opt.rounds() + (opt.rounds() > 1 ? " (point-select and native cells: forward, then reverse target"
                + " order; the better window kept per cell, every round's value under \"rounds\" in the JSON)" : ""));
        c.put("ps_rows", opt.psRows());
        c.put("bulk_rows", opt.bulkRows());
        c.put("bulk_cap_s", opt.bulkCap().toSeconds());
        c.put("fetch_rows", opt.fetchRows());
        c.put("pool", Options.POOL_THREADS + " virtual threads, " + Options.POOL_SIZE + " resources, "
                + opt.poolMeasure().toMillis() / 1000.0 + " s after " + opt.poolWarmup().toMillis() / 1000.0
                + " s warm-up");
        c.put("pool-jmh", Options.JMH_THREADS + " threads, 1 fork, " + opt.jmhIterations() + " x " + opt.jmhSeconds()
                + " s warm-up and measurement iterations");
        c.put("native_s", opt.nativeSeconds());
        c.put("mysql", opt.servers().mysql().toString());
        c.put("pg", opt.servers().pg().toString());
    }

    private void prepareServers() {
        for (Db db : opt.dbs()) {
            Servers.Server s = opt.servers().of(db);
            try {
                String version = Schema.createDatabase(db, s);
                results.machine.put(db.label() + " server", version + " at " + s.host() + ":" + s.port());
                log("preparing tables on " + db.label() + " (" + version + ")");
                Schema.prepare(db, s, opt.psRows(), opt.fetchRows());
                dbs.add(db);
                ServerCpu probe = ServerCpu.probe(db, s);
                serverCpu.put(db, probe);
                results.notes.add(probe.describe() + idleNote(probe));
            } catch (Exception e) {
                results.notes.add(db.label() + " skipped: cannot prepare " + s + ": " + e);
                log(db.label() + " skipped: " + e);
            }
        }
    }

    /** What the server did with no bench traffic: other clients' load, which the server-CPU columns include. */
    private static String idleNote(ServerCpu probe) {
        try {
            double idle = probe.idleShare(java.time.Duration.ofSeconds(1));
            return Double.isNaN(idle) ? "" : String.format(Locale.ROOT, "; with no bench traffic it used %.2f cores over "
                    + "1 s before the run", idle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Sets up each target of each reachable server, runs {@code body}, closes it. */
    private void eachTarget(int connections, Workload w, Consumer<Target> body) {
        for (Db db : dbs) {
            for (Target t : targets(db)) {
                log(w.id() + " " + db.id() + " " + t.name());
                withTarget(t, connections, body::accept,
                        e -> results.add(Cell.failed(w, db, t.name(), "", "set-up failed: " + e)));
            }
        }
    }

    private void pointSelect() {
        for (Db db : dbs) {
            rounds(db, (t, keep) -> {
                for (int vt : Options.VTHREADS) {
                    Cpu.settle();
                    keep.accept(PointSelectRun.run(t, Workload.POINT_SELECT, Query.BENCH_PS, vt + "vt", vt,
                            opt.psRows(), opt.warmup(), opt.measure(), serverCpu.get(t.db())));
                }
            }, Workload.POINT_SELECT, Options.CONNECTIONS, "point-select");
        }
    }

    private interface TargetBody {
        void run(Target t) throws Exception;
    }

    /** Sets {@code t} up, runs {@code body}, closes it; a failure is logged and handed to {@code failed}. */
    private void withTarget(Target t, int connections, TargetBody body, Consumer<Throwable> failed) {
        try {
            t.setup(connections);
            results.addTarget(t);
            body.run(t);
        } catch (Throwable e) {
            failed.accept(e);
            log("  failed: " + e);
        } finally {
            try {
                t.close();
            } catch (Throwable e) {
                log("  close failed: " + e);
            }
        }
    }

    /** One target's cells in one round; {@code keep} takes each measured cell. */
    private interface RoundBody {
        void run(Target t, Consumer<Cell> keep) throws Exception;
    }

    /**
     * Runs {@code body} for every target of {@code db} in {@code opt.rounds()} rounds, forward then
     * reverse target order, and reports per cell the round with the higher result. On this 2-core
     * machine a neighbour's burst or the JVM still compiling can cost one window 20-30%; two shorter
     * windows at different times, the better kept, for every target alike, make the ratios steadier
     * than one long window, and no target always runs first (coldest) or last.
     */
    private void rounds(Db db, RoundBody body, Workload w, int connections, String label) {
        Map<String, Cell> best = new LinkedHashMap<>();
        Map<String, List<Double>> seen = new LinkedHashMap<>();
        for (int round = 0; round < opt.rounds(); round++) {
            List<Target> order = new ArrayList<>(targets(db));
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Target t : order) {
                log(label + " " + db.id() + " " + t.name() + (opt.rounds() > 1 ? " (round " + (round + 1) + ")" : ""));
                withTarget(t, connections, x -> body.run(x, c -> {
                    print(c);
                    String key = c.target() + "|" + c.variant();
                    seen.computeIfAbsent(key, k -> new ArrayList<>()).add(c.value());
                    Cell had = best.get(key);
                    if (had == null || !had.ok() || c.ok() && c.value() > had.value()) {
                        best.put(key, c);
                    }
                }), e -> best.putIfAbsent(t.name() + "|", Cell.failed(w, db, t.name(), "", "set-up failed: " + e)));
            }
        }
        // reported in forward target order, each with every round's result
        List<String> forward = targets(db).stream().map(Target::name).toList();
        best.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(e -> forward.indexOf(e.getKey().substring(0, e.getKey().indexOf('|')))))
                .forEach(e -> {
                    Cell c = e.getValue();
                    List<Double> values = seen.get(e.getKey());
                    results.add(withRounds(c, values));
                });
        if (opt.rounds() > 1) {
            log(label + " " + db.id() + ": best of " + opt.rounds() + " rounds kept per cell");
        }
    }

    private void nativeReference() throws Exception {
        int conns = Options.CONNECTIONS;
        if (dbs.contains(Db.PG)) {
            NativeRun.preparePgbench(opt.servers().pg());
            Cell tool = bestOf(() -> NativeRun.pgbench(opt.servers().pg(), conns, opt.nativeSeconds(),
                    serverCpu.get(Db.PG)));
            if (tool.ok()) {
                javaNative(Db.PG, Query.PGBENCH, NativeRun.PGBENCH_ROWS);
            } else if (tool.error().startsWith("skipped")) {
                results.notes.add("pgbench: " + tool.error());
            }
        }
        if (dbs.contains(Db.MYSQL)) {
            Cell tool = bestOf(() -> NativeRun.sysbench(opt.servers().mysql(), conns, opt.nativeSeconds(), opt.psRows(),
                    serverCpu.get(Db.MYSQL)));
            if (tool.ok()) {
                javaNative(Db.MYSQL, Query.SYSBENCH, opt.psRows());
            } else if (tool.error().startsWith("skipped")) {
                results.notes.add("sysbench: " + tool.error() + "; no native reference for MySQL/MariaDB in this run");
            }
        }
    }

    /** The native tool run {@code opt.rounds()} times, the best reported (as the Java targets' cells are). */
    private Cell bestOf(java.util.concurrent.Callable<Cell> run) throws Exception {
        Cell best = null;
        List<Double> values = new ArrayList<>();
        for (int round = 0; round < opt.rounds(); round++) {
            Cell c = run.call();
            print(c);
            if (!c.ok()) {
                best = best == null ? c : best;
                break; // skipped (tool absent) or failed: once is enough to know
            }
            values.add(c.value());
            if (best == null || !best.ok() || c.value() > best.value()) {
                best = c;
            }
        }
        best = withRounds(best, values);
        results.add(best);
        return best;
    }

    /** The kept cell with every round's value recorded (JSON "rounds"), when there was more than one. */
    private static Cell withRounds(Cell c, List<Double> values) {
        if (!c.ok() || values == null || values.size() < 2) {
            return c;
        }
        Map<String, Object> extra = new LinkedHashMap<>(c.extra());
        extra.put("rounds", values);
        return new Cell(c.workload(), c.db(), c.target(), c.variant(), c.value(), c.unit(), extra, c.error());
    }

    /** Every Java client of {@code db} running the native tool's statement, one virtual thread per connection. */
    private void javaNative(Db only, Query q, int idMax) {
        int conns = Options.CONNECTIONS;
        rounds(only, (t, keep) -> {
            Cpu.settle();
            keep.accept(PointSelectRun.run(t, Workload.NATIVE, q, conns + "vt", conns, idMax, opt.warmup(),
                    opt.measure(), serverCpu.get(only)));
        }, Workload.NATIVE, conns, "native-equivalent");
    }

    private void bulk() {
        eachTarget(2, Workload.BULK_INSERT, t -> {
            for (String method : t.bulkMethods()) {
                report(BulkFetchRun.bulk(t, opt.servers().of(t.db()), method, opt.bulkRows(), opt.bulkCap().toNanos(),
                        serverCpu.get(t.db())));
            }
        });
    }

    private void fetch() {
        eachTarget(2, Workload.FETCH, t -> report(BulkFetchRun.fetch(t, opt.fetchRows(),
                serverCpu.get(t.db()))));
    }

    private void pool() {
        log("pool sluice");
        Cpu.settle();
        report(PoolRun.run("sluice", Pools.sluice(Options.POOL_SIZE), Options.POOL_THREADS, opt.poolWarmup(),
                opt.poolMeasure()));
        log("pool hikaricp");
        Cpu.settle();
        report(PoolRun.run("hikaricp", Pools.hikari(Options.POOL_SIZE), Options.POOL_THREADS, opt.poolWarmup(),
                opt.poolMeasure()));
    }

    private void poolJmh() {
        log("pool-jmh (forked JVM, " + Options.JMH_THREADS + " threads)");
        try {
            Path jmhLog = Files.createTempFile("sluice-bench-jmh", ".log");
            List<Cell> cells = PoolJmh.run(Options.JMH_THREADS, opt.jmhIterations(), opt.jmhSeconds(), jmhLog);
            cells.forEach(this::report);
            if (cells.isEmpty()) {
                results.notes.add("JMH produced no result; its log: " + jmhLog);
            }
        } catch (Exception e) {
            results.add(Cell.failed(Workload.POOL_JMH, null, "sluice", "", e.toString()));
        }
    }

    private void report(Cell c) {
        results.add(c);
        print(c);
    }

    private void print(Cell c) {
        if (c.ok()) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-18s %-10s %14s %s", c.target(),
                    c.variant().length() > 10 ? c.variant().substring(0, 10) : c.variant(), Markdown.fmt(c.value()),
                    c.unit()));
            if (!Double.isNaN(c.num("cpu_us_per_op"))) {
                sb.append(String.format(Locale.ROOT, "  p99 %s us, cpu %s us/q", Markdown.fmt(c.num("p99_us")),
                        Markdown.fmt(c.num("cpu_us_per_op"))));
            }
            if (!Double.isNaN(c.num("peak_heap_mb"))) {
                sb.append(String.format(Locale.ROOT, "  peak heap %s MB", Markdown.fmt(c.num("peak_heap_mb"))));
            }
            if (!Double.isNaN(c.num("server_cpu_share"))) {
                sb.append(String.format(Locale.ROOT, "  server %s cores", Markdown.fmt(c.num("server_cpu_share"))));
            }
            log(sb.toString());
        } else {
            log("  " + c.target() + " " + c.variant() + ": " + c.error());
        }
    }

    private void write() throws Exception {
        results.notes.add("Each target runs alone: its pool is opened for one workload and closed after it.");
        Path dir = opt.out();
        Files.createDirectories(dir);
        String base = LocalDate.now() + "-" + (opt.quick() ? "quick" : "full");
        Path png = dir.resolve(base + ".png");
        String chart = null;
        try {
            Chart.write(results.cells, "Sluice vs peers, " + (opt.quick() ? "quick" : "full") + " run " + LocalDate.now()
                    + " (1.0 = best peer)", png);
            chart = png.getFileName().toString();
        } catch (Throwable e) {
            results.notes.add("chart not drawn: " + e);
        }
        Path md = dir.resolve(base + ".md");
        Files.writeString(md, Markdown.report(results, chart));
        Files.writeString(dir.resolve(base + ".json"), Json.write(results.toMap()));
        Files.copy(md, dir.resolve("latest.md"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println();
        System.out.print(Markdown.goalsText(Ratios.evaluate(results.cells)));
        System.out.println();
        System.out.println("report: " + md + " (+ .json" + (chart != null ? ", .png" : "") + "), "
                + String.format(Locale.ROOT, "%.0f s", results.wallSeconds));
        List<String> failed = new ArrayList<>();
        results.cells.stream().filter(c -> !c.ok() && !String.valueOf(c.error()).startsWith("skipped"))
                .forEach(c -> failed.add(c.workload().id() + " " + c.target() + " " + c.variant()));
        if (!failed.isEmpty()) {
            System.out.println("failed cells: " + failed);
        }
    }
}
