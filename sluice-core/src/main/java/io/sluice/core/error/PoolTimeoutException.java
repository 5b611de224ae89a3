package io.sluice.core.error;

/**
 * No pooled connection became available within the pool timeout: every slot (pool size plus
 * overflow) was in use. The connection state is not involved, so {@link #isConnectionBroken()} is
 * false. The message states the timeout and the pool's occupancy at that moment, in the spirit of
 * SQLAlchemy's "QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30".
 * Retrying may succeed once load drops, but that is the caller's policy, so {@link #isRetryable()}
 * stays false.
 */
public class PoolTimeoutException extends TimeoutException {
    private final long timeoutMillis;
    private final int poolSize;
    private final int overflow;
    private final int inUse;
    private final int waiting;

    public PoolTimeoutException(String message, long timeoutMillis, int poolSize, int overflow, int inUse, int waiting) {
        super(message, false, null);
        this.timeoutMillis = timeoutMillis;
        this.poolSize = poolSize;
        this.overflow = overflow;
        this.inUse = inUse;
        this.waiting = waiting;
    }

    /** The timeout that expired, in milliseconds. */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** The configured pool size (connections kept). */
    public int poolSize() {
        return poolSize;
    }

    /** Connections open beyond the pool size when the wait expired. */
    public int overflow() {
        return overflow;
    }

    /** Connections lent out when the wait expired. */
    public int inUse() {
        return inUse;
    }

    /** Borrowers queued when the wait expired, this one included. */
    public int waiting() {
        return waiting;
    }
}
