package io.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native reference ("the limit"): {@code pgbench -S -M prepared} and {@code sysbench
 * oltp_point_select}, C clients with no pool and no per-query allocation, at the same connection
 * count as the Java cell they are compared with. A tool that is not installed is skipped with a note.
 */
public final class NativeRun {
    public static final int PGBENCH_ROWS = 100_000; // pgbench -i -s 1
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PGBENCH_COUNT = Pattern.compile("number of transactions actually processed: (\\d+)");
    /** sysbench's summary line {@code queries: 30505 (15221.42 per sec.)}: the count and the rate. */
    static final Pattern SYSBENCH_QPS = Pattern.compile("queries:\\s+(\\d+)\\s+\\(([0-9.]+) per sec\\.\\)");
    static final String SYSBENCH_TABLE = "sbtest1";

    private NativeRun() {
    }

    /** The pgbench binary on PATH or under /usr/lib/postgresql/N/bin, or null. */
    static Path findPgbench() {
        Path onPath = which("pgbench");
        if (onPath != null) {
            return onPath;
        }
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            return dirs.map(d -> d.resolve("bin/pgbench")).filter(Files::isExecutable).sorted().reduce((a, b) -> b)
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Makes the pgbench tables at scale 1 in sluice_bench when they are missing. */
    public static void preparePgbench(Servers.Server s) throws Exception {
        Path bin = findPgbench();
        if (bin == null) {
            return;
        }
        try (Connection c = Schema.connect(Db.PG, s); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select count(*) from pgbench_accounts")) {
                rs.next();
                if (rs.getLong(1) == PGBENCH_ROWS) {
                    return;
                }
            } catch (java.sql.SQLException missing) {
                // not initialised yet
            }
        }
        exec(pgbenchCommand(bin, s, "-i", "-s", "1", "-q"), 300);
    }

