package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.bench.report.Chart;
import io.sluice.bench.report.Json;
import io.sluice.bench.report.Markdown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report writer and the goal logic on made-up cells; no database, no benchmark. */
class ReportSmokeTest {

    static Cell ps(Db db, String target, String variant, double ops, double cpu) {
        return new Cell(Workload.POINT_SELECT, db, target, variant, ops, "ops/s",
                Map.of("cpu_us_per_op", cpu, "p50_us", 100.0, "p99_us", 900.0), null);
    }

    /** A point-select cell with server figures: the server at {@code share} cores, this JVM at 0.6 of 2. */
    static Cell psServer(Db db, String target, double ops, double serverUs, double share) {
        return new Cell(Workload.POINT_SELECT, db, target, "32vt", ops, "ops/s", Map.of("cpu_us_per_op", 30.0,
                "p50_us", 100.0, "p99_us", 900.0, "server_cpu_us_per_op", serverUs, "server_cpu_share", share,
                "client_cpu_share", 0.6, "cores", 2, "server_cpu_ticks", 300L), null);
    }

    static List<Cell> sample() {
        return List.of(
                ps(Db.PG, "sluice", "32vt", 13_000, 6),
                ps(Db.PG, "pgjdbc+hikari", "32vt", 10_000, 12),
                ps(Db.PG, "vertx-pg", "32vt", 9_000, 10),
                Cell.failed(Workload.POINT_SELECT, Db.PG, "r2dbc-pg+pool", "32vt", "boom"),
                new Cell(Workload.NATIVE, Db.PG, "pgbench", "8 clients", 20_000, "ops/s", Map.of(), null),
                new Cell(Workload.NATIVE, Db.PG, "sluice", "8vt", 13_000, "ops/s", Map.of(), null),
                new Cell(Workload.BULK_INSERT, Db.MYSQL, "sluice", "executeMany", 100_000, "rows/s",
                        Map.of("server_cpu_ns_per_row", 9_500.0, "server_cpu_share", 0.95, "server_cpu_ticks", 95L),
                        null),
                new Cell(Workload.BULK_INSERT, Db.MYSQL, "mysql-cj+hikari", "batch", 50_000, "rows/s", Map.of(), null),
                new Cell(Workload.BULK_INSERT, Db.MYSQL, "mysql-cj+hikari", "load data", 80_000, "rows/s",
                        Map.of("server_cpu_ns_per_row", 11_000.0, "server_cpu_share", 0.88), null),
                // missed too, but the server was far from a full core: no bound line
                new Cell(Workload.FETCH, Db.PG, "sluice", "", 600_000, "rows/s", Map.of("server_cpu_ns_per_row", 700.0,
                        "server_cpu_share", 0.42, "server_cpu_ticks", 14L, "min_rows_s", 500_000.0, "max_rows_s", 650_000.0, "runs_rows_s",
                        List.of(650_000.0, 500_000.0, 600_000.0)), null),
                new Cell(Workload.FETCH, Db.PG, "pgjdbc+hikari", "", 550_000, "rows/s", Map.of(), null),
                new Cell(Workload.POOL, null, "sluice", "2000vt", 1_000, "cycles/s", Map.of(), null),
                new Cell(Workload.POOL, null, "hikaricp", "2000vt", 2_000, "cycles/s", Map.of(), null));
    }

