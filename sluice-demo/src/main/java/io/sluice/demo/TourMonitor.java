package io.sluice.demo;

import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineListener;
import io.sluice.core.engine.EngineStats;
import io.sluice.core.engine.ExecuteEvent;
import io.sluice.core.engine.HealthReport;
import io.sluice.core.engine.LatencyHistogram;
import io.sluice.core.spi.ConnectionMeta;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sections 8-10 of the tour: slow-query log and statistics, health and connection info, dispose. */
final class TourMonitor {
    private final Tour tour;
    private final Terminal term;
    private final Engine engine;

    TourMonitor(Tour tour) {
        this.tour = tour;
        this.term = tour.term;
        this.engine = tour.engine;
    }

    // ------------------------------------------------------------------ 8. slow queries, stats

    void slowQueriesAndStats() {
        term.section("Slow-query log and statistics");
        String slowSql = tour.dialect.sleep("0.3");
        term.code("""
                // slowQueryThreshold=250ms is in the URL; statements at least that slow are logged
                // (System.Logger WARNING) and passed to every listener's onSlowQuery
                engine.addListener(new EngineListener() {
                    @Override public void onSlowQuery(ExecuteEvent e) { slow.add(e); }
                });
                engine.execute("%s");""".formatted(slowSql));
        List<ExecuteEvent> slow = new CopyOnWriteArrayList<>();
        EngineListener listener = new EngineListener() {
            @Override
            public void onSlowQuery(ExecuteEvent e) {
                slow.add(e);
            }
        };
        engine.addListener(listener);
        try {
            engine.execute("select count(*) from sluice_demo_users"); // fast: not reported
            engine.execute(slowSql);
        } finally {
            engine.removeListener(listener);
        }
        for (ExecuteEvent e : slow) {
            term.ok("onSlowQuery: " + SqlLog.millis(e.durationNanos()) + ", " + e.rows() + " row(s), connection "
                    + e.connection().connectionId() + ": " + SqlLog.oneLine(e.sql()));
        }
        if (slow.isEmpty()) {
            term.failed("no slow query was reported");
        }
        List<String> log = tour.logs.slowQueryLog();
        if (!log.isEmpty()) {
            term.text("the engine's slow-query log for the whole run (System.Logger WARNING lines):");
            for (String line : log) {
                term.note("  " + (line.length() > 150 ? line.substring(0, 147) + "..." : line));
            }
        }

        term.blank();
        term.code("EngineStats s = engine.stats();");
        EngineStats s = engine.stats();
        term.kv("queries", String.format(Locale.ROOT, "%,d statements (a batch counts once)", s.queries()));
        term.kv("errors", s.errors() + (s.errors() == 2 ? "   (the duplicate email and the duplicate transfer ref)" : ""));
        term.kv("slow queries", s.slowQueries());
        term.kv("latency", latency(s.latency()));
        term.kv("checkout wait", latency(s.checkoutWait()));
        term.kv("pool", s.pool() + ", created " + s.pool().created() + ", closed " + s.pool().closed());
    }

    private static String latency(LatencyHistogram.Snapshot l) {
        return String.format(Locale.ROOT, "mean %s  p50 %s  p95 %s  p99 %s  max %s", ms(l.meanMicros()),
                ms(l.p50Micros()), ms(l.p95Micros()), ms(l.p99Micros()), ms(l.maxMicros()));
    }

    private static String ms(double micros) {
        return String.format(Locale.ROOT, "%.2fms", micros / 1000);
    }

    // ------------------------------------------------------------------ 9. health, info

    void healthAndInfo() {
        term.section("Health check and connection info");
        term.code("HealthReport h = engine.health();   // borrow + ping; never throws");
        HealthReport h = engine.health();
        if (h.healthy()) {
            term.ok(String.format(Locale.ROOT, "healthy in %.2f ms", h.latency().toNanos() / 1e6));
        } else {
            term.failed("unhealthy: " + h.error());
        }
        term.kv("pool", h.pool() + "   (taken while the check held a connection)");
        term.blank();
        term.code("ConnectionMeta info = engine.info();");
        ConnectionMeta m = engine.info();
        term.kv("product", m.product());
        term.kv("version", m.serverVersion());
        term.kv("connection id", m.connectionId());
        term.kv("database", m.database());
        term.kv("user", m.user());
        term.kv("tls", m.tls() == null ? "none (plain connection)" : m.tls());
    }

    // ------------------------------------------------------------------ 10. dispose

    void dispose() {
        term.section("Clean up and dispose");
        for (String t : DemoDialect.TABLES) {
            engine.execute("drop table " + t);
        }
        term.ok("dropped " + String.join(", ", DemoDialect.TABLES));
        term.code("engine.dispose();   // closes idle connections now, in-use ones when they come back");
        engine.dispose();
        term.kv("pool after", engine.poolStatus() + ", closed " + engine.poolStatus().closed());
    }

    /** Best-effort cleanup after a failed section: drop whatever the tour created. */
    static void dropQuietly(Tour tour) {
        if (tour.engine == null) {
            return;
        }
        for (String t : DemoDialect.TABLES) {
            try {
                tour.engine.execute("drop table if exists " + t);
            } catch (RuntimeException ignored) {
                // the connection may be the reason we are here; nothing more to do
            }
        }
    }
}
