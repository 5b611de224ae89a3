package io.sluice.core.pool;

import java.time.Duration;

/**
 * Pool events for metrics and tracing. Every method has a no-op default so a listener overrides only
 * what it needs. Called outside the pool lock, on the thread that caused the event (borrower,
 * returner or housekeeper). An exception thrown here is logged and otherwise ignored; it never
 * breaks the pool. Keep implementations fast: checkout and checkin sit on the hot path.
 *
 * @param <C> the pooled resource type
 */
public interface PoolListener<C> {

    /** A new resource was opened ("connect"). */
    default void onCreate(C c) {
    }

    /** A resource was lent out; {@code waitNanos} is the time the borrower spent in {@code borrow} (0-ish when one was idle). */
    default void onCheckout(C c, long waitNanos) {
    }

    /** A lease was released (before reset, and before any decision to close the resource). */
    default void onCheckin(C c) {
    }

    /** A borrow gave up after waiting {@code waitNanos}: the pool timeout expired. */
    default void onTimeout(long waitNanos) {
    }

    /**
     * A resource was found unusable (failed pre-ping or keepalive, broken, failed reset, or
     * invalidated by its holder); {@link #onClose} follows.
     */
    default void onInvalidate(C c, String reason) {
    }

    /** A resource was closed; {@code reason} says why ("overflow", "recycled", "idle timeout", ...). */
    default void onClose(C c, String reason) {
    }

    /**
     * A lease has been held longer than the leak-detection threshold. Reported once per lease.
     *
     * @param borrowerStack where {@code borrow} was called
     * @param heldFor how long it has been held so far
     */
    default void onLeak(C c, StackTraceElement[] borrowerStack, Duration heldFor) {
    }
}
