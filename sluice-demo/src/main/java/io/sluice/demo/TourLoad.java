package io.sluice.demo;

import io.sluice.core.engine.Engine;
import io.sluice.core.pool.PoolStatus;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/** Sections 5-7 of the tour: the pool under concurrent load, a bulk insert, streaming the rows back. */
final class TourLoad {
    static final int CONCURRENT = 50;
    static final int CHUNK = 10_000;
    static final String[] KINDS = {"click", "view", "purchase", "refund"};

    private final Tour tour;
    private final Terminal term;
    private final Engine engine;

    TourLoad(Tour tour) {
        this.tour = tour;
        this.term = tour.term;
        this.engine = tour.engine;
    }

    // ------------------------------------------------------------------ 5. concurrency

    void concurrentSleeps() {
        term.section(CONCURRENT + " concurrent sleep(0.1) queries on a pool of 20");
        String sql = tour.dialect.sleep("0.1");
        term.code("""
                List<CompletableFuture<Result>> futures = IntStream.range(0, 50)
                        .mapToObj(i -> engine.async().execute("%s")).toList();   // one virtual thread each
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();""".formatted(sql));
        long t0 = System.nanoTime();
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            futures.add(engine.async().execute(sql));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        PoolStatus busiest = engine.poolStatus();
        while (!all.isDone()) {
            PoolStatus s = engine.poolStatus();
            if (s.inUse() > busiest.inUse() || s.inUse() == busiest.inUse() && s.waiting() > busiest.waiting()) {
                busiest = s;
            }
            sleep(2);
        }
        all.join();
        double wall = (System.nanoTime() - t0) / 1e9;
        int waves = (CONCURRENT + 19) / 20;
        term.kv("wall time", String.format(Locale.ROOT, "%.2f s for %d x 0.1 s (one after another: %.1f s; "
                + "%d waves of at most 20 on the pool: >= %.1f s)", wall, CONCURRENT, CONCURRENT * 0.1, waves,
                waves * 0.1));
        term.kv("pool at peak", busiest);
        term.kv("pool after", engine.poolStatus());
        term.note("the 30 callers beyond the pool's 20 connections waited in FIFO order; none failed, "
                + "because poolTimeout (10s) is far longer than the wait");
    }

    // ------------------------------------------------------------------ 6. bulk insert

    void bulkInsert() {
        int total = tour.bulkRows;
        term.section(String.format(Locale.ROOT, "Bulk insert of %,d rows", total));
        String sql = "insert into sluice_demo_events (id, user_id, kind, amount) values (:id, :user_id, :kind, :amount)";
        term.code("""
                engine.inTransaction(tx -> {
                    for (List<Map<String, Object>> chunk : chunks)        // %,d rows each
                        done += tx.executeMany("%s",
                                chunk, n -> bar.update(done + n));
                });""".formatted(CHUNK, sql));
        term.note(tour.dialect == DemoDialect.POSTGRES
                ? "on PostgreSQL a plain INSERT of 200+ rows is sent as COPY FROM STDIN"
                : "on MySQL/MariaDB the rows are rewritten into multi-row INSERT statements");
        List<List<Object>> rows = new ArrayList<>(total);
        for (int i = 1; i <= total; i++) {
            rows.add(Arrays.asList(i, 1 + i % Tour.NAMES.length, KINDS[i % KINDS.length],
                    BigDecimal.valueOf(100 + (i * 37L) % 9_900, 2)));
        }
        Terminal.Progress bar = term.progress("rows", total);
        long t0 = System.nanoTime();
        long inserted = engine.inTransaction(tx -> {
            long done = 0;
            for (int from = 0; from < total; from += CHUNK) {
                List<Map<String, Object>> chunk = new ArrayList<>(CHUNK);
                for (List<Object> r : rows.subList(from, Math.min(total, from + CHUNK))) {
                    chunk.add(Map.of("id", r.get(0), "user_id", r.get(1), "kind", r.get(2), "amount", r.get(3)));
                }
                long base = done;
                tx.executeMany(sql, chunk, n -> bar.update(base + n));
                done += chunk.size();
                bar.update(done);
            }
            return done;
        });
        bar.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        long count = engine.execute("select count(*) from sluice_demo_events").scalar(Long.class);
        term.ok(String.format(Locale.ROOT, "inserted %,d rows in %.2f s (%,.0f rows/s); select count(*) says %,d",
                inserted, secs, inserted / secs, count));
    }

    // ------------------------------------------------------------------ 7. streaming

    void streamBack() {
        term.section("Streaming them back");
        String sql = "select id, user_id, kind, amount from sluice_demo_events order by id";
        term.code("""
                engine.stream("%s", new Object[0], rows ->
                        rows.forEach(row -> totals.merge(row.getString("kind"), row.getBigDecimal("amount"), BigDecimal::add)));"""
                .formatted(sql));
        term.note("rows are decoded as the stream is consumed: memory holds one fetch, not "
                + String.format(Locale.ROOT, "%,d", tour.bulkRows) + " rows");
        Map<String, BigDecimal> amounts = new TreeMap<>();
        Map<String, Long> counts = new TreeMap<>();
        Terminal.Progress bar = term.progress("rows", tour.bulkRows);
        long t0 = System.nanoTime();
        long[] seen = {0};
        List<Object[]> firstRows = new ArrayList<>();
        engine.stream(sql, new Object[0], rows -> {
            rows.forEach((Row r) -> {
                String kind = r.getString("kind");
                amounts.merge(kind, r.getBigDecimal("amount"), BigDecimal::add);
                counts.merge(kind, 1L, Long::sum);
                if (firstRows.size() < 3) {
                    firstRows.add(r.toArray());
                }
                if (++seen[0] % 5_000 == 0) {
                    bar.update(seen[0]);
                }
            });
            return null;
        });
        bar.update(seen[0]);
        bar.finish();
        double secs = (System.nanoTime() - t0) / 1e9;
        term.text("first rows:");
        term.table(TablePrinter.render(List.of("id", "user_id", "kind", "amount"), firstRows));
        List<Object[]> summary = new ArrayList<>();
        for (String k : amounts.keySet()) {
            summary.add(new Object[] {k, counts.get(k), amounts.get(k)});
        }
        term.text("totals computed while streaming:");
        term.table(TablePrinter.render(List.of("kind", "rows", "amount"), summary));
        term.ok(String.format(Locale.ROOT, "streamed %,d rows in %.2f s (%,.0f rows/s)", seen[0], secs,
                seen[0] / secs));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
