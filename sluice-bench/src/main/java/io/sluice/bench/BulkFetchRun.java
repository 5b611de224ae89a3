package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/** Workloads (2) bulk insert and (3) fetch: one timed run per target (and bulk method). */
public final class BulkFetchRun {
    private BulkFetchRun() {
    }

    /** Inserts {@code rows} rows into the emptied bench_insert; checks the count afterwards. */
    public static Cell bulk(Target t, Servers.Server server, String method, int rows, long capNanos) {
        try {
            // a short warm-up run so the timed one does not include class loading and the first JIT pass
            Schema.truncateInsert(t.db(), server);
            t.bulkInsert(method, Math.min(20_000, Math.max(1, rows / 10)), Long.MAX_VALUE);
            Schema.truncateInsert(t.db(), server);
            Cpu.settle();
            long cpu0 = Cpu.processCpuNanos();
            long t0 = System.nanoTime();
            long n = t.bulkInsert(method, rows, t0 + capNanos);
            long t1 = System.nanoTime();
            long cpu1 = Cpu.processCpuNanos();
            long inTable = Schema.countInsert(t.db(), server);
            if (inTable != n) {
                return Cell.failed(Workload.BULK_INSERT, t.db(), t.name(), method,
                        "driver reported " + n + " rows but the table has " + inTable);
            }
            double secs = (t1 - t0) / 1e9;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("rows", n);
            extra.put("seconds", secs);
            extra.put("capped", n < rows);
            extra.put("cpu_ms", (cpu1 - cpu0) / 1e6);
            return new Cell(Workload.BULK_INSERT, t.db(), t.name(), method, n / secs, "rows/s", extra, null);
        } catch (Throwable e) {
            return Cell.failed(Workload.BULK_INSERT, t.db(), t.name(), method, String.valueOf(e));
        }
    }

    /**
     * Streams ids 1..rows of bench_fetch once to warm up (a tenth of it), then once timed, sampling
     * the used heap every 2 ms; checks the row count and checksum.
     */
    public static Cell fetch(Target t, int rows) {
        try {
            t.fetchAll(Math.max(1, rows / 10), new RowSink());
            Cpu.settle();
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            long base = mem.getHeapMemoryUsage().getUsed();
            HeapSampler sampler = new HeapSampler(mem);
            sampler.start();
            RowSink sink = new RowSink();
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
            if (sink.rows() != rows || sink.checksum() != RowSink.expected(rows)) {
                return Cell.failed(Workload.FETCH, t.db(), t.name(), "", "got " + sink.rows() + " rows (want " + rows
                        + ") or a wrong checksum");
            }
            double secs = (t1 - t0) / 1e9;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("rows", rows);
            extra.put("seconds", secs);
            extra.put("peak_heap_mb", Math.max(0, sampler.peak() - base) / 1048576.0);
            extra.put("alloc_bytes_per_row", alloc0 < 0 ? Double.NaN : (double) (alloc1 - alloc0) / rows);
            extra.put("cpu_ns_per_row", (double) (cpu1 - cpu0) / rows);
            extra.put("settings", t.fetchSettings());
            return new Cell(Workload.FETCH, t.db(), t.name(), "", rows / secs, "rows/s", extra, null);
        } catch (Throwable e) {
            return Cell.failed(Workload.FETCH, t.db(), t.name(), "", String.valueOf(e));
        }
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
