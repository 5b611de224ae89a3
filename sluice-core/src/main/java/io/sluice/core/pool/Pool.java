package io.sluice.core.pool;

import io.sluice.core.error.OperationInterruptedException;
import io.sluice.core.error.PoolClosedException;
import io.sluice.core.error.PoolTimeoutException;
import io.sluice.core.error.UsageException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A generic resource pool with SQLAlchemy QueuePool semantics, built for virtual threads. It knows
 * nothing about SQL: a {@link ResourceManager} creates, validates, resets and closes resources.
 *
 * <p><b>Limits.</b> At most {@code poolSize + maxOverflow} resources are open (or being opened) at
 * once. Up to {@code poolSize} are kept idle; a resource returned while more than {@code poolSize}
 * are open, and nobody waits, is closed (overflow closed on return).
 *
 * <p><b>Waiting is fair.</b> When every slot is busy, borrowers queue in arrival order and a new
 * borrower never overtakes the queue. A returned resource goes straight to the longest waiter and
 * only that thread is unparked (no thundering herd); a freed slot (a resource closed, a creation
 * failed) becomes a "create" grant for the longest waiter. Granting and giving up both happen under
 * the lock, so a release racing a timeout can neither lose the resource nor hand it to a borrower
 * that has gone (see {@link PoolState}).
 *
 * <p><b>No I/O under the lock.</b> The lock guards counters and the waiter queue only (the idle set
 * is lock-free); create, validate, reset and close run outside it on the borrower's, returner's or
 * housekeeper's thread. A creation failure frees the slot first, then propagates to that borrower alone.
 *
 * <p><b>Hot path.</b> A borrow that finds an idle resource while nobody waits, and a release while
 * nobody waits, take no lock at all (see {@link PoolState}, {@link IdleSet}); a borrow allocates one
 * {@link Lease}: no thread-locals, no {@code synchronized}. Waiters park without a timer; a sweep per
 * pool wakes them at their deadline ({@link Waiting}). A pre-ping happens only for a resource idle
 * at least {@link PoolConfig#prePingAfter()}; reset runs on every return (as SQLAlchemy's
 * reset-on-return), before the keep-or-close decision.
 *
 * @param <C> the pooled resource type
 */