    static Ratios.Ratio find(List<Ratios.Ratio> rs, String goalPrefix, String scope) {
        return rs.stream().filter(r -> r.goal().startsWith(goalPrefix) && r.scope().equals(scope)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + goalPrefix + " / " + scope + " in " + rs));
    }

    @Test
    void goalsCompareSluiceWithTheBestPeer() {
        List<Ratios.Ratio> rs = Ratios.evaluate(sample());
        Ratios.Ratio ps = find(rs, "point select", "pg 32vt");
        assertEquals("pgjdbc+hikari", ps.peer()); // the best of the peers that worked
        assertEquals(1.3, ps.ratio(), 1e-9);
        assertEquals(Ratios.Status.MET, ps.status()); // 1.3 >= 1.3

        Ratios.Ratio cpu = find(rs, "client CPU", "pg 32vt");
        assertEquals("vertx-pg", cpu.peer()); // lowest CPU wins, not highest
        assertEquals(0.6, cpu.ratio(), 1e-9);
        assertEquals(Ratios.Status.MET, cpu.status());

        Ratios.Ratio nat = find(rs, ">= 70% of native", "pg 8vt");
        assertEquals(0.65, nat.ratio(), 1e-9);
        assertEquals(Ratios.Status.MISSED, nat.status());

        Ratios.Ratio bulk = find(rs, "bulk insert", "mysql");
        assertEquals(80_000, bulk.peerValue(), 0); // the driver's fastest method counts
        assertEquals(Ratios.Status.MISSED, bulk.status());

        Ratios.Ratio pool = find(rs, "pool cycle", "2000vt");
        assertEquals(0.5, pool.ratio(), 1e-9);
        assertEquals(Ratios.Status.MISSED, pool.status());
    }

    @Test
    void missedGoalsSayWhenTheServerIsTheBound() {
        List<Ratios.Ratio> rs = Ratios.evaluate(sample());
        Ratios.Ratio bulk = find(rs, "bulk insert", "mysql");
        assertEquals("server-bound: the server spent 9,500 ns of CPU per row, 0.95 cores busy over the window "
                + "(one core at that cost sustains ~105,263 rows/s); mysql-cj+hikari: 11,000 ns/row, 0.88 cores; "
                + "out of reach at this server cost: the target of 120,000 rows/s needs 1.14 server cores at "
                + "Sluice's 9,500 ns/row, and one connection is served by one server process/thread", bulk.bound());
        Ratios.Ratio fetch = find(rs, "fetch", "pg");
        assertEquals(Ratios.Status.MISSED, fetch.status());
        assertEquals("", fetch.bound()); // 0.42 cores: the server had room
        assertEquals("", find(rs, ">= 70% of native", "pg 8vt").bound()); // not measured (NaN): no claim
        Cell coarse = new Cell(Workload.BULK_INSERT, Db.MYSQL, "sluice", "executeMany", 100_000, "rows/s",
                Map.of("server_cpu_ns_per_row", 9_500.0, "server_cpu_share", 0.95, "server_cpu_ticks", 12L), null);
        assertEquals("", ServerBound.explain(coarse, null, 1e6)); // 12 ticks of 10 ms are too few to claim anything
        assertEquals("", find(rs, "point select", "pg 32vt").bound()); // met: nothing to explain

        // 8 connections: 1.2 of the 1.4 cores the client left free is >= 85%, so the server bounds it
        List<Ratios.Ratio> ps = Ratios.evaluate(List.of(psServer(Db.MYSQL, "sluice", 11_000, 110, 1.2),
                psServer(Db.MYSQL, "mariadb-cj+hikari", 10_000, 100, 1.0)));
        assertEquals("server-bound: the server spent 110 us of CPU per query, 1.20 cores busy over the window, 86% "
                + "of the 1.40 of 2 cores this JVM left free; mariadb-cj+hikari: 100 us/query, 1.00 cores",
                find(ps, "point select", "mysql 32vt").bound());
        assertEquals("", find(ps, "client CPU", "mysql 32vt").bound()); // a client goal is not server-bound
        List<Ratios.Ratio> idle = Ratios.evaluate(List.of(psServer(Db.MYSQL, "sluice", 11_000, 110, 1.1),
                psServer(Db.MYSQL, "mariadb-cj+hikari", 10_000, 100, 1.0)));
        assertEquals("", find(idle, "point select", "mysql 32vt").bound()); // 1.1 < 0.85 x 1.4
        // a server share of 0.5 (a loaded machine) claims no bound, but 1.3 x 20,000 queries/s at
        // 60 + 30 us of CPU each needs 2.34 cores of the 2
        List<Ratios.Ratio> far = Ratios.evaluate(List.of(psServer(Db.MYSQL, "sluice", 11_000, 60, 0.5),
                psServer(Db.MYSQL, "mariadb-cj+hikari", 20_000, 50, 1.0)));
        assertEquals("out of reach on this machine: the target of 26,000 queries/s needs 2.34 cores (server 60.0 us + "
                + "this JVM 30.0 us per query), it has 2", find(far, "point select", "mysql 32vt").bound());
    }

    @Test
    void noPeerMeansNotApplicable() {
        List<Ratios.Ratio> rs = Ratios.evaluate(List.of(ps(Db.MYSQL, "sluice", "32vt", 1, 1)));
        assertTrue(rs.stream().allMatch(r -> r.status() == Ratios.Status.NA), rs.toString());
    }

    @Test
    void jsonEscapesAndWritesNaNAsNull() {
        String json = Json.write(Map.of("a", List.of(1.5, Double.NaN, "q\"\n", true)));
        assertEquals("{\n  \"a\": [\n    1.5,\n    null,\n    \"q\\\"\\n\",\n    true\n  ]\n}\n", json);
    }

    @Test
    void writesMarkdownAndChart(@TempDir Path dir) throws Exception {
        Results r = new Results();
        r.config.put("mode", "quick");
        sample().forEach(r::add);
        String md = Markdown.report(r, "chart.png");
        assertTrue(md.contains("| point select >= 1.3x best peer | pg 32vt | 13,000 | pgjdbc+hikari | 10,000 | 1.30x | met |"),
                md);
        assertTrue(md.contains("boom"), md);
        assertTrue(md.contains("| server | target | variant | ops/s | vs best peer | p50 us | p99 us | CPU us/query "
                + "| server CPU us/query | server cores busy |"), md);
        assertTrue(md.contains("| mysql | **sluice** | executeMany | 100,000 | 1.25x | - | - | - | 9,500 | 0.95 |"), md);
        assertTrue(md.contains("| pg | **sluice** |  | 600,000 | 1.09x | 500,000 - 650,000 | - | - | - | ~700 | ~0.42 |"),
                md);
        assertTrue(md.contains("- bulk insert >= 1.5x best peer (mysql): server-bound: the server spent 9,500 ns"), md);
        assertTrue(md.contains("Server CPU ns/row = "), md);
        assertTrue(Markdown.goalsText(Ratios.evaluate(r.cells)).contains("  bulk insert >= 1.5x best peer (mysql): "
                + "server-bound"));
        Path png = dir.resolve("c.png");
        Chart.write(r.cells, "test", png);
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G');
        String json = Json.write(r.toMap());
        assertTrue(json.contains("\"status\": \"met\""));
        assertTrue(json.contains("\"server_cpu_share\": 0.95"), json);
        assertTrue(json.contains("\"bound\": \"server-bound: the server spent 9,500 ns"), json);
        assertTrue(json.contains("\"runs_rows_s\": [\n"), json);
    }

    @Test
    void rowStreamMatchesTheRowsAndStopsAtTheDeadline() throws Exception {
        RowGen.Tsv all = RowGen.tsvStream(0, 3, Long.MAX_VALUE);
        String text = new String(all.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("1\t0\t0\tname-0\t0.0\t2024-01-01 00:00:00\n2\t31\t7919\tname-1\t0.5\t2024-01-01 00:00:01\n"
                + "3\t62\t15838\tname-2\t1.0\t2024-01-01 00:00:02\n", text);
        assertEquals(3, all.rows());
        RowGen.Tsv late = RowGen.tsvStream(0, 1_000_000, System.nanoTime() - 1);
        late.readAllBytes();
        assertEquals(0, late.rows());
        assertEquals("select a from t where x = $1 and y = $2", Sql.dollar("select a from t where x = ? and y = ?"));
    }
}
