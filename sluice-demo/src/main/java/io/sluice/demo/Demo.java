package io.sluice.demo;

import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code sluice demo [URL]}: a guided tour of the engine that prints what each step did. Without a
 * URL it runs against a throwaway PostgreSQL started from binaries inside the jar
 * ({@link EmbeddedPostgres}) and removed at the end; with a {@code mysql://}, {@code mariadb://} or
 * {@code postgresql://} URL it runs against that server, creating and dropping its own
 * {@code sluice_demo_*} tables.
 *
 * <p>Exit status: 0 the tour ran, 1 it failed (connection, statement, embedded server), 2 usage.
 */
public final class Demo {
    static final String USAGE = """
            Usage: sluice demo [URL] [--plain]

              A guided tour of the Sluice engine: engine and pool from a URL, schema, users CRUD,
              a transfer with savepoints and a rollback, 50 concurrent queries on a pool of 20,
              a bulk insert of 100,000 rows with progress, streaming, the slow-query log and
              statistics, health check and connection info, dispose.

              Without URL: a throwaway PostgreSQL is started in a temporary directory from
              binaries shipped in the jar (nothing to install) and removed afterwards.
              With URL (mysql://, mariadb://, postgresql://): the tour runs on that server and
              creates and drops its own sluice_demo_* tables there.

              --plain        no colours or in-place progress bar (automatic when not a terminal)
              --rows N       rows for the bulk insert (default 100000)
            """;

    private Demo() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.exit(run(args, out, System.err));
    }

    /** Runs the demo; returns the exit status (0 ok, 1 failed, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        boolean plain = false;
        int rows = 100_000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.print(USAGE);
                out.flush();
                return 0;
            } else if (a.equals("--plain")) {
                plain = true;
            } else if (a.equals("--rows") && i + 1 < args.length) {
                try {
                    rows = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    rows = -1;
                }
                if (rows < 1 || rows > 10_000_000) {
                    return usage(err, "--rows needs a number from 1 to 10000000");
                }
            } else if (a.startsWith("-")) {
                return usage(err, "unknown option " + a);
            } else if (url == null) {
                url = a;
            } else {
                return usage(err, "only one URL may be given");
            }
        }
        DemoDialect dialect = url == null ? DemoDialect.POSTGRES : DemoDialect.ofUrl(url);
        if (dialect == null) {
            return usage(err, "the demo needs a mysql://, mariadb:// or postgresql:// URL, not " + redact(url));
        }
        Terminal term = Terminal.detect(out, plain);
        long t0 = System.nanoTime();
        try (LogCapture logs = new LogCapture(line -> {
            err.println("sluice demo: " + line);
            err.flush();
        })) {
            if (url == null) {
                runEmbedded(term, logs, rows);
            } else {
                term.title("Sluice demo: a tour of the engine on " + dialect.label() + " at " + redact(url));
                new Tour(term, dialect, url, logs, rows).run();
            }
            term.blank();
            term.title(String.format(Locale.ROOT, "Demo finished in %.1f s.", (System.nanoTime() - t0) / 1e9));
            return 0;
        } catch (EmbeddedPostgres.EmbeddedException e) {
            err.println("sluice demo: " + e.getMessage());
            return 1;
        } catch (ServerException e) {
            err.println("sluice demo: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        } catch (SluiceException e) {
            err.println("sluice demo: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (url == null ? "" : " (target " + redact(url) + ")"));
            return 1;
        } catch (RuntimeException e) {
            err.println("sluice demo: failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void runEmbedded(Terminal term, LogCapture logs, int rows) {
        term.title("Sluice demo: a tour of the engine on a throwaway PostgreSQL");
        term.note("No URL given, so a PostgreSQL server is started from binaries shipped in the jar, in a temporary");
        term.note("directory that is removed at the end. './sluice demo mysql://...' or 'postgresql://...' uses yours.");
        StepTimer steps = new StepTimer(term);
        EmbeddedPostgres pg = EmbeddedPostgres.start(steps);
        try {
            steps.done();
            term.ok("PostgreSQL is up at " + pg.url() + " (data in " + pg.dir()
                    + (pg.runUser() != null ? ", running as user " + pg.runUser() : "") + ")");
            new Tour(term, DemoDialect.POSTGRES, pg.url(), logs, rows).run();
        } catch (RuntimeException e) {
            if (pg.closing()) { // Ctrl-C: the shutdown hook stopped the server under the tour
                throw new EmbeddedPostgres.EmbeddedException("interrupted; the embedded PostgreSQL was stopped and "
                        + pg.dir() + " removed");
            }
            throw e;
        } finally {
            term.blank();
            long t = System.nanoTime();
            pg.close();
            term.ok(String.format(Locale.ROOT, "stopped PostgreSQL and removed %s (%.1f s)", pg.dir(),
                    (System.nanoTime() - t) / 1e9));
        }
    }

    private static int usage(PrintStream err, String message) {
        err.print("sluice demo: " + message + "\n" + USAGE);
        err.flush();
        return 2;
    }

    /** The URL with any password replaced by {@code ***}. */
    static String redact(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0) {
            return url;
        }
        int start = scheme + 3;
        int slash = url.indexOf('/', start);
        int end = slash < 0 ? url.length() : slash;
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return url;
        }
        int colon = url.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon + 1) + "***" + url.substring(at);
    }

    /** Prints each start-up stage of the embedded server with the time it took. */
    private static final class StepTimer implements Consumer<String> {
        private final Terminal term;
        private String current;
        private long started;

        StepTimer(Terminal term) {
            this.term = term;
        }

        @Override
        public void accept(String step) {
            done();
            current = step;
            started = System.nanoTime();
            term.step(step);
        }

        void done() {
            if (current != null) {
                term.stepDone(current, (System.nanoTime() - started) / 1e9);
                current = null;
            }
        }
    }
}
