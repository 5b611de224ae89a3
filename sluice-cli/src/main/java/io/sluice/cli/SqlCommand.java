package io.sluice.cli;

import io.sluice.core.result.Result;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * {@code sluice sql URL [SQL]}: runs each statement separately, so every result can be matched to
 * its statement, printing results as they come and stopping at the first failure.
 */
final class SqlCommand {
    private final CliArgs args;
    private final SessionRegistry registry;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    SqlCommand(CliArgs args, SessionRegistry registry, InputStream in, PrintStream out, PrintStream err) {
        this.args = args;
        this.registry = registry;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs and returns the exit status: 0 on success, 1 after printing the error line. */
    int run() {
        ResultWriter writer = new ResultWriter(args.format(), out);
        SqlSession session = null;
        try {
            session = registry.open(args.url());
            Dialect dialect = Dialect.forScheme(SessionRegistry.schemeOf(args.url()));
            Iterator<String> statements = args.sql() != null
                    ? StatementSource.of(args.sql(), dialect)
                    : new StatementSource(new InputStreamReader(in, StandardCharsets.UTF_8), dialect);
            while (statements.hasNext()) {
                String sql = statements.next();
                // json wraps several results in one array; knowing whether a second statement exists
                // costs a read-ahead, which only json pays
                boolean moreStatements = !writer.started() && args.format() == OutputFormat.JSON
                        && statements.hasNext();
                List<Result> results = session.execute(sql);
                if (!writer.started()) {
                    writer.begin(moreStatements || results.size() != 1);
                }
                for (Result r : results) {
                    writer.write(r);
                }
                if (out.checkError()) { // stdout closed (e.g. piped into head): stop quietly
                    return 1;
                }
            }
            if (!writer.started()) {
                writer.begin(true); // no statements: json prints [], table nothing
            }
            writer.end();
            return 0;
        } catch (RuntimeException e) {
            if (writer.started()) {
                writer.end();
            }
            out.flush();
            err.print(ErrorLine.format(e, args.url()) + "\n");
            err.flush();
            return 1;
        } finally {
            closeQuietly(session);
        }
    }

    /** A failed QUIT after the work is done must not turn success into failure. */
    private static void closeQuietly(SqlSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException ignored) {
                // the connection is discarded either way
            }
        }
    }
}