    private static List<String> pgbenchCommand(Path bin, Servers.Server s, String... args) {
        List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-h", s.host(), "-p", String.valueOf(s.port()),
                "-U", s.user()));
        cmd.addAll(List.of(args));
        cmd.add(Servers.DATABASE);
        return cmd;
    }

    public static Cell pgbench(Servers.Server s, int clients, int seconds, ServerCpu server) {
        Path bin = findPgbench();
        String variant = clients + " clients";
        if (bin == null) {
            return Cell.failed(Workload.NATIVE, Db.PG, "pgbench", variant,
                    "skipped: pgbench not installed (apt-get install postgresql-client or postgresql-contrib)");
        }
        try {
            int jobs = Math.min(clients, Runtime.getRuntime().availableProcessors());
            ServerCpu.Window window = server.start();
            String out = exec(pgbenchCommand(bin, s, "-n", "-S", "-M", "prepared", "-c", String.valueOf(clients),
                    "-j", String.valueOf(jobs), "-T", String.valueOf(seconds)), seconds + 60);
            ServerCpu.Usage usage = window.stop();
            Matcher m = TPS.matcher(out);
            if (!m.find()) {
                return Cell.failed(Workload.NATIVE, Db.PG, "pgbench", variant, "no tps in pgbench output: " + out);
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("command", "pgbench -n -S -M prepared -c " + clients + " -j " + jobs + " -T " + seconds);
            extra.put("version", version(bin));
            usage.putInto(extra, "us_per_op", 1e3, count(PGBENCH_COUNT, out));
            return new Cell(Workload.NATIVE, Db.PG, "pgbench", variant, Double.parseDouble(m.group(1)), "ops/s", extra,
                    null);
        } catch (Exception e) {
            return Cell.failed(Workload.NATIVE, Db.PG, "pgbench", variant, e.toString());
        }
    }

    /**
     * sysbench oltp_point_select at {@code threads} connections with uniformly random ids (the
     * Java cells draw theirs uniformly too; sysbench 1.0's default is a skewed "special"
     * distribution). Its table is prepared once and kept (see {@link #sysbenchTableReady}).
     * Skipped with a note when sysbench is not on the PATH.
     */
    public static Cell sysbench(Servers.Server s, int threads, int seconds, int tableSize, ServerCpu server) {
        return sysbench(which("sysbench"), s, threads, seconds, tableSize, server);
    }

    static Cell sysbench(Path bin, Servers.Server s, int threads, int seconds, int tableSize, ServerCpu server) {
        String variant = threads + " clients";
        if (bin == null) {
            return Cell.failed(Workload.NATIVE, Db.MYSQL, "sysbench", variant,
                    "skipped: sysbench not installed (Debian package sysbench)");
        }
        List<String> base = new ArrayList<>(List.of(bin.toString(), "oltp_point_select", "--db-driver=mysql",
                "--mysql-host=" + s.host(), "--mysql-port=" + s.port(), "--mysql-user=" + s.user(),
                "--mysql-db=" + Servers.DATABASE, "--tables=1", "--table-size=" + tableSize));
        if (!s.password().isEmpty()) {
            base.add("--mysql-password=" + s.password());
        }
        try {
            try (Connection c = Schema.connect(Db.MYSQL, s); Statement st = c.createStatement()) {
                if (!sysbenchTableReady(st, tableSize)) {
                    // sysbench's prepare refuses an existing table; a partial or foreign one is rebuilt
                    st.execute("drop table if exists " + SYSBENCH_TABLE);
                    List<String> prep = new ArrayList<>(base);
                    prep.add("prepare");
                    exec(prep, 600);
                }
            }
            List<String> args = List.of("--threads=" + threads, "--time=" + seconds, "--rand-type=uniform",
                    "--db-ps-mode=auto");
            List<String> run = new ArrayList<>(base);
            run.addAll(args);
            run.add("run");
            ServerCpu.Window window = server.start();
            String out = exec(run, seconds + 60);
            ServerCpu.Usage usage = window.stop();
            Matcher m = SYSBENCH_QPS.matcher(out);
            if (!m.find()) {
                return Cell.failed(Workload.NATIVE, Db.MYSQL, "sysbench", variant, "no qps in sysbench output: " + out);
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("command", "sysbench oltp_point_select --tables=1 --table-size=" + tableSize + " "
                    + String.join(" ", args) + " run");
            extra.put("version", version(bin));
            usage.putInto(extra, "us_per_op", 1e3, count(SYSBENCH_QPS, out));
            return new Cell(Workload.NATIVE, Db.MYSQL, "sysbench", variant, Double.parseDouble(m.group(2)), "ops/s",
                    extra, null);
        } catch (Exception e) {
            return Cell.failed(Workload.NATIVE, Db.MYSQL, "sysbench", variant, e.toString());
        }
    }

    /**
     * Whether sluice_bench.sbtest1 is sysbench's table with exactly ids 1..tableSize. The name is
     * sysbench's own (no other table in sluice_bench starts with {@code sbtest}), so it can be
     * kept between runs like the pgbench tables, and the Java clients run sysbench's exact statement.
     */
    static boolean sysbenchTableReady(Statement st, int tableSize) {
        // naming k, c and pad makes a same-named table of another shape fail here and be rebuilt
        try (ResultSet rs = st.executeQuery("select count(*), min(id), max(id), max(k), max(length(c)), "
                + "max(length(pad)) from " + SYSBENCH_TABLE)) {
            return rs.next() && rs.getLong(1) == tableSize && rs.getLong(2) == 1 && rs.getLong(3) == tableSize;
        } catch (java.sql.SQLException missingOrOtherShape) {
            return false;
        }
    }

    /** The first group of {@code p} in {@code out} as a count, or 0. */
    static long count(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    static String version(Path bin) {
        try {
            return exec(List.of(bin.toString(), "--version"), 10).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    static String exec(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + text);
        }
        return text;
    }
}
