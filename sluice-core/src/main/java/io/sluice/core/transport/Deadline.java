package io.sluice.core.transport;

import java.time.Duration;

/**
 * A point in time that several steps spend from (design rule: timeouts are budgets). A connect
 * deadline covers TCP, TLS, authentication and session set-up together, not each step afresh.
 */
public record Deadline(long atNanos, boolean unlimited) {

    public static Deadline after(Duration d) {
        if (d == null || d.isZero()) {
            return new Deadline(0, true);
        }
        return new Deadline(System.nanoTime() + d.toNanos(), false);
    }

    /** Time left; {@link Duration#ZERO} means unlimited, so callers pass it straight to socket timeouts. */
    public Duration remainingOrZeroForUnlimited() {
        if (unlimited) {
            return Duration.ZERO;
        }
        long left = atNanos - System.nanoTime();
        return Duration.ofNanos(Math.max(left, 1_000_000)); // at least 1 ms: zero would mean "no timeout"
    }

    public boolean expired() {
        return !unlimited && System.nanoTime() - atNanos >= 0;
    }
}
