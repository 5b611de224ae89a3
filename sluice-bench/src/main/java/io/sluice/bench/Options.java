package io.sluice.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Command-line options and the sizes of a quick or full run. */
public record Options(boolean quick, Set<Workload> only, List<String> targets, Set<Db> dbs, Servers servers, Path out,
                      Duration warmup, Duration measure, int psRows, int bulkRows, Duration bulkCap, int fetchRows,
                      Duration poolWarmup, Duration poolMeasure, int jmhIterations, int jmhSeconds, int nativeSeconds,
                      int rounds) {

    public static final int CONNECTIONS = 8;
    public static final int[] VTHREADS = {32, 256};
    public static final int POOL_THREADS = 2_000;
    public static final int POOL_SIZE = 50;
    public static final int JMH_THREADS = 64;

    public static final String USAGE = """
            usage: ./sluice bench [--quick] [--only WORKLOAD[,WORKLOAD...]] [--targets NAME[,NAME...]] [--db mysql|pg]
                                  [--mysql user[:password]@host:port] [--pg user[:password]@host:port] [--out DIR]
              --quick      short cells and smaller data (finishes in under 3 minutes); default is the full run
              --only       point-select (also 'cpu'), native, bulk-insert, fetch, pool, pool-jmh
              --targets    keep only targets whose name contains one of these (sluice is always kept):
                           mysql-cj, mariadb-cj, pgjdbc, vertx, r2dbc
              --db         run against one server only
              --mysql/--pg where the servers are (default root@127.0.0.1:3306 and postgres@127.0.0.1:5432);
                           the database sluice_bench is created on each
              --out        report directory (default bench/results)
            """;

    public static Options parse(String[] args) {
        boolean quick = false;
        Set<Workload> only = EnumSet.noneOf(Workload.class);
        List<String> targets = new ArrayList<>();
        Set<Db> dbs = EnumSet.allOf(Db.class);
        Servers.Server mysql = Servers.defaults().mysql();
        Servers.Server pg = Servers.defaults().pg();
        Path out = Path.of("bench", "results");
        List<String> tokens = new ArrayList<>();
        for (String a : args) { // --name=value is the same as --name value
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                tokens.add(a.substring(0, eq));
                tokens.add(a.substring(eq + 1));
            } else {
                tokens.add(a);
            }
        }
        for (int i = 0; i < tokens.size(); i++) {
            String a = tokens.get(i);
            switch (a) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--only" -> {
                    for (String w : value(tokens, ++i, a).split(",")) {
                        only.add(Workload.parse(w));
                    }
                }
                case "--targets" -> targets.addAll(List.of(value(tokens, ++i, a).split(",")));
                case "--db" -> dbs = EnumSet.of(value(tokens, ++i, a).startsWith("p") ? Db.PG : Db.MYSQL);
                case "--mysql" -> mysql = Servers.Server.parse(value(tokens, ++i, a), 3306);
                case "--pg" -> pg = Servers.Server.parse(value(tokens, ++i, a), 5432);
                case "--out" -> out = Path.of(value(tokens, ++i, a));
                case "-h", "--help", "help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (only.isEmpty()) {
            only = EnumSet.allOf(Workload.class);
        }
        Servers servers = new Servers(mysql, pg);
        if (quick) {
            return new Options(true, only, targets, dbs, servers, out, Duration.ofSeconds(1), Duration.ofMillis(2000),
                    100_000, 100_000, Duration.ofSeconds(10), 200_000, Duration.ofSeconds(1), Duration.ofMillis(2000),
                    1, 1, 3, 1);
        }
        // point-select and native cells: two rounds of 3 s + 10 s (forward, then reverse target order),
        // the better one kept per cell; see Main.rounds. The whole run takes about 17 minutes.
        return new Options(false, only, targets, dbs, servers, out, Duration.ofSeconds(3), Duration.ofSeconds(10),
                100_000, 1_000_000, Duration.ofSeconds(60), 1_000_000, Duration.ofSeconds(3), Duration.ofSeconds(10),
                3, 2, 10, 2);
    }

    private static String value(List<String> tokens, int i, String name) {
        if (i >= tokens.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return tokens.get(i);
    }

    public boolean wants(Target t) {
        return targets.isEmpty() || t.name().equals("sluice") || targets.stream().anyMatch(x -> t.name().contains(x));
    }
}
