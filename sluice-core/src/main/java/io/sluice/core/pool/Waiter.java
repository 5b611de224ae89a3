package io.sluice.core.pool;

/**
 * A borrower parked in the {@link WaiterQueue}. The granting side (under the pool lock) removes the
 * waiter from the queue, fills {@link #entry} and then publishes {@link #grant}; the waiter reads
 * {@code grant} first. Because granting and giving up (timeout, interrupt) both happen under the
 * lock, a grant is never lost: a waiter that wakes for its deadline re-checks {@code grant} under
 * the lock before leaving.
 *
 * <p>The waiter parks without a timeout (a timed park costs a timer task per wait on a virtual
 * thread); the pool's {@link Waiting} unparks it once {@link #deadline} has passed.
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
    /** System.nanoTime() after which the waiter gives up; meaningful only when {@link #timed}. */
    final long deadline;
    /** False for timeouts so long (decades) that they cannot expire in practice. */
    final boolean timed;
    Waiter<C> prev;
    Waiter<C> next;
    boolean queued;
    /** Set under the lock once the sweeper has woken this waiter for its deadline. */
    boolean poked;
    PooledEntry<C> entry;
    volatile Grant grant;

    Waiter(Thread thread, long deadline, boolean timed) {
        this.thread = thread;
        this.deadline = deadline;
        this.timed = timed;
    }
}
