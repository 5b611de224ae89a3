package io.sluice.core.pool;

/**
 * One physical resource and its bookkeeping. Fields other than {@link #lease} are read and written
 * under the pool lock, or by the single thread that currently owns the entry (the borrower holding
 * it, the returner, or the housekeeper checking it while it is out of the idle set).
 */
final class PooledEntry<C> {
    /** Where the entry is; changes only under the pool lock. */
    enum State {
        /** In the idle set. */
        IDLE,
        /** Lent out, or being handed to a waiter. */
        IN_USE,
        /** Taken out of the idle set by housekeeping for a keepalive ping. */
        CHECKING,
        /** Accounted as closed; the owner closes the resource once outside the lock. */
        CLOSED
    }

    final long id;
    final C resource;
    final long createdAt;
    /** Jittered maximum lifetime in nanoseconds, 0 = unlimited. */
    final long lifetimeNanos;

    State state = State.IN_USE;
    /** Last checkin (nanoTime): idle-timeout clock. */
    long lastReturned;
    /** Last time the resource was known alive: checkin, successful ping. Pre-ping clock. */
    long lastChecked;
    /** Why the entry was closed, set with {@link State#CLOSED}. */
    String closeReason;
    /** Whether the close counts as an invalidation. */
    boolean invalid;
    /** Position in the pool's entry list, for O(1) removal. */
    int index = -1;
    /** The current lease; written only when leak detection is on, read by the housekeeper. */
    volatile Lease<C> lease;

    PooledEntry(long id, C resource, long createdAt, long lifetimeNanos) {
        this.id = id;
        this.resource = resource;
        this.createdAt = createdAt;
        this.lifetimeNanos = lifetimeNanos;
        this.lastReturned = createdAt;
        this.lastChecked = createdAt;
    }

    boolean expired(long now) {
        return lifetimeNanos > 0 && now - createdAt >= lifetimeNanos;
    }

    void markClosed(String reason, boolean invalidated) {
        state = State.CLOSED;
        closeReason = reason;
        invalid = invalidated;
    }
}
