package io.sluice.bench.pool;

import io.sluice.bench.Cell;
import io.sluice.bench.Cpu;
import io.sluice.bench.Histogram;
import io.sluice.bench.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Workload (4) as the issue states it: {@code threads} virtual threads borrow and return as fast as
 * they can from a pool of {@code size}. JMH cannot drive virtual threads (its worker threads are
 * platform threads), so this harness does: a warm-up, then a fixed window counting completed
 * cycles; latency is the borrow+return time including the wait for a free resource.
 */
public final class PoolRun {
    private PoolRun() {
    }

    public static Cell run(String name, Pools.Cycler pool, int threads, Duration warmup, Duration measure) {
        LongAdder cycles = new LongAdder();
        LongAdder progressed = new LongAdder(); // threads that completed at least one measured cycle
        Histogram hist = new Histogram();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Phase phase = new Phase();
        List<Thread> ts = new ArrayList<>(threads);
        try {
            for (int i = 0; i < threads; i++) {
                ts.add(Thread.ofVirtual().start(() -> {
                    int p;
                    boolean counted = false;
                    while ((p = phase.get()) != 2) {
                        long t0 = System.nanoTime();
                        try {
                            pool.cycle();
                        } catch (Throwable e) {
                            error.compareAndSet(null, e);
                            return;
                        }
                        if (p == 1) {
                            hist.record(System.nanoTime() - t0);
                            cycles.increment();
                            if (!counted) {
                                counted = true;
                                progressed.increment();
                            }
                        }
                    }
                }));
            }
            sleep(warmup);
            long cpu0 = Cpu.processCpuNanos();
            long t0 = System.nanoTime();
            phase.set(1);
            sleep(measure);
            phase.set(2);
            long t1 = System.nanoTime();
            long cpu1 = Cpu.processCpuNanos();
            long n = cycles.sum();
            for (Thread t : ts) {
                t.join(Duration.ofSeconds(60));
            }
            if (error.get() != null) {
                return Cell.failed(Workload.POOL, null, name, threads + "vt", error.get().toString());
            }
            double secs = (t1 - t0) / 1e9;
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("p50_us", hist.quantile(0.5) / 1e3);
            extra.put("p99_us", hist.quantile(0.99) / 1e3);
            extra.put("cpu_ns_per_cycle", (double) (cpu1 - cpu0) / Math.max(1, n));
            extra.put("cycles", n);
            // Virtual threads are not time-sliced: a thread that never blocks keeps its carrier, so
            // with a pool that never makes it wait only about as many threads as carriers run at all
            extra.put("threads_progressed", progressed.sum());
            return new Cell(Workload.POOL, null, name, threads + "vt", n / secs, "cycles/s", extra, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cell.failed(Workload.POOL, null, name, threads + "vt", "interrupted");
        } finally {
            phase.set(2);
            pool.close();
        }
    }

    private static final class Phase {
        private volatile int value;

        int get() {
            return value;
        }

        void set(int v) {
            value = v;
        }
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d);
    }
}
