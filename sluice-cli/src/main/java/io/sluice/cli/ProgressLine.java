package io.sluice.cli;

import io.sluice.core.engine.Engine;
import io.sluice.core.pool.PoolStatus;
import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Once a second: elapsed time, ops/s and p50/p99 over the last second, errors so far, and the pool's
 * in-use/waiting counts. On a terminal the line is rewritten in place with {@code \r}; otherwise one
 * plain line per second. Written to stderr so stdout carries only the report (clean for
 * {@code --format json | jq}).
 */
final class ProgressLine implements AutoCloseable {
    private final PrintStream err;
    private final LoadStats stats;
    private final Engine engine;
    private final LoadRunner.Timeline timeline;
    private final boolean live;
    private final Thread ticker;
    private volatile boolean stopped;
    private int shownWidth;

    private ProgressLine(PrintStream err, LoadStats stats, Engine engine, LoadRunner.Timeline timeline, boolean live) {
        this.err = err;
        this.stats = stats;
        this.engine = engine;
        this.timeline = timeline;
        this.live = live;
        this.ticker = Thread.ofVirtual().name("sluice-load-progress").unstarted(this::tick);
    }

    /** Starts reporting, or returns null when progress is off. */
    static ProgressLine start(LoadOptions.Progress mode, PrintStream err, LoadStats stats, Engine engine,
                              LoadRunner.Timeline timeline) {
        if (mode == LoadOptions.Progress.OFF) {
            return null;
        }
        boolean live = mode == LoadOptions.Progress.LIVE || (mode == LoadOptions.Progress.AUTO && isTerminal());
        ProgressLine p = new ProgressLine(err, stats, engine, timeline, live);
        p.ticker.start();
        return p;
    }

    /**
     * True when a person is watching. Before JDK 22 {@code System.console()} is null unless stdin and
     * stdout are terminals; from 22 it may be non-null anyway and {@code Console.isTerminal()} (looked up
     * reflectively: we compile for 21) tells.
     */
    static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // JDK 21: a console means a terminal
        }
    }

    private void tick() {
        long prevOk = 0;
        long prevErrors = 0;
        long prevAt = timeline.start();
        for (long second = 1; ; second++) {
            long at = timeline.start() + TimeUnit.SECONDS.toNanos(second);
            long wait;
            while (!stopped && (wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, wait);
            }
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            long ok = stats.liveOk();
            long errors = stats.liveErrors();
            LatencyRecorder last = stats.takeInterval();
            double secs = Math.max(1e-9, (now - prevAt) / 1e9);
            // the second just ended was warmup when it ended no later than the measuring start
            boolean warmup = at <= timeline.measureFrom() && timeline.measureFrom() > timeline.start();
            String line = render(now, warmup, (ok - prevOk + errors - prevErrors) / secs, last, errors,
                    engine.poolStatus());
            prevOk = ok;
            prevErrors = errors;
            prevAt = now;
            show(line);
        }
    }

    String render(long now, boolean warmup, double opsPerSecond, LatencyRecorder last, long errors, PoolStatus pool) {
        double elapsed = (now - timeline.start()) / 1e9;
        String phase = warmup ? " warmup" : "";
        // kept under 80 columns: a wrapped line cannot be rewritten with \r
        return String.format(Locale.ROOT, "[%5.1fs%s] %,7.0f ops/s  p50 %s  p99 %s  errors %d  in use %d  waiting %d",
                elapsed, phase, opsPerSecond, shortMillis(last, 50), shortMillis(last, 99), errors, pool.inUse(),
                pool.waiting());
    }

    /** Three significant digits (0.66ms, 12.3ms, 456ms), "-" when nothing was recorded. */
    static String shortMillis(LatencyRecorder r, double percentile) {
        if (r.count() == 0) {
            return "-";
        }
        double ms = r.percentileMicros(percentile) / 1000.0;
        String f = ms < 10 ? "%.2fms" : ms < 100 ? "%.1fms" : "%.0fms";
        return String.format(Locale.ROOT, f, ms);
    }

    private void show(String line) {
        if (live) {
            // pad over the tail of a longer previous line instead of relying on terminal escapes
            String pad = " ".repeat(Math.max(0, shownWidth - line.length()));
            err.print("\r" + line + pad);
            shownWidth = line.length();
        } else {
            err.print(line + "\n");
        }
        err.flush();
    }

    /** Stops the ticker and, on a terminal, clears the line so the report starts clean. */
    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(ticker);
        try {
            ticker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (live && shownWidth > 0) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
        }
    }
}
