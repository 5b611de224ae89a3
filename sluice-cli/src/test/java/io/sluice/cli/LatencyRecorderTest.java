package io.sluice.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyRecorderTest {

    @Test
    void emptyReportsZeros() {
        LatencyRecorder r = new LatencyRecorder();
        assertEquals(new LatencyRecorder.Summary(0, 0, 0, 0, 0, 0, 0, 0, 0), r.summary());
    }

    @Test
    void smallValuesAreExact() {
        LatencyRecorder r = new LatencyRecorder();
        for (int us = 1; us <= 100; us++) {
            r.recordMicros(us);
        }
        assertEquals(50, r.percentileMicros(50));
        assertEquals(90, r.percentileMicros(90));
        assertEquals(99, r.percentileMicros(99));
        assertEquals(100, r.percentileMicros(99.9));
        assertEquals(100, r.percentileMicros(100));
        assertEquals(1, r.minMicros());
        assertEquals(100, r.maxMicros());
        assertEquals(50.5, r.meanMicros(), 1e-9);
    }

    @Test
    void bucketBoundaries() {
        // exact up to 255, then buckets of width 2 (256..511), 4 (512..1023), 8 (1024..2047), ...
        assertEquals(255, LatencyRecorder.bucket(255));
        assertEquals(256, LatencyRecorder.bucket(256));
        assertEquals(256, LatencyRecorder.bucket(257));
        assertEquals(257, LatencyRecorder.bucket(258));
        assertEquals(257, LatencyRecorder.highestEquivalent(LatencyRecorder.bucket(256)));
        assertEquals(511, LatencyRecorder.highestEquivalent(LatencyRecorder.bucket(511)));
        assertEquals(1023, LatencyRecorder.highestEquivalent(LatencyRecorder.bucket(1020)));
        assertEquals(1031, LatencyRecorder.highestEquivalent(LatencyRecorder.bucket(1024)));
        assertEquals(LatencyRecorder.BUCKETS - 1, LatencyRecorder.bucket(Long.MAX_VALUE));
    }

    @Test
    void everyValueLandsInABucketThatContainsIt() {
        for (long v = 0; v < 5_000_000; v += 7) {
            int b = LatencyRecorder.bucket(v);
            assertTrue(LatencyRecorder.highestEquivalent(b) >= v, "bucket of " + v);
            assertTrue(b == 0 || LatencyRecorder.highestEquivalent(b - 1) < v, "previous bucket of " + v);
        }
    }

    @Test
    void percentilesWithinOnePercentOnAWideRange() {
        LatencyRecorder r = new LatencyRecorder();
        for (int us = 1; us <= 1_000_000; us++) {
            r.recordMicros(us);
        }
        double[][] expect = {{50, 500_000}, {90, 900_000}, {99, 990_000}, {99.9, 999_000}};
        for (double[] e : expect) {
            long got = r.percentileMicros(e[0]);
            assertTrue(got >= e[1] && got <= e[1] * 1.01, "p" + e[0] + " = " + got);
        }
        assertEquals(1_000_000, r.percentileMicros(100));
    }

    @Test
    void percentileNeverExceedsMaxNorUndercutsMin() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordMicros(1000);
        r.recordMicros(1000);
        assertEquals(1000, r.percentileMicros(50));
        assertEquals(1000, r.percentileMicros(99.9));
    }

    @Test
    void nanosAreTruncatedToMicros() {
        LatencyRecorder r = new LatencyRecorder();
        r.recordNanos(1_999);
        r.recordNanos(-5); // a clock that went backwards counts as 0
        assertEquals(1, r.maxMicros());
        assertEquals(0, r.minMicros());
        assertEquals(2, r.count());
    }
}
