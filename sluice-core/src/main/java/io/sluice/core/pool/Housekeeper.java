package io.sluice.core.pool;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Background upkeep of one pool: retire expired and idle-timed-out connections (down to minIdle),
 * ping idle ones every {@code keepalive}, report leases held past the leak threshold, and open
 * connections up to {@code minIdle}.
 *
 * <p>Threads: one daemon timer thread shared by every pool only <em>triggers</em> runs; each run
 * executes on a short-lived virtual thread, at most one per pool at a time. So a pool whose server
 * hangs in {@code create} or {@code validate} cannot stall the housekeeping of other pools, and the
 * pool lock is only ever held for bookkeeping, never across I/O.
 */
final class Housekeeper<C> {
    /** Shared by every pool: housekeeping triggers and {@link Waiting} sweeps (both quick). */
    static final ScheduledThreadPoolExecutor TIMER;
    private static final long MIN_PERIOD = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PERIOD = TimeUnit.SECONDS.toNanos(30);

    static {
        TIMER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("sluice-pool-timer");
            t.setDaemon(true);
            return t;
        });
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private final Pool<C> pool;
    private final PoolState<C> state;
    private final int minIdle;
    private final long idleTimeoutNanos;
    private final long keepaliveNanos;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean again;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> tick;

    Housekeeper(Pool<C> pool) {
        this.pool = pool;
        this.state = pool.state;
        this.minIdle = pool.config.minIdle();
        this.idleTimeoutNanos = Pool.nanos(pool.config.idleTimeout());
        this.keepaliveNanos = Pool.nanos(pool.config.keepalive());
    }

    /**
     * Runs every quarter of the shortest enabled interval (idleTimeout, keepalive, leak threshold,
     * recycle), clamped to 10ms..30s, so each deadline is met within about 25% of itself.
     */
    static long period(PoolConfig c) {
        long p = Long.MAX_VALUE;
        for (Duration d : List.of(c.idleTimeout(), c.keepalive(), c.leakDetectionThreshold(), c.recycle())) {
            if (!d.isZero()) {
                p = Math.min(p, Pool.nanos(d) / 4);
            }
        }
        if (p == Long.MAX_VALUE) {
            return c.minIdle() > 0 ? MAX_PERIOD : 0;
        }
        return Math.max(MIN_PERIOD, Math.min(MAX_PERIOD, p));
    }

    void start() {
        long p = period(pool.config);
        if (p > 0) {
            tick = TIMER.scheduleWithFixedDelay(this::trigger, p, p, TimeUnit.NANOSECONDS);
        }
        if (minIdle > 0) {
            trigger(); // warm up now
        }
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> t = tick;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Asks for a run soon; cheap and safe to call from any thread, coalesces with a run in progress. */
    void trigger() {
        if (stopped) {
            return;
        }
        again = true;
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name("sluice-pool-" + pool.name + "-housekeeper").start(this::runLoop);
        }
    }

    private void runLoop() {
        do {
            try {
                while (again && !stopped) {
                    again = false;
                    runOnce();
                }
            } catch (RuntimeException e) {
                Pool.LOG.log(Level.WARNING, () -> "pool '" + pool.name + "': housekeeping failed: " + e, e);
            } finally {
                running.set(false);
            }
            // A trigger that arrived after our last check but before running was cleared is ours.
        } while (again && !stopped && running.compareAndSet(false, true));
    }

    void runOnce() {
        retireIdle(System.nanoTime());
        if (keepaliveNanos > 0) {
            keepalive();
        }
        if (pool.leakNanos > 0) {
            scanLeaks(System.nanoTime());
        }
        fill();
    }

    /** Closes idle connections past their lifetime, and those idle too long above minIdle. */
    private void retireIdle(long now) {
        List<PooledEntry<C>> doomed = new ArrayList<>();
        List<Waiter<C>> wake = new ArrayList<>();
        state.lock.lock();
        try {
            if (state.disposed) {
                return;
            }
            int excess = state.openCount - minIdle;
            for (PooledEntry<C> e : state.idle.longestIdleFirst()) {
                // Borrowers take idle entries without the lock: claim it first, then decide on what we own
                // (it may have been lent and returned since the snapshot, with fresh timestamps).
                if (retireReason(e, now, excess) == null || !state.idle.remove(e)) {
                    continue;
                }
                String reason = retireReason(e, now, excess);
                if (reason == null) {
                    Waiter<C> w = state.restoreLocked(e);
                    if (w != null) {
                        wake.add(w);
                    }
                    continue;
                }
                excess--;
                Waiter<C> w = state.closeLocked(e, reason, false);
                if (w != null) {
                    wake.add(w);
                }
                doomed.add(e);
            }
        } finally {
            state.lock.unlock();
        }
        wake.forEach(PoolState::wake);
        doomed.forEach(pool::finishClose);
    }

    private String retireReason(PooledEntry<C> e, long now, int excess) {
        if (e.expired(now)) {
            return Pool.RECYCLED;
        }
        if (idleTimeoutNanos > 0 && excess > 0 && now - e.lastReturned >= idleTimeoutNanos) {
            return Pool.IDLE_TIMEOUT;
        }
        return null;
    }

    /**
     * Pings idle connections not known alive for {@code keepalive}, one at a time so borrowers never
     * find the idle set emptied by housekeeping. Each is checked at most once per run.
     */
    private void keepalive() {
        int budget = Integer.MAX_VALUE;
        for (int i = 0; i < budget; i++) {
            PooledEntry<C> e = null;
            Waiter<C> putBack = null;
            boolean restored = false;
            state.lock.lock();
            try {
                if (state.disposed) {
                    return;
                }
                if (budget == Integer.MAX_VALUE) {
                    budget = state.idle.size();
                }
                long now = System.nanoTime();
                for (PooledEntry<C> c : state.idle.longestIdleFirst()) {
                    if (now - c.lastChecked >= keepaliveNanos && state.idle.remove(c)) {
                        if (now - c.lastChecked < keepaliveNanos) { // lent and returned since the snapshot
                            putBack = state.restoreLocked(c);
                            restored = true;
                            break;
                        }
                        c.state = PooledEntry.State.CHECKING;
                        state.checkingCount++;
                        e = c;
                        break;
                    }
                }
            } finally {
                state.lock.unlock();
            }
            PoolState.wake(putBack);
            if (e == null) {
                if (restored) {
                    continue;
                }
                return;
            }
            boolean alive = pool.validate(e.resource);
            Waiter<C> w;
            boolean close;
            state.lock.lock();
            try {
                state.checkingCount--;
                if (alive) {
                    e.lastChecked = System.nanoTime();
                    w = state.offerLocked(e, 0, false);
                } else {
                    w = state.closeLocked(e, "keepalive ping failed", true);
                }
                close = e.state == PooledEntry.State.CLOSED;
            } finally {
                state.lock.unlock();
            }
            PoolState.wake(w);
            if (close) {
                pool.finishClose(e);
            }
        }
    }

    /** Reports each lease held past the threshold once: WARNING log with the borrower's stack, and the listener. */
    private void scanLeaks(long now) {
        for (PooledEntry<C> e : state.entriesSnapshot()) {
            Lease<C> l = e.lease;
            if (l == null || l.leakReported || l.isReleased() || now - l.borrowedAt < pool.leakNanos) {
                continue;
            }
            l.leakReported = true; // only this (single) housekeeping run writes it
            Duration held = l.heldFor();
            StackTraceElement[] stack = callerFrames(l.borrowSite.getStackTrace());
            Pool.LOG.log(Level.WARNING, "pool '" + pool.name + "': connection #" + e.id + " has been held for "
                    + held.toMillis() + " ms (leak detection threshold " + pool.config.leakDetectionThreshold().toMillis()
                    + " ms); possible leak, borrowed at:", l.borrowSite);
            pool.listener.onLeak(e.resource, stack, held);
        }
    }

    /** Drops the pool's own frames (lend, borrow) from the top so the stack starts at the caller. */
    static StackTraceElement[] callerFrames(StackTraceElement[] stack) {
        int skip = 0;
        while (skip < stack.length - 1 && stack[skip].getClassName().equals(Pool.class.getName())) {
            skip++;
        }
        return java.util.Arrays.copyOfRange(stack, skip, stack.length);
    }

    /** Opens connections until minIdle are open. A failure is logged and retried on a later run. */
    private void fill() {
        while (true) {
            state.lock.lock();
            try {
                if (state.disposed || stopped || state.openCount + state.pendingCount >= minIdle) {
                    return;
                }
                state.pendingCount++;
            } finally {
                state.lock.unlock();
            }
            PooledEntry<C> e;
            try {
                e = pool.open();
            } catch (RuntimeException ex) {
                Pool.LOG.log(Level.WARNING, () -> "pool '" + pool.name + "': could not open a connection to keep minIdle "
                        + minIdle + ": " + ex);
                return;
            }
            Waiter<C> w = null;
            boolean close;
            state.lock.lock();
            try {
                close = e.state == PooledEntry.State.CLOSED;
                if (!close) {
                    w = state.offerLocked(e, System.nanoTime(), true);
                    close = e.state == PooledEntry.State.CLOSED;
                }
            } finally {
                state.lock.unlock();
            }
            PoolState.wake(w);
            if (close) {
                pool.finishClose(e);
                return;
            }
        }
    }
}