public final class Pool<C> implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("io.sluice.core.pool");
    static final String RECYCLED = "recycled (max lifetime reached)";
    static final String DISPOSED = "pool disposed";
    static final String OVERFLOW = "overflow";
    static final String IDLE_TIMEOUT = "idle timeout";

    final PoolConfig config;
    final ResourceManager<C> manager;
    final PoolListener<C> listener;
    final String name;
    final PoolState<C> state;
    private final Housekeeper<C> housekeeper;
    private final AtomicLong ids = new AtomicLong();
    private final long defaultTimeoutNanos;
    private final long prePingNanos;
    private final long recycleNanos;
    final long leakNanos;

    public Pool(PoolConfig config, ResourceManager<C> manager) {
        this(config, manager, null);
    }

    /** Starts the pool; with {@code minIdle > 0} the warm-up begins in the background at once. */
    public Pool(PoolConfig config, ResourceManager<C> manager, PoolListener<C> listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.name = config.name();
        this.listener = new GuardedListener<>(listener == null ? new PoolListener<>() { } : listener, name);
        this.state = new PoolState<>(config);
        this.defaultTimeoutNanos = nanos(config.poolTimeout());
        this.prePingNanos = config.prePingAfter() == null ? -1 : nanos(config.prePingAfter());
        this.recycleNanos = nanos(config.recycle());
        this.leakNanos = nanos(config.leakDetectionThreshold());
        this.housekeeper = new Housekeeper<>(this);
        housekeeper.start();
    }

    /** Borrows with the configured {@link PoolConfig#poolTimeout()}; see {@link #borrow(Duration)}. */
    public Lease<C> borrow() {
        return borrow(defaultTimeoutNanos);
    }

    /**
     * Borrows a resource, waiting up to {@code timeout} (zero: do not wait) when all are in use. A
     * resource found dead, broken or expired on the way out is closed and replaced without the
     * caller noticing; only the failure to open a replacement reaches the caller.
     *
     * @throws PoolTimeoutException when the wait expired
     * @throws PoolClosedException when the pool is or gets disposed
     * @throws OperationInterruptedException when interrupted while waiting (the flag is restored)
     * @throws RuntimeException whatever {@link ResourceManager#create()} threw for this borrower
     */
    public Lease<C> borrow(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new UsageException("borrow timeout must be >= 0, was " + timeout);
        }
        return borrow(nanos(timeout));
    }

    private Lease<C> borrow(long timeoutNanos) {
        long start = System.nanoTime();
        PooledEntry<C> e = state.acquireFast();
        // taken lock-free a few nanoseconds after 'start': the checks below may use it as "now" and
        // save a clock read (one of three per borrow + return, a measurable share of the hot path)
        boolean atStart = e != null;
        if (!atStart) {
            e = state.acquire(start, timeoutNanos, listener);
        }
        return checkout(e, start, atStart);
    }

    /**
     * An idle resource if one is there right now and nobody queues, else null: never waits, never
     * opens a new one (unless the idle one found is bad and must be replaced), never throws a
     * timeout. For callers with somewhere else to go (the engine's shared connections).
     */
    public Lease<C> tryBorrowIdle() {
        long start = System.nanoTime();
        PooledEntry<C> e = state.acquireFast();
        return e == null ? null : checkout(e, start, true);
    }

    /** Lends {@code e} (null: a reserved slot to open) after the checkout checks, replacing bad ones. */
    private Lease<C> checkout(PooledEntry<C> e, long start, boolean atStart) {
        while (true) {
            if (e == null) { // we hold a reserved slot: open a fresh resource (no ping needed)
                e = open();
                if (e.state == PooledEntry.State.CLOSED) {
                    finishClose(e);
                    throw state.closedError();
                }
                return lend(e, start, System.nanoTime());
            }
            long now = atStart ? start : System.nanoTime();
            atStart = false;
            String problem = checkoutProblem(e, now);
            if (problem == null) {
                return lend(e, start, now);
            }
            // Bounded: each round closes one resource; opening a new one (which may throw) ends it.
            e = replace(e, problem);
        }
    }

    /** Why an entry about to be lent must not be, or null. Runs outside the lock (may ping). */
    private String checkoutProblem(PooledEntry<C> e, long now) {
        if (e.expired(now)) {
            return RECYCLED;
        }
        if (broken(e.resource)) {
            return "broken";
        }
        if (prePingNanos >= 0 && now - e.lastChecked >= prePingNanos) {
            if (!validate(e.resource)) {
                return "pre-ping failed";
            }
            e.lastChecked = System.nanoTime();
        }
        return null;
    }

    /** Closes a bad entry we hold; returns the next idle entry, or null with a slot kept for us. */
    private PooledEntry<C> replace(PooledEntry<C> bad, String reason) {
        PooledEntry<C> next = null;
        Waiter<C> wake = null;
        boolean gone;
        state.lock.lock();
        try {
            state.markClosedLocked(bad, reason, !RECYCLED.equals(reason));
            gone = state.disposed;
            if (!gone) {
                next = state.idle.poll();
                if (next != null) {
                    next.state = PooledEntry.State.IN_USE;
                    wake = state.slotFreedLocked();
                } else {
                    state.pendingCount++; // keep the bad one's slot to open a replacement
                }
            }
        } finally {
            state.lock.unlock();
        }
        PoolState.wake(wake);
        finishClose(bad);
        if (gone) {
            throw state.closedError();
        }
        return next;
    }

    private Lease<C> lend(PooledEntry<C> e, long start, long now) {
        boolean leakCheck = leakNanos > 0;
        // The stack is filled in here, inside borrow(), so the caller's frames are in it.
        Lease<C> lease = new Lease<>(this, e, now, leakCheck ? new Throwable("borrowed here") : null);
        if (leakCheck) {
            e.lease = lease;
        }
        listener.onCheckout(e.resource, now - start);
        return lease;
    }

    /** Called exactly once per lease, by {@link Lease#release()} (no reason) or {@link Lease#invalidate}. */
    void checkin(Lease<C> lease, long now, String invalidReason) {
        PooledEntry<C> e = lease.entry;
        C c = e.resource;
        if (leakNanos > 0) {
            e.lease = null;
        }
        listener.onCheckin(c);
        String reason = invalidReason;
        boolean invalid = reason != null;
        if (reason == null) {
            if (state.disposed) {
                reason = DISPOSED;
            } else if (e.expired(now)) {
                reason = RECYCLED;
            } else if (broken(c)) {
                reason = "broken";
                invalid = true;
            } else {
                try {
                    manager.reset(c);
                } catch (RuntimeException ex) {
                    reason = "reset failed: " + ex;
                    invalid = true;
                }
            }
        }
        if (reason == null && state.offerFast(e, now)) {
            if (state.needsRepair()) {
                repair();
            }
            return;
        }
        Waiter<C> wake;
        boolean close;
        state.lock.lock();
        try {
            wake = reason != null ? state.closeLocked(e, reason, invalid) : state.offerLocked(e, now, true);
            close = e.state == PooledEntry.State.CLOSED; // read under the lock: a waiter may own it next
        } finally {
            state.lock.unlock();
        }
        PoolState.wake(wake);
        if (close) {
            finishClose(e);
        }
    }

    /**
     * After a lock-free return that raced a borrower queueing or a dispose: serve the waiters from the
     * idle set, and close what a disposed pool still holds idle. Both sides of each race check, so
     * nothing is stranded; running this when the other side already did is harmless.
     */
    private void repair() {
        List<Waiter<C>> wake;
        List<PooledEntry<C>> doomed = List.of();
        state.lock.lock();
        try {
            wake = state.drainLocked(null);
            if (state.disposed) {
                doomed = state.closeIdleLocked();
            }
        } finally {
            state.lock.unlock();
        }
        PoolState.wake(wake);
        doomed.forEach(this::finishClose);
    }

    /**
     * Opens a resource for a slot the caller reserved. On failure the slot is freed (passed to the
     * longest waiter) and the error rethrown unchanged. If the pool was disposed meanwhile the entry
     * comes back CLOSED, already accounted, and the caller must {@link #finishClose} it.
     */
    PooledEntry<C> open() {
        C c;
        try {
            c = manager.create();
            if (c == null) {
                throw new UsageException("ResourceManager.create() returned null");
            }
        } catch (Throwable t) {
            PoolState.wake(state.releasePending());
            throw t;
        }
        PooledEntry<C> e = new PooledEntry<>(ids.incrementAndGet(), c, System.nanoTime(), jitteredLifetime());
        state.registerOpened(e);
        listener.onCreate(c);
        return e;
    }

    /** Closes a resource already accounted as closed; outside the lock. */
    void finishClose(PooledEntry<C> e) {
        C c = e.resource;
        if (e.invalid) {
            listener.onInvalidate(c, e.closeReason);
        }
        try {
            manager.close(c);
        } catch (RuntimeException ex) {
            LOG.log(Level.DEBUG, () -> "pool '" + name + "': closing connection #" + e.id + " failed: " + ex);
        }
        listener.onClose(c, e.closeReason);
        if (config.minIdle() > 0 && !state.disposed) {
            housekeeper.trigger(); // refill to minIdle in the background
        }
    }

    boolean validate(C c) {
        try {
            return manager.validate(c, config.validationTimeout());
        } catch (RuntimeException ex) {
            LOG.log(Level.DEBUG, () -> "pool '" + name + "': validation threw " + ex);
            return false;
        }
    }

    private boolean broken(C c) {
        try {
            return manager.isBroken(c);
        } catch (RuntimeException ex) {
            return true;
        }
    }

    private long jitteredLifetime() {
        if (recycleNanos == 0) {
            return 0;
        }
        double factor = 1 + (ThreadLocalRandom.current().nextDouble() - 0.5) * 0.05; // +/- 2.5%
        return Math.max(1, (long) (recycleNanos * factor));
    }

    /** A snapshot of the pool's counters (see {@link PoolStatus} for what lock-free borrows leave approximate). */
    public PoolStatus status() {
        return state.status();
    }

    /** Borrowers queued for a resource right now (one volatile read: cheap enough for a hot path). */
    public int waiterCount() {
        return state.waiters.size();
    }

    public PoolConfig config() {
        return config;
    }

    public boolean isDisposed() {
        return state.disposed;
    }

    /**
     * Closes idle resources now and lent ones as they come back; queued borrowers and later borrows
     * fail with {@link PoolClosedException}. Stops housekeeping. Idempotent.
     */
    public void dispose() {
        List<Waiter<C>> toWake = new ArrayList<>();
        List<PooledEntry<C>> toClose;
        state.lock.lock();
        try {
            if (state.disposed) {
                return;
            }
            toClose = state.disposeLocked(toWake);
        } finally {
            state.lock.unlock();
        }
        housekeeper.stop();
        toWake.forEach(PoolState::wake);
        toClose.forEach(this::finishClose);
    }

    /** Same as {@link #dispose()}. */
    @Override
    public void close() {
        dispose();
    }

    @Override
    public String toString() {
        return "Pool[" + name + ": " + status() + "]";
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
