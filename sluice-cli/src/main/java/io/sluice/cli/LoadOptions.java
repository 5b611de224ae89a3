package io.sluice.cli;

import io.sluice.core.config.Durations;
import io.sluice.core.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed {@code sluice load} command line, validated with precise messages (exit status 2).
 * {@code --opt value} and {@code --opt=value} are both accepted, in any order around the URL.
 *
 * @param url         connection URL (may carry pool options; explicit flags win over them)
 * @param statements  the workload, at least one
 * @param setup       statements run once before the load (each may hold several, split on ';')
 * @param cleanup     statements run once after it, also after a failed setup
 * @param concurrency virtual threads (or requests in flight with {@code --async})
 * @param poolSize    pool size, null for the URL's or else {@code concurrency}
 * @param maxOverflow overflow limit, null for the URL's or else 0
 * @param poolTimeout longest wait for a connection, null for the URL's or else 30s
 * @param duration    measured time
 * @param warmup      time run before measuring
 * @param rate        target total ops/s (open loop), 0 for a closed loop
 * @param async       use the engine's CompletableFuture face
 * @param format      final report format
 * @param progress    how to show progress on stderr
 */
record LoadOptions(String url, List<Statement> statements, List<String> setup, List<String> cleanup, int concurrency,
                   Integer poolSize, Integer maxOverflow, Duration poolTimeout, Duration duration, Duration warmup,
                   double rate, boolean async, Format format, Progress progress) {

    static final int MAX_CONCURRENCY = 100_000;
    static final int MAX_WEIGHT = 1000;
    private static final Pattern WEIGHT = Pattern.compile("(?i)^\\s*weight\\s*=\\s*([^:]*):");

    /** One workload statement and its share of executions. */
    record Statement(int weight, ParamTemplate template) {
    }

    enum Format { TEXT, JSON }

    /** {@code auto}: rewritten in place on a terminal, one line a second otherwise. */
    enum Progress { AUTO, LIVE, LINES, OFF }

    static final String USAGE = """
            Usage: sluice load URL --sql SQL [--sql SQL ...] [--concurrency N] [--pool-size P]
                               [--max-overflow O] [--pool-timeout 30s] [--duration 10s] [--warmup 0s]
                               [--rate OPS] [--async] [--setup SQL] [--cleanup SQL]
                               [--format text|json] [--progress auto|live|lines|off]
            """;

    static final String HELP = USAGE + """

            Runs SQL as fast as possible (or at --rate ops/s) for --duration and reports throughput,
            latency percentiles, errors by code, and the pool's state.

              --sql SQL          a statement to run; repeat to mix statements round-robin; prefix
                                 'weight=N:' to run one N times as often as a weight-1 statement
              --concurrency N    virtual threads issuing statements (default 8)
              --pool-size P      connections in the pool (default: concurrency)
              --max-overflow O   extra connections beyond the pool size (default 0; -1 unlimited)
              --pool-timeout D   longest wait for a connection (default 30s)
              --duration D       measured time, e.g. 500ms, 10s, 1m (default 10s)
              --warmup D         time run before measuring (default 0s)
              --rate OPS         open loop: start OPS statements a second on a fixed schedule;
                                 latency counts from the scheduled start, so queueing shows
              --async            use the engine's async (CompletableFuture) face
              --setup SQL        run once before (e.g. create table); repeatable; ';' separates
              --cleanup SQL      run once after (also when setup failed); repeatable
              --format F         report as text (default) or json (one document on stdout)
              --progress P       auto (default: live line on a terminal, else a line a second),
                                 live, lines, off; progress goes to stderr

            Placeholders, replaced by a bound parameter with a fresh random value each execution:
              {int:MIN:MAX} {long:MIN:MAX}  uniform integer, both ends included
              {double:MIN:MAX}              uniform double in [MIN, MAX)
              {string:LEN} {string:MIN:MAX} random letters and digits
              {uuid}                        random version-4 UUID (bound as text)
              {choice:a|b|c}                one of the values (text)
              {seq}                         1, 2, 3, ... one counter for the whole run
              {now}                         the current time
            Inside quotes and comments braces are plain text: '{int:1:2}' is a literal.

            Exit status: 0 done, 1 every statement failed (or none ran), setup or cleanup failed,
            or the connection failed; 2 usage error.
            """;

    /** Parses the arguments after {@code load}; null when help was asked for. */
    static LoadOptions parse(List<String> args) throws CliArgs.UsageError {
        String url = null;
        List<String> sql = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        List<String> cleanup = new ArrayList<>();
        int concurrency = 8;
        Integer poolSize = null;
        Integer maxOverflow = null;
        Duration poolTimeout = null;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ZERO;
        double rate = 0;
        boolean async = false;
        Format format = Format.TEXT;
        Progress progress = Progress.AUTO;
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("--")) {
                if (url != null) {
                    throw new CliArgs.UsageError("unexpected argument '" + shorten(a) + "' for 'load' "
                            + "(give statements with --sql)");
                }
                url = a;
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (a.equals("--help")) {
                return null;
            }
            if (a.equals("--async")) {
                async = true;
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq >= 0 ? a.substring(0, eq) : a;
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.size() && !looksLikeOption(args.get(i + 1))) {
                value = args.get(++i);
            } else {
                throw new CliArgs.UsageError("option " + name + " needs a value");
            }
            switch (name) {
                case "--sql" -> sql.add(value);
                case "--setup" -> setup.add(value);
                case "--cleanup" -> cleanup.add(value);
                case "--concurrency" -> concurrency = integer(name, value, 1, MAX_CONCURRENCY);
                case "--pool-size" -> poolSize = integer(name, value, 1, MAX_CONCURRENCY);
                case "--max-overflow" -> maxOverflow = integer(name, value, -1, MAX_CONCURRENCY);
                case "--pool-timeout" -> poolTimeout = duration(name, value, false);
                case "--duration" -> duration = duration(name, value, true);
                case "--warmup" -> warmup = duration(name, value, false);
                case "--rate" -> rate = rate(value);
                case "--format" -> format = switch (value.toLowerCase(Locale.ROOT)) {
                    case "text" -> Format.TEXT;
                    case "json" -> Format.JSON;
                    default -> throw new CliArgs.UsageError("unknown format '" + value + "' for load; use text or json");
                };
                case "--progress" -> progress = switch (value.toLowerCase(Locale.ROOT)) {
                    case "auto" -> Progress.AUTO;
                    case "live" -> Progress.LIVE;
                    case "lines" -> Progress.LINES;
                    case "off", "none" -> Progress.OFF;
                    default -> throw new CliArgs.UsageError("--progress must be auto, live, lines or off, was '"
                            + value + "'");
                };
                default -> throw new CliArgs.UsageError("unknown option '" + name + "' for 'load'");
            }
        }
        if (url == null) {
            throw new CliArgs.UsageError("missing connection URL for 'load'");
        }
        if (sql.isEmpty()) {
            throw new CliArgs.UsageError("'load' needs at least one --sql statement");
        }
        Dialect dialect = dialectOf(url);
        List<Statement> statements = new ArrayList<>(sql.size());
        for (int i = 0; i < sql.size(); i++) {
            statements.add(statement(sql.get(i), i + 1, sql.size(), dialect));
        }
        return new LoadOptions(url, List.copyOf(statements), List.copyOf(setup), List.copyOf(cleanup), concurrency,
                poolSize, maxOverflow, poolTimeout, duration, warmup, rate, async, format, progress);
    }

    /** {@code --sql --duration 1s} is a forgotten value, not SQL text "--duration". */
    private static boolean looksLikeOption(String a) {
        return a.startsWith("--") && a.length() > 2 && a.chars().noneMatch(Character::isWhitespace);
    }

    private static Statement statement(String text, int index, int count, Dialect dialect) throws CliArgs.UsageError {
        String where = count == 1 ? "--sql: " : "--sql #" + index + ": ";
        int weight = 1;
        String body = text;
        Matcher m = WEIGHT.matcher(text);
        if (m.find()) {
            String w = m.group(1).strip();
            try {
                weight = Integer.parseInt(w);
            } catch (NumberFormatException e) {
                throw new CliArgs.UsageError(where + "weight must be an integer, was '" + shorten(w) + "'");
            }
            if (weight < 1 || weight > MAX_WEIGHT) {
                throw new CliArgs.UsageError(where + "weight must be between 1 and " + MAX_WEIGHT + ", was " + weight);
            }
            body = text.substring(m.end());
        }
        if (body.isBlank()) {
            throw new CliArgs.UsageError(where + "the statement is empty");
        }
        try {
            return new Statement(weight, ParamTemplate.parse(body.strip(), dialect));
        } catch (CliArgs.UsageError e) {
            throw new CliArgs.UsageError(where + e.getMessage());
        }
    }

    private static Dialect dialectOf(String url) {
        try {
            return Dialect.forScheme(SessionRegistry.schemeOf(url));
        } catch (ConfigurationException e) {
            return Dialect.MYSQL; // the engine reports the bad URL when it is opened
        }
    }

    private static int integer(String name, String value, int min, int max) throws CliArgs.UsageError {
        int v;
        try {
            v = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageError(name + " must be an integer, was '" + shorten(value) + "'");
        }
        if (v < min || v > max) {
            throw new CliArgs.UsageError(name + " must be between " + min + " and " + max + ", was " + v);
        }
        return v;
    }

    private static Duration duration(String name, String value, boolean positive) throws CliArgs.UsageError {
        Duration d;
        try {
            d = Durations.parse(name, value);
        } catch (ConfigurationException e) {
            throw new CliArgs.UsageError(e.getMessage());
        }
        if (positive && d.isZero()) {
            throw new CliArgs.UsageError(name + " must be greater than 0, was '" + value + "'");
        }
        return d;
    }

    private static double rate(String value) throws CliArgs.UsageError {
        double r;
        try {
            r = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageError("--rate must be a number of operations per second, was '" + shorten(value) + "'");
        }
        if (!(r > 0) || r > 10_000_000 || Double.isInfinite(r)) {
            throw new CliArgs.UsageError("--rate must be greater than 0 and at most 10000000, was '" + shorten(value) + "'");
        }
        return r;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The total of all weights: one round of the statement schedule. */
    int totalWeight() {
        int w = 0;
        for (Statement s : statements) {
            w += s.weight();
        }
        return w;
    }
}
