package io.sluice.core.engine;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free latency recording with log-linear buckets (8 sub-buckets per power of two, so any
 * percentile is within ~9% of the true value) from 1 microsecond to about 70 minutes. Recording is
 * one atomic increment; reading percentiles walks 256 counters.
 */
public final class LatencyHistogram {
    private static final int SUB = 8;
    private static final int BUCKETS = 32 * SUB;
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();
    private volatile long maxMicros;

    public void record(long nanos) {
        long us = Math.max(1, nanos / 1000);
        counts.incrementAndGet(bucket(us));
        total.increment();
        sumMicros.add(us);
        if (us > maxMicros) {
            maxMicros = us; // racy max is fine: a lost update only under-reports by one sample
        }
    }

    static int bucket(long us) {
        int exp = 63 - Long.numberOfLeadingZeros(us); // floor(log2)
        if (exp < 3) {
            return (int) us; // 1..7 us exact
        }
        int sub = (int) ((us >>> (exp - 3)) & (SUB - 1));
        int b = (exp - 2) * SUB + sub;
        return Math.min(b, BUCKETS - 1);
    }

    /** Upper bound (microseconds) of a bucket. */
    static long upper(int b) {
        if (b < SUB) {
            return b;
        }
        int exp = b / SUB + 2;
        int sub = b % SUB;
        return ((long) (SUB + sub + 1) << (exp - 3)) - 1;
    }

    public long count() {
        return total.sum();
    }

    /** The p-th percentile (0..100) in microseconds, 0 when empty. */
    public long percentileMicros(double p) {
        long n = total.sum();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(p / 100.0 * n);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts.get(b);
            if (seen >= rank) {
                return Math.min(upper(b), maxMicros);
            }
        }
        return maxMicros;
    }

    public long maxMicros() {
        return maxMicros;
    }

    public double meanMicros() {
        long n = total.sum();
        return n == 0 ? 0 : (double) sumMicros.sum() / n;
    }

    public Snapshot snapshot() {
        return new Snapshot(count(), meanMicros(), percentileMicros(50), percentileMicros(95), percentileMicros(99),
                maxMicros());
    }

    /** Latency summary in microseconds. */
    public record Snapshot(long count, double meanMicros, long p50Micros, long p95Micros, long p99Micros, long maxMicros) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "n=%d mean=%.1fms p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms",
                    count, meanMicros / 1000, p50Micros / 1000.0, p95Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0);
        }
    }
}
