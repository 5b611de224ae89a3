package io.sluice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Workloads (1) and (5): {@code vthreads} virtual threads each run point selects back to back on a
 * pool of fixed size, first for the warm-up, then for the measured window. Reports ops/s, p50/p99
 * latency of the measured window, the process CPU time per query over that window, and the
 * database server's CPU time over the same window ({@link ServerCpu}).
 */
public final class PointSelectRun {
    private PointSelectRun() {
    }

    public static Cell run(Target t, Workload w, Query q, String variant, int vthreads, int idMax,
                           Duration warmup, Duration measure, ServerCpu server) {
        Histogram warm = new Histogram();
        Histogram hist = new Histogram();
        LongAdder ops = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        // 0 = warm-up, 1 = measured, 2 = stop
        int[] phase = {0};
        List<Thread> threads = new ArrayList<>(vthreads);
        for (int i = 0; i < vthreads; i++) {
            threads.add(Thread.ofVirtual().name("bench-" + i).start(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (true) {
                    int p = readPhase(phase);
                    if (p == 2) {
                        return;
                    }
                    int id = 1 + rnd.nextInt(idMax);
                    long t0 = System.nanoTime();
                    try {
                        Object v = t.pointSelect(q, id);
                        if (v == null) {
                            throw new IllegalStateException("no row for id " + id);
                        }
                    } catch (Throwable e) {
                        errors.increment();
                        firstError.compareAndSet(null, e);
                        if (errors.sum() > 1000) {
                            return;
                        }
                        continue;
                    }
                    long dt = System.nanoTime() - t0;
                    if (p == 1) {
                        hist.record(dt);
                        ops.increment();
                    } else {
                        warm.record(dt);
                    }
                }
            }));
        }
        sleep(warmup);
        long errorsAtStart = errors.sum();
        // the /proc scan runs outside this JVM's CPU window so it is not charged to the client
        ServerCpu.Window serverWindow = server.start();
        long cpu0 = Cpu.processCpuNanos();
        long t0 = System.nanoTime();
        setPhase(phase, 1);
        sleep(measure);
        setPhase(phase, 2);
        long t1 = System.nanoTime();
        long cpu1 = Cpu.processCpuNanos();
        ServerCpu.Usage serverUsage = serverWindow.stop();
        long n = ops.sum();
        for (Thread th : threads) {
            try {
                th.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long errs = errors.sum() - errorsAtStart;
        if (n == 0 || errs > n / 100) {
            Throwable e = firstError.get();
            return Cell.failed(w, t.db(), t.name(), variant, (e == null ? "no operations completed"
                    : e.toString()) + " (" + errs + " errors, " + n + " ok)");
        }
        double secs = (t1 - t0) / 1e9;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("p50_us", hist.quantile(0.50) / 1e3);
        extra.put("p99_us", hist.quantile(0.99) / 1e3);
        extra.put("cpu_us_per_op", cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / n);
        // the client's and the server's cores, so the report can tell which one filled the machine
        extra.put("client_cpu_share", cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / (double) (t1 - t0));
        extra.put("cores", Runtime.getRuntime().availableProcessors());
        serverUsage.putInto(extra, "us_per_op", 1e3, n);
        extra.put("ops", n);
        extra.put("seconds", secs);
        extra.put("vthreads", vthreads);
        extra.put("errors", errs);
        return new Cell(w, t.db(), t.name(), variant, n / secs, "ops/s", extra, null);
    }

    // The phase is read and written through a volatile-like fence: a plain int[] read could be
    // hoisted out of the loop by the JIT.
    private static final java.lang.invoke.VarHandle AA = java.lang.invoke.MethodHandles.arrayElementVarHandle(int[].class);

    private static int readPhase(int[] phase) {
        return (int) AA.getVolatile(phase, 0);
    }

    private static void setPhase(int[] phase, int p) {
        AA.setVolatile(phase, 0, p);
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
