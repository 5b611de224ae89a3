package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workloads (2) bulk insert, the median of up to {@link #BULK_RUNS} timed loads per target and bulk
 * method, and (3) fetch, the median of {@link #FETCH_RUNS} timed runs per target; both with the
 * server's CPU time over the timed window.
 */
public final class BulkFetchRun {
    private BulkFetchRun() {
    }

    /**
     * Timed bulk runs per method: the median one is reported. One load of a million rows takes 1-3 s
     * and the same method measured 450k and 720k rows/s in consecutive single runs, so one run is not
     * a figure. A method whose first run was capped or took longer than {@link #BULK_REPEAT_UNDER_S}
     * runs once (a repeat cannot change its standing and would cost minutes).
     */
    public static final int BULK_RUNS = 3;
    public static final double BULK_REPEAT_UNDER_S = 10;

    /** One timed load; {@code error} is set instead when the table does not hold what the driver reported. */
    record BulkRun(long rows, double seconds, double cpuMs, ServerCpu.Usage server, String error) {
        double rowsPerSec() {
            return rows / seconds;
        }
    }

    /**
     * Inserts {@code rows} rows into the emptied bench_insert after a short warm-up load, up to
     * {@link #BULK_RUNS} times (see there); checks the count after every run.
     */
    public static Cell bulk(Target t, Servers.Server server, String method, int rows, long capNanos,
                            ServerCpu serverCpu) {
        try {
            // a short warm-up run so the timed one does not include class loading and the first JIT pass
            Schema.truncateInsert(t.db(), server);
            t.bulkInsert(method, Math.min(20_000, Math.max(1, rows / 10)), Long.MAX_VALUE);
            List<BulkRun> runs = new ArrayList<>();
            for (int i = 0; i < BULK_RUNS; i++) {
                BulkRun r = bulkOnce(t, server, method, rows, capNanos, serverCpu);
                if (r.error() != null) {
                    return Cell.failed(Workload.BULK_INSERT, t.db(), t.name(), method, r.error());
                }
                runs.add(r);
                if (r.rows() < rows || r.seconds() > BULK_REPEAT_UNDER_S) {
                    break;
                }
            }
            List<BulkRun> sorted = runs.stream().sorted(Comparator.comparingDouble(BulkRun::rowsPerSec)).toList();
            BulkRun median = sorted.get(sorted.size() / 2);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("rows", median.rows());
            extra.put("seconds", median.seconds());
            extra.put("capped", median.rows() < rows);
            extra.put("runs_rows_s", runs.stream().map(BulkRun::rowsPerSec).toList());
            extra.put("min_rows_s", sorted.getFirst().rowsPerSec());
            extra.put("max_rows_s", sorted.getLast().rowsPerSec());
            extra.put("cpu_ms", median.cpuMs());
            median.server().putInto(extra, "ns_per_row", 1, median.rows());
            return new Cell(Workload.BULK_INSERT, t.db(), t.name(), method, median.rowsPerSec(), "rows/s", extra, null);
        } catch (Throwable e) {
            return Cell.failed(Workload.BULK_INSERT, t.db(), t.name(), method, String.valueOf(e));
        }
    }

    private static BulkRun bulkOnce(Target t, Servers.Server server, String method, int rows, long capNanos,
                                    ServerCpu serverCpu) throws Exception {
        Schema.truncateInsert(t.db(), server);
        Cpu.settle();
        ServerCpu.Window serverWindow = serverCpu.start();
        long cpu0 = Cpu.processCpuNanos();
        long t0 = System.nanoTime();
        long n = t.bulkInsert(method, rows, t0 + capNanos);
        long t1 = System.nanoTime();
        long cpu1 = Cpu.processCpuNanos();
        ServerCpu.Usage serverUsage = serverWindow.stop();
        long inTable = Schema.countInsert(t.db(), server);
        String error = inTable == n ? null : "driver reported " + n + " rows but the table has " + inTable;
        return new BulkRun(n, (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e6, serverUsage, error);
    }

    /** Timed fetch runs per cell; the median one is reported, the spread goes into {@code runs_rows_s}. */
    public static final int FETCH_RUNS = 3;

    /** One timed fetch. */
    record FetchRun(double rowsPerSec, double seconds, double peakHeapMb, double allocPerRow, double cpuNsPerRow,
                    ServerCpu.Usage server) {
    }

    /**
     * Streams ids 1..rows of bench_fetch once in full to warm up (a smaller run left the JIT and the
     * server's caches short of steady state, and one timed run varied by 1.6x between runs), then
     * {@link #FETCH_RUNS} times timed, sampling the used heap every 2 ms; checks the row count and
     * checksum of every timed run. The value is the median run's rows/s, and every other figure
     * (heap, allocation, CPU, server CPU) is that same median run's.
     */
    public static Cell fetch(Target t, int rows, ServerCpu server) {
        try {
            t.fetchAll(rows, new RowSink());
            List<FetchRun> runs = new ArrayList<>();
            for (int i = 0; i < FETCH_RUNS; i++) {
                FetchRun r = fetchOnce(t, rows, server);
                if (r == null) {
                    return Cell.failed(Workload.FETCH, t.db(), t.name(), "", "run " + (i + 1) + ": wrong row count "
                            + "(want " + rows + ") or a wrong checksum");
                }
                runs.add(r);
            }
            List<FetchRun> sorted = runs.stream().sorted(Comparator.comparingDouble(FetchRun::rowsPerSec)).toList();
            FetchRun median = sorted.get(sorted.size() / 2);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("rows", rows);
            extra.put("seconds", median.seconds());
            extra.put("runs_rows_s", runs.stream().map(FetchRun::rowsPerSec).toList());
            extra.put("min_rows_s", sorted.getFirst().rowsPerSec());
            extra.put("max_rows_s", sorted.getLast().rowsPerSec());
            extra.put("peak_heap_mb", median.peakHeapMb());
            extra.put("alloc_bytes_per_row", median.allocPerRow());
            extra.put("cpu_ns_per_row", median.cpuNsPerRow());
            median.server().putInto(extra, "ns_per_row", 1, rows);
            extra.put("settings", t.fetchSettings());
            return new Cell(Workload.FETCH, t.db(), t.name(), "", median.rowsPerSec(), "rows/s", extra, null);
        } catch (Throwable e) {
            return Cell.failed(Workload.FETCH, t.db(), t.name(), "", String.valueOf(e));
        }
    }

    /** One timed run after a GC; null when the rows or their checksum are wrong. */
    static FetchRun fetchOnce(Target t, int rows, ServerCpu server) throws Exception {
        Cpu.settle();
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long base = mem.getHeapMemoryUsage().getUsed();
        HeapSampler sampler = new HeapSampler(mem);
        sampler.start();
        RowSink sink = new RowSink();
        ServerCpu.Window serverWindow = server.start();
        long alloc0 = Cpu.allocatedBytes();
        long cpu0 = Cpu.processCpuNanos();
        long t0 = System.nanoTime();
        try {
            t.fetchAll(rows, sink);
        } finally {
            sampler.stopSampling();
        }
        long t1 = System.nanoTime();
        long cpu1 = Cpu.processCpuNanos();
        long alloc1 = Cpu.allocatedBytes();
        ServerCpu.Usage serverUsage = serverWindow.stop();
        if (sink.rows() != rows || sink.checksum() != RowSink.expected(rows)) {
            return null;
        }
        double secs = (t1 - t0) / 1e9;
        return new FetchRun(rows / secs, secs, Math.max(0, sampler.peak() - base) / 1048576.0,
                alloc0 < 0 ? Double.NaN : (double) (alloc1 - alloc0) / rows, (double) (cpu1 - cpu0) / rows,
                serverUsage);
    }

    /** Polls the used heap on a platform thread and keeps the maximum. */
    static final class HeapSampler extends Thread {
        private final MemoryMXBean mem;
        private volatile boolean running = true;
        private volatile long peak;

        HeapSampler(MemoryMXBean mem) {
            super("heap-sampler");
            setDaemon(true);
            this.mem = mem;
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
        }

        long peak() {
            return peak;
        }
    }
}
