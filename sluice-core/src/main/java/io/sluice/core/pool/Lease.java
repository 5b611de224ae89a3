package io.sluice.core.pool;

import io.sluice.core.error.HandleReleasedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;

/**
 * One checkout of a pooled resource. Give it back exactly once with {@link #release()} (or
 * {@link #close()}, for try-with-resources) or throw the resource away with {@link #invalidate};
 * both are idempotent and the first one wins. After that the lease is dead: {@link #resource()}
 * throws, because the resource may already serve another borrower. A fresh lease is made per
 * checkout (never recycled) precisely so a stale reference cannot come back to life.
 *
 * <p>Thread-safe: release may race with invalidate or with itself; exactly one takes effect.
 *
 * @param <C> the pooled resource type
 */
public final class Lease<C> implements AutoCloseable {
    private static final VarHandle RELEASED_AT;
    /** {@link #releasedAt} until the lease is released (System.nanoTime() never returns it in practice). */
    private static final long HELD = Long.MIN_VALUE;

    static {
        try {
            RELEASED_AT = MethodHandles.lookup().findVarHandle(Lease.class, "releasedAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Pool<C> pool;
    final PooledEntry<C> entry;
    final long borrowedAt;
    /** Where borrow() was called; only captured when leak detection is on. */
    final Throwable borrowSite;
    /**
     * When the lease was released, or {@link #HELD}. One field is both the "released" flag and the
     * release time so a release costs a single compare-and-set (this is on every borrow's path).
     */
    private volatile long releasedAt = HELD;
    volatile boolean leakReported;

    Lease(Pool<C> pool, PooledEntry<C> entry, long borrowedAt, Throwable borrowSite) {
        this.pool = pool;
        this.entry = entry;
        this.borrowedAt = borrowedAt;
        this.borrowSite = borrowSite;
    }

    /**
     * The borrowed resource.
     *
     * @throws HandleReleasedException if the lease was already released or invalidated
     */
    public C resource() {
        if (releasedAt != HELD) {
            throw new HandleReleasedException("connection handle used after it was returned to the pool (connection #"
                    + entry.id + ")");
        }
        return entry.resource;
    }

    /**
     * Returns the resource: it is reset through the manager, then handed to the longest waiter, kept
     * idle, or closed (overflow, expired, broken, failed reset, pool disposed). Idempotent.
     */
    public void release() {
        long now = now();
        if (RELEASED_AT.compareAndSet(this, HELD, now)) {
            pool.checkin(this, now, null);
        }
    }

    /**
     * Closes the resource instead of returning it (its state is unknown or bad) and frees its slot,
     * so a waiter can open a replacement. No-op if already released.
     */
    public void invalidate(String reason) {
        long now = now();
        if (RELEASED_AT.compareAndSet(this, HELD, now)) {
            pool.checkin(this, now, reason == null || reason.isBlank() ? "invalidated by holder" : reason);
        }
    }

    private static long now() {
        long now = System.nanoTime();
        return now == HELD ? now + 1 : now;
    }

    /** Same as {@link #release()}. */
    @Override
    public void close() {
        release();
    }

    /** True once released or invalidated. */
    public boolean isReleased() {
        return releasedAt != HELD;
    }

    /** How long the resource has been held (up to its release, once released). */
    public Duration heldFor() {
        long r = releasedAt;
        long end = r != HELD ? r : System.nanoTime();
        return Duration.ofNanos(Math.max(0, end - borrowedAt));
    }

    /** The pooled connection's id: unique in its pool and stable across leases of the same connection (for logs). */
    public long id() {
        return entry.id;
    }

    @Override
    public String toString() {
        return "Lease[connection #" + entry.id + (isReleased() ? ", released]" : ", held " + heldFor().toMillis() + " ms]");
    }
}
