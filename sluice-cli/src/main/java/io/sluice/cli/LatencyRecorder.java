package io.sluice.cli;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram in the manner of HdrHistogram, finer than the engine's
 * {@code LatencyHistogram} (8 sub-buckets, ~9%) because a load report quotes p99.9: values are
 * microseconds, exact below 256 us, then 128 linear sub-buckets per power of two, so a reported
 * percentile is at most 0.8% above the true value. Range 1 us to 2^36 us (19 hours); longer values
 * land in the last bucket while {@link #maxMicros()} stays exact.
 */
final class LatencyRecorder {
    private static final int SUB_BITS = 7;
    private static final int SUB = 1 << SUB_BITS; // 128
    private static final int EXACT = 2 * SUB; // values below 256 have a bucket each
    private static final int MAX_EXP = 36;
    static final int BUCKETS = EXACT + (MAX_EXP - SUB_BITS) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder total = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final AtomicLong max = new AtomicLong();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);

    void recordNanos(long nanos) {
        recordMicros(Math.max(0, nanos) / 1000);
    }

    void recordMicros(long us) {
        long v = Math.max(0, us);
        counts.incrementAndGet(bucket(v));
        total.increment();
        sum.add(v);
        max.accumulateAndGet(v, Math::max);
        min.accumulateAndGet(v, Math::min);
    }

    static int bucket(long us) {
        if (us < EXACT) {
            return (int) us;
        }
        int exp = 63 - Long.numberOfLeadingZeros(us); // >= 8
        if (exp > MAX_EXP) {
            return BUCKETS - 1;
        }
        int shift = exp - SUB_BITS;
        int sub = (int) (us >>> shift) - SUB; // 0..127
        return EXACT + (exp - SUB_BITS - 1) * SUB + sub;
    }

    /** The largest value that falls in bucket {@code b}. */
    static long highestEquivalent(int b) {
        if (b < EXACT) {
            return b;
        }
        int exp = (b - EXACT) / SUB + SUB_BITS + 1;
        int sub = (b - EXACT) % SUB;
        int shift = exp - SUB_BITS;
        return ((long) (SUB + sub + 1) << shift) - 1;
    }

    long count() {
        return total.sum();
    }

    /** The p-th percentile (0..100] in microseconds, 0 when empty; never above {@link #maxMicros()}. */
    long percentileMicros(double p) {
        long n = total.sum();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        long mx = max.get();
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts.get(b);
            if (seen >= rank) {
                return Math.max(Math.min(highestEquivalent(b), mx), minMicros());
            }
        }
        return mx;
    }

    long maxMicros() {
        return total.sum() == 0 ? 0 : max.get();
    }

    long minMicros() {
        return total.sum() == 0 ? 0 : min.get();
    }

    double meanMicros() {
        long n = total.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /** The usual report figures. */
    Summary summary() {
        return new Summary(count(), minMicros(), meanMicros(), percentileMicros(50), percentileMicros(90),
                percentileMicros(95), percentileMicros(99), percentileMicros(99.9), maxMicros());
    }

    /** Latency figures in microseconds. */
    record Summary(long count, long min, double mean, long p50, long p90, long p95, long p99, long p999, long max) {
    }
}
