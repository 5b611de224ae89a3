package io.sluice.cli;

import io.sluice.core.engine.EngineStats;
import io.sluice.core.engine.LatencyHistogram;
import io.sluice.core.pool.PoolStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The final report of a load run, rendered as text for people or as one JSON document. Latencies
 * are microseconds in JSON and milliseconds in text. Throughput counts successful statements only:
 * failures that return fast would otherwise pass for speed.
 *
 * @param target     the URL with the password masked
 * @param options    what was asked for
 * @param poolSize   the pool size in effect
 * @param statements one line per workload statement
 * @param ok         statements that succeeded in the measured window
 * @param errors     statements that failed in the measured window
 * @param seconds    the measured window
 * @param latency    latency of successful statements (from the scheduled start under --rate)
 * @param service    service time (from the actual start), only reported under --rate
 * @param errorKinds errors grouped by class and code, most frequent first
 * @param pool       the pool at the end of the run
 * @param engine     the engine's own statistics (warmup and setup included)
 */
record LoadReport(String target, LoadOptions options, int poolSize, int maxOverflow, List<StatementLine> statements,
                  long ok, long errors, double seconds, LatencyRecorder.Summary latency, LatencyRecorder.Summary service,
                  List<LoadStats.ErrorCount> errorKinds, PoolStatus pool, EngineStats engine) {

    /** One workload statement's share of the run. */
    record StatementLine(String source, String sent, int weight, long ok, long errors, LatencyRecorder.Summary latency) {
    }

    static LoadReport of(String url, LoadOptions options, LoadStats stats, PoolStatus pool, EngineStats engine) {
        List<StatementLine> lines = new ArrayList<>();
        for (int i = 0; i < options.statements().size(); i++) {
            LoadOptions.Statement s = options.statements().get(i);
            lines.add(new StatementLine(s.template().source(), s.template().sql(), s.weight(),
                    stats.statementLatency(i).count(), stats.statementErrors(i), stats.statementLatency(i).summary()));
        }
        return new LoadReport(UrlRedactor.redact(url), options, pool.poolSize(), pool.maxOverflow(), List.copyOf(lines),
                stats.ok(), stats.errors(), options.duration().toNanos() / 1e9, stats.latency().summary(),
                options.rate() > 0 ? stats.service().summary() : null, stats.errorCounts(), pool, engine);
    }

    long total() {
        return ok + errors;
    }

    double throughput() {
        return seconds <= 0 ? 0 : ok / seconds;
    }

    double errorRate() {
        return total() == 0 ? 0 : (double) errors / total();
    }

    /** Milliseconds with microsecond precision, e.g. {@code 1.234ms}. */
    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3fms", micros / 1000.0);
    }

    // ------------------------------------------------------------------ text

    String text() {
        StringBuilder sb = new StringBuilder();
        line(sb, "target", target);
        if (statements.size() == 1) {
            line(sb, "statement", oneLine(statements.getFirst().source()));
        }
        String loop = options.rate() > 0
                ? String.format(Locale.ROOT, "open loop at %s ops/s", number(options.rate()))
                : "closed loop";
        String face = options.async() ? options.concurrency() + " in flight (async)"
                : options.concurrency() + " virtual threads (blocking)";
        line(sb, "mode", loop + ", " + face);
        line(sb, "pool", "size " + poolSize + ", max overflow " + maxOverflow);
        line(sb, "time", String.format(Locale.ROOT, "%ss measured after %ss warmup", number(seconds),
                number(options.warmup().toMillis() / 1000.0)));
        sb.append('\n');
        line(sb, "operations", String.format(Locale.ROOT, "%d ok, %d errors (%.2f%%)", ok, errors, errorRate() * 100));
        line(sb, "throughput", String.format(Locale.ROOT, "%.1f ops/s", throughput()));
        latencyTable(sb, options.rate() > 0 ? "latency (from scheduled start)" : "latency", latency);
        if (service != null) {
            latencyTable(sb, "service time (from actual start)", service);
        }
        if (statements.size() > 1) {
            sb.append("\nstatements\n");
            sb.append(String.format(Locale.ROOT, "  %3s %6s %10s %8s %10s %10s %10s  %s\n", "#", "weight", "ok", "errors",
                    "ops/s", "p50", "p99", "sql"));
            for (int i = 0; i < statements.size(); i++) {
                StatementLine s = statements.get(i);
                sb.append(String.format(Locale.ROOT, "  %3d %6d %10d %8d %10.1f %10s %10s  %s\n", i + 1, s.weight(), s.ok(),
                        s.errors(), seconds <= 0 ? 0 : s.ok() / seconds, s.latency().count() == 0 ? "-" : millis(s.latency().p50()),
                        s.latency().count() == 0 ? "-" : millis(s.latency().p99()), oneLine(s.source())));
            }
        }
        if (!errorKinds.isEmpty()) {
            sb.append("\nerrors\n");
            for (LoadStats.ErrorCount e : errorKinds) {
                sb.append(String.format(Locale.ROOT, "  %10d  %s %s\n", e.count(), e.key().type(), code(e.key())));
                sb.append("              first: ").append(e.firstMessage()).append('\n');
            }
        }
        sb.append('\n');
        line(sb, "pool at end", String.format(Locale.ROOT,
                "size %d, idle %d, in use %d, overflow %d, waiting %d; created %d, closed %d, invalidated %d",
                pool.size(), pool.idle(), pool.inUse(), pool.overflow(), pool.waiting(), pool.created(), pool.closed(),
                pool.invalidated()));
        line(sb, "engine", "queries " + engine.queries() + ", errors " + engine.errors()
                + " (whole run: setup, warmup, measured)");
        line(sb, "", "statement latency " + histogram(engine.latency()));
        line(sb, "", "checkout wait     " + histogram(engine.checkoutWait()));
        return sb.toString();
    }

    private static void latencyTable(StringBuilder sb, String title, LatencyRecorder.Summary s) {
        sb.append('\n').append(title);
        if (s.count() == 0) {
            sb.append(": no statement succeeded\n");
            return;
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "  %10s %10s %10s %10s %10s %10s %10s %10s\n",
                "min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"));
        sb.append(String.format(Locale.ROOT, "  %10s %10s %10s %10s %10s %10s %10s %10s\n",
                millis(s.min()), millis(Math.round(s.mean())), millis(s.p50()), millis(s.p90()), millis(s.p95()),
                millis(s.p99()), millis(s.p999()), millis(s.max())));
    }

    private static String histogram(LatencyHistogram.Snapshot h) {
        return "p50 " + millis(h.p50Micros()) + "  p95 " + millis(h.p95Micros()) + "  p99 " + millis(h.p99Micros())
                + "  max " + millis(h.maxMicros());
    }

    private static String code(LoadStats.ErrorKey k) {
        return k.vendorCode() + " (" + (k.sqlState() == null ? "-" : k.sqlState()) + ")";
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-12s %s\n", label, value));
    }

    private static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s*\\R\\s*", " ");
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }

    /** 10 rather than 10.0, 2.5 as is. */
    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    // ------------------------------------------------------------------ json

    /** One JSON document (RFC 8259) on one line. */
    String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("target", target);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("concurrency", options.concurrency());
        settings.put("poolSize", poolSize);
        settings.put("maxOverflow", maxOverflow);
        settings.put("durationMs", options.duration().toMillis());
        settings.put("warmupMs", options.warmup().toMillis());
        settings.put("rate", options.rate() > 0 ? options.rate() : null);
        settings.put("async", options.async());
        root.put("settings", settings);
        root.put("ok", ok);
        root.put("errors", errors);
        root.put("errorRate", round(errorRate()));
        root.put("seconds", round(seconds));
        root.put("throughput", round(throughput()));
        root.put("latencyMicros", summary(latency));
        if (service != null) {
            root.put("serviceTimeMicros", summary(service));
        }
        List<Object> stmts = new ArrayList<>();
        for (StatementLine s : statements) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sql", s.source());
            m.put("sent", s.sent());
            m.put("weight", s.weight());
            m.put("ok", s.ok());
            m.put("errors", s.errors());
            m.put("latencyMicros", summary(s.latency()));
            stmts.add(m);
        }
        root.put("statements", stmts);
        List<Object> errs = new ArrayList<>();
        for (LoadStats.ErrorCount e : errorKinds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", e.key().type());
            m.put("vendorCode", e.key().vendorCode());
            m.put("sqlState", e.key().sqlState());
            m.put("count", e.count());
            m.put("first", e.firstMessage());
            errs.add(m);
        }
        root.put("errorsByKind", errs);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("size", pool.size());
        p.put("idle", pool.idle());
        p.put("inUse", pool.inUse());
        p.put("overflow", pool.overflow());
        p.put("waiting", pool.waiting());
        p.put("created", pool.created());
        p.put("closed", pool.closed());
        p.put("invalidated", pool.invalidated());
        root.put("pool", p);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("queries", engine.queries());
        e.put("errors", engine.errors());
        e.put("slowQueries", engine.slowQueries());
        e.put("latencyMicros", snapshot(engine.latency()));
        e.put("checkoutWaitMicros", snapshot(engine.checkoutWait()));
        root.put("engine", e);
        StringBuilder sb = new StringBuilder();
        JsonFormatter.value(sb, root);
        return sb.append('\n').toString();
    }

    private static Map<String, Object> summary(LatencyRecorder.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("min", s.min());
        m.put("mean", round(s.mean()));
        m.put("p50", s.p50());
        m.put("p90", s.p90());
        m.put("p95", s.p95());
        m.put("p99", s.p99());
        m.put("p99.9", s.p999());
        m.put("max", s.max());
        return m;
    }

    private static Map<String, Object> snapshot(LatencyHistogram.Snapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("mean", round(s.meanMicros()));
        m.put("p50", s.p50Micros());
        m.put("p95", s.p95Micros());
        m.put("p99", s.p99Micros());
        m.put("max", s.maxMicros());
        return m;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
