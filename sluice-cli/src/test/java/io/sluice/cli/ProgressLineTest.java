package io.sluice.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressLineTest {

    @Test
    void shortMillisKeepsThreeSignificantDigits() {
        assertEquals("-", ProgressLine.shortMillis(new LatencyRecorder(), 50));
        assertEquals("0.12ms", millisOf(123));
        assertEquals("9.99ms", millisOf(9_990));
        assertEquals("12.3ms", millisOf(12_300));
        assertEquals("457ms", millisOf(456_900));
    }

    private static String millisOf(long micros) {
        LatencyRecorder r = new LatencyRecorder();
        r.recordMicros(micros);
        return ProgressLine.shortMillis(r, 50);
    }
}
