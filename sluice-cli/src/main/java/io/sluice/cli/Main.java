package io.sluice.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code sluice} command. Exit status: 0 success, 1 a statement or connection failed (one
 * {@code ERROR code (SQLSTATE): message} line on stderr), 2 the command line was wrong.
 */
public final class Main {
    static final String USAGE = """
            Usage: sluice sql URL [SQL] [--format table|csv|json]
                   sluice load URL --sql SQL [--concurrency N] [--duration 10s] [options]
                   sluice demo [URL]
                   sluice version
                   sluice --help
            """;

    static final String HELP = """
            Sluice: a MySQL/MariaDB and PostgreSQL client.

            Usage:
              sluice demo [URL]
                  A guided tour of the engine (pool, CRUD, transactions, concurrency, bulk insert,
                  streaming, statistics). Without URL it starts a throwaway PostgreSQL from
                  binaries in the jar and removes it afterwards. 'sluice demo --help' for more.
              sluice sql URL [SQL] [--format table|csv|json]
                  Connect to URL and run SQL: several statements separated by ';' run one by one.
                  Without SQL (or with SQL '-') statements are read from stdin. A 'DELIMITER //'
                  line changes the separator (MySQL). Results: an aligned table (default), CSV
                  (RFC 4180 quoting, NULL as an empty field) or JSON (one document on stdout).
              sluice load URL --sql SQL [--concurrency N] [--pool-size P] [--duration 10s] ...
                  A load generator: runs SQL (with random-value placeholders such as
                  {int:1:1000}) from N virtual threads and reports throughput, latency
                  percentiles, errors and pool state. 'sluice load --help' lists the options.
              sluice version
                  Print the version.
              sluice --help
                  Print this help.

            URL: mysql://user:password@host:3306/database?option=value (also mariadb://)
                 postgresql://user:password@host:5432/database?option=value

            On failure one line goes to stderr: ERROR <vendor code> (<SQLSTATE>): <message>
            Exit status: 0 success, 1 a statement or the connection failed, 2 usage error.

            The ./sluice script also runs 'test' (the whole test suite) and 'build'.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        // UTF-8 regardless of locale: JSON must be UTF-8 (RFC 8259), and a POSIX locale would
        // otherwise turn every non-ASCII character into '?'
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.in, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command line with the default drivers; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, SessionRegistry.defaults());
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, SessionRegistry registry) {
        if (args.length > 0 && args[0].equals("demo")) {
            // the tour has its own arguments and output; it runs through the engine like load
            return io.sluice.demo.Demo.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("load")) {
            // load has its own option set (and many options); it goes through the engine, not SqlSession
            return LoadCommand.main(List.of(args).subList(1, args.length), out, err);
        }
        CliArgs parsed;
        try {
            parsed = CliArgs.parse(args);
        } catch (CliArgs.UsageError e) {
            err.print("sluice: " + e.getMessage() + "\n" + USAGE + "Run 'sluice --help' for details.\n");
            err.flush();
            return 2;
        }
        return switch (parsed.command()) {
            case HELP -> {
                out.print(HELP);
                out.flush();
                yield 0;
            }
            case VERSION -> {
                out.print("sluice " + Version.current() + " (java " + Runtime.version() + ")\n");
                out.flush();
                yield 0;
            }
            case SQL -> new SqlCommand(parsed, registry, in, out, err).run();
        };
    }
}
