package io.sluice.cli;

import io.sluice.core.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the workload. Closed loop (default): each of {@code concurrency} workers starts its next
 * statement as soon as the previous one finishes. Open loop ({@code --rate}): statement k is due at
 * {@code start + k / rate}, whoever picks it up; its latency counts from that due time, so time
 * spent queueing behind slow statements or for a free worker is measured instead of hidden (the
 * "coordinated omission" a closed loop suffers from). Blocking mode runs the workers as virtual
 * threads calling {@code engine.execute}; {@code --async} keeps {@code concurrency} futures of
 * {@code engine.async().execute} in flight from one dispatcher.
 */
final class LoadRunner {
    /** The run's clock marks, from {@link System#nanoTime()}. Warmup is [start, measureFrom). */
    record Timeline(long start, long measureFrom, long end) {
        static Timeline startingNow(LoadOptions o) {
            long start = System.nanoTime();
            long from = start + o.warmup().toNanos();
            return new Timeline(start, from, from + o.duration().toNanos());
        }
    }

    private final Engine engine;
    private final LoadOptions options;
    private final LoadStats stats;
    private final String[] sql;
    private final ParamTemplate[] templates;
    private final int[] schedule;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();
    private final double nanosPerOp;

    LoadRunner(Engine engine, LoadOptions options, LoadStats stats) {
        this.engine = engine;
        this.options = options;
        this.stats = stats;
        int n = options.statements().size();
        this.sql = new String[n];
        this.templates = new ParamTemplate[n];
        int[] weights = new int[n];
        for (int i = 0; i < n; i++) {
            templates[i] = options.statements().get(i).template();
            sql[i] = templates[i].sql();
            weights[i] = options.statements().get(i).weight();
        }
        this.schedule = schedule(weights);
        this.nanosPerOp = options.rate() > 0 ? 1e9 / options.rate() : 0;
    }

    /**
     * Smooth weighted round robin (as in nginx): weights 3 and 1 give 0,0,1,0 rather than
     * 0,0,0,1, so no statement runs in long bursts. One round is the sum of the weights.
     */
    static int[] schedule(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int[] out = new int[total];
        long[] current = new long[weights.length];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out[step] = best;
        }
        return out;
    }

    /** Runs until {@code t.end()} and waits for statements still in flight. */
    void run(Timeline t) throws InterruptedException {
        if (options.async()) {
            runAsync(t);
        } else {
            runBlocking(t);
        }
    }

    private void runBlocking(Timeline t) throws InterruptedException {
        List<Thread> workers = new ArrayList<>(options.concurrency());
        for (int i = 0; i < options.concurrency(); i++) {
            workers.add(Thread.ofVirtual().name("sluice-load-" + i).start(() -> work(t)));
        }
        try {
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Thread::interrupt);
            throw e;
        }
    }

    private void work(Timeline t) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!Thread.currentThread().isInterrupted()) {
            long k = next.getAndIncrement();
            long due = due(t, k);
            if (due >= t.end()) {
                return;
            }
            if (nanosPerOp > 0 && !sleepUntil(due)) {
                return;
            }
            int s = schedule[(int) (k % schedule.length)];
            Object[] params = templates[s].next(random, seq);
            long t0 = System.nanoTime();
            try {
                engine.execute(sql[s], params);
                long t1 = System.nanoTime();
                stats.success(s, t1 - due, t1 - t0, due >= t.measureFrom());
            } catch (RuntimeException e) {
                stats.failure(s, e, due >= t.measureFrom());
            }
        }
    }

    private void runAsync(Timeline t) throws InterruptedException {
        int inFlight = options.concurrency();
        Semaphore permits = new Semaphore(inFlight);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            for (long k = 0; ; k++) {
                long due = due(t, k);
                if (due >= t.end() || (nanosPerOp > 0 && !sleepUntil(due))) {
                    break;
                }
                permits.acquire();
                if (nanosPerOp == 0) {
                    due = System.nanoTime(); // closed loop: the clock starts when a slot is free
                    if (due >= t.end()) {
                        permits.release();
                        break;
                    }
                }
                int s = schedule[(int) (k % schedule.length)];
                long scheduled = due;
                boolean measured = due >= t.measureFrom();
                long t0 = System.nanoTime();
                try {
                    engine.async().execute(sql[s], templates[s].next(random, seq)).whenComplete((r, e) -> {
                        long t1 = System.nanoTime();
                        if (e == null) {
                            stats.success(s, t1 - scheduled, t1 - t0, measured);
                        } else {
                            stats.failure(s, e, measured);
                        }
                        permits.release();
                    });
                } catch (RuntimeException e) {
                    stats.failure(s, e, measured);
                    permits.release();
                }
            }
        } finally {
            permits.acquireUninterruptibly(inFlight); // wait for the stragglers
        }
    }

    /** When statement {@code k} should start: its slot on the rate schedule, or now in a closed loop. */
    private long due(Timeline t, long k) {
        return nanosPerOp > 0 ? t.start() + (long) (k * nanosPerOp) : System.nanoTime();
    }

    /** False when interrupted. */
    private static boolean sleepUntil(long deadline) {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }
}
