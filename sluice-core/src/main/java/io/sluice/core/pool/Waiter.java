package io.sluice.core.pool;

/**
 * A borrower parked in the {@link WaiterQueue}. The granting side (under the pool lock) removes the
 * waiter from the queue, fills {@link #entry} and then publishes {@link #grant}; the waiter reads
 * {@code grant} first. Because granting and giving up (timeout, interrupt) both happen under the
 * lock, a grant is never lost: a waiter that wakes for its deadline re-checks {@code grant} under
 * the lock before leaving.
 */
final class Waiter<C> {
    /** What a waiter was given. */
    enum Grant {
        /** A live connection, handed over directly by a returner ({@link #entry} is set). */
        HANDOFF,
        /** A free slot: the waiter opens a new connection itself, outside the lock. */
        CREATE,
        /** The pool was disposed. */
        CLOSED
    }

    final Thread thread;
    Waiter<C> prev;
    Waiter<C> next;
    boolean queued;
    PooledEntry<C> entry;
    volatile Grant grant;

    Waiter(Thread thread) {
        this.thread = thread;
    }
}
