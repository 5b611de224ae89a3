package io.sluice.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesWithinBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(i * 1_000_000L); // 1..1000 ms
        }
        assertEquals(1000, h.count());
        long p50 = h.percentileMicros(50);
        long p99 = h.percentileMicros(99);
        assertTrue(Math.abs(p50 - 500_000) <= 500_000 * 0.13, "p50 " + p50);
        assertTrue(Math.abs(p99 - 990_000) <= 990_000 * 0.13, "p99 " + p99);
        assertEquals(1_000_000, h.maxMicros());
        assertEquals(500_500, h.meanMicros(), 1);
    }

    @Test
    void bucketsAreMonotonicAndCoverEveryValue() {
        long prevUpper = -1;
        for (int b = 0; b < 256; b++) {
            long up = LatencyHistogram.upper(b);
            assertTrue(up >= prevUpper, "bucket " + b);
            prevUpper = up;
        }
        for (long us = 1; us < 10_000_000_000L; us = us * 3 / 2 + 1) {
            int b = LatencyHistogram.bucket(us);
            assertTrue(LatencyHistogram.upper(b) >= us || b == 255, "value " + us + " bucket " + b);
        }
    }

    @Test
    void emptyIsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.percentileMicros(99));
        assertEquals(0, h.snapshot().count());
    }
}
