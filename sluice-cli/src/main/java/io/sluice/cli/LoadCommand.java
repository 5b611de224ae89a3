package io.sluice.cli;

import io.sluice.core.config.ConnectionUrl;
import io.sluice.core.engine.Connection;
import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code sluice load URL --sql ...}: opens an engine, runs the setup statements, opens the pool's
 * connections before the clock starts (so connecting is not measured, and a bad URL or password
 * fails at once instead of as N seconds of errors), drives the workload with {@link LoadRunner},
 * shows {@link ProgressLine}, prints the {@link LoadReport} and runs the cleanup statements.
 */
final class LoadCommand {
    private static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);

    private final LoadOptions options;
    private final PrintStream out;
    private final PrintStream err;

    LoadCommand(LoadOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** Parses {@code args} (after {@code load}) and runs; returns the exit status. */
    static int main(List<String> args, PrintStream out, PrintStream err) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (CliArgs.UsageError e) {
            err.print("sluice: " + UrlRedactor.scrub(e.getMessage(), urlIn(args)) + "\n" + LoadOptions.USAGE
                    + "Run 'sluice load --help' for details.\n");
            err.flush();
            return 2;
        }
        if (options == null) {
            out.print(LoadOptions.HELP);
            out.flush();
            return 0;
        }
        return new LoadCommand(options, out, err).run();
    }

    int run() {
        Engine engine;
        try {
            engine = Engine.create(config());
        } catch (RuntimeException e) {
            fail("", e);
            return 1;
        }
        try {
            if (!runScripts(engine, options.setup(), "setup")) {
                runScripts(engine, options.cleanup(), "cleanup");
                return 1;
            }
            try {
                openConnections(engine, Math.min(options.concurrency(), engine.config().pool().poolSize()));
            } catch (RuntimeException e) {
                fail("", e);
                runScripts(engine, options.cleanup(), "cleanup");
                return 1;
            }
            LoadStats stats = new LoadStats(options.statements().size(), options.url());
            LoadRunner runner = new LoadRunner(engine, options, stats);
            LoadRunner.Timeline timeline = LoadRunner.Timeline.startingNow(options);
            ProgressLine progress = ProgressLine.start(options.progress(), err, stats, engine, timeline);
            try {
                runner.run(timeline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.print("sluice: load interrupted\n");
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
            LoadReport report = LoadReport.of(options.url(), options, stats, engine.poolStatus(), engine.stats());
            out.print(options.format() == LoadOptions.Format.JSON ? report.json() : report.text());
            out.flush();
            boolean cleanedUp = runScripts(engine, options.cleanup(), "cleanup");
            if (report.total() == 0) {
                err.print("sluice: no statement completed in the measured time\n");
                err.flush();
                return 1;
            }
            if (report.ok() == 0) {
                err.print("sluice: every statement failed (" + report.errors() + " errors)\n");
                err.flush();
                return 1;
            }
            return cleanedUp ? 0 : 1;
        } finally {
            engine.dispose();
        }
    }

    /** The URL's settings with the load flags on top; without a flag the URL's option (or our default) holds. */
    EngineConfig config() {
        Map<String, String> inUrl = ConnectionUrl.parse(options.url()).options();
        EngineConfig.Builder b = EngineConfig.builder(options.url());
        if (options.poolSize() != null || !inUrl.containsKey("poolSize")) {
            b.poolSize(options.poolSize() != null ? options.poolSize() : options.concurrency());
        }
        if (options.maxOverflow() != null || !inUrl.containsKey("maxOverflow")) {
            b.maxOverflow(options.maxOverflow() != null ? options.maxOverflow() : 0);
        }
        if (options.poolTimeout() != null || !inUrl.containsKey("poolTimeout")) {
            b.poolTimeout(options.poolTimeout() != null ? options.poolTimeout() : DEFAULT_POOL_TIMEOUT);
        }
        return b.build();
    }

    /** Runs each script's statements in order; on the first failure prints it and returns false. */
    private boolean runScripts(Engine engine, List<String> scripts, String what) {
        Dialect dialect = Dialect.forScheme(engine.config().driverUrl().scheme());
        for (String script : scripts) {
            Iterator<String> statements = StatementSource.of(script, dialect);
            while (statements.hasNext()) {
                String sql = statements.next();
                try {
                    engine.execute(sql);
                } catch (RuntimeException e) {
                    fail(what + ": ", e);
                    return false;
                }
            }
        }
        return true;
    }

    /** Holds {@code n} connections at once so that many are open (and proven to work) before timing starts. */
    private static void openConnections(Engine engine, int n) {
        Queue<Connection> held = new ConcurrentLinkedQueue<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofVirtual().name("sluice-load-connect").start(() -> {
                try {
                    held.add(engine.connect());
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private void fail(String prefix, RuntimeException e) {
        err.print(prefix + ErrorLine.format(e, options.url()) + "\n");
        err.flush();
    }

    /** The first argument that looks like a URL, to scrub it from a usage message. */
    private static String urlIn(List<String> args) {
        for (String a : args) {
            if (a.contains("://")) {
                return a;
            }
        }
        return null;
    }
}
