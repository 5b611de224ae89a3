package io.sluice.core.pool;

import io.sluice.core.error.OperationInterruptedException;
import io.sluice.core.error.PoolTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How a queued borrower of one pool waits: it parks without a timeout, gives up under the lock
 * after its deadline or an interrupt, and a sweep wakes it at its deadline.
 *
 * <p>Why no timed park: on a virtual thread, a timed park schedules (and on wake-up cancels) a
 * timer task in the JDK's scheduler, per wait; under contention, when nearly every borrow waits,
 * that roughly halved the pool's throughput (PoolCycleProbe, 32 virtual threads on 8 connections).
 * Here a wait costs one comparison instead: at most one sweep is scheduled per pool, at the earliest
 * deadline known when it was armed; a new waiter reschedules only if its own deadline is earlier,
 * which for the usual single poolTimeout (deadlines grow in queue order) only happens when nothing
 * is armed. Spinning before parking was measured too and rejected: a spinning waiter occupies the
 * carrier thread the holder needs to finish and return the connection.
 *
 * <p>A sweep runs on the shared pool timer thread ({@link Housekeeper#TIMER}): under the pool lock
 * it unparks every expired waiter (marking it {@link Waiter#poked} so it is not counted again) and
 * re-arms for the earliest remaining deadline. The woken waiter does the rest itself (it re-checks
 * its deadline and grant, then leaves the queue under the lock), exactly as after a timed park, so
 * timeouts keep their message and their race with a release stays decided under the lock.
 *
 * <p>Invariant (under the pool lock): while {@code armed}, a sweep is scheduled at {@code armedAt},
 * and every queued, timed, un-poked waiter has a deadline at or after some scheduled sweep.
 * Superseded sweeps still run; they find nothing or re-arm, which is harmless.
 */
final class Waiting<C> {
    private final PoolState<C> state;
    /** Guarded by the pool lock. */
    private boolean armed;
    private long armedAt;
    private ScheduledFuture<?> pending;

    Waiting(PoolState<C> state) {
        this.state = state;
    }

    PooledEntry<C> await(Waiter<C> w, long start, long timeoutNanos, PoolListener<C> listener) {
        boolean interrupted = false;
        while (w.grant == null) {
            if (w.timed && System.nanoTime() - w.deadline >= 0) {
                break;
            }
            LockSupport.park(this); // untimed: the sweeper wakes us at the deadline
            if (Thread.interrupted()) {
                interrupted = true;
                break;
            }
        }
        Waiter.Grant g = w.grant;
        if (g == null) {
            g = giveUp(w, start, timeoutNanos, interrupted, listener);
        } else if (interrupted) {
            Thread.currentThread().interrupt(); // served anyway: keep the resource, keep the flag
        }
        return switch (g) {
            case HANDOFF -> w.entry;
            case CREATE -> null;
            case CLOSED -> throw state.closedError();
        };
    }

    /**
     * Leaves the queue after a timeout or interrupt, unless a grant arrived meanwhile: then the grant
     * wins (the resource is used, not lost). This re-check under the lock is what keeps a release
     * racing a timeout from dropping a connection or handing it to a borrower that has left.
     */
    private Waiter.Grant giveUp(Waiter<C> w, long start, long timeoutNanos, boolean interrupted,
            PoolListener<C> listener) {
        PoolTimeoutException timeout = null;
        state.lock.lock();
        try {
            Waiter.Grant g = w.grant;
            if (g != null) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return g;
            }
            if (!interrupted) {
                timeout = state.timeoutErrorLocked(timeoutNanos); // counts this waiter among "waiting"
            }
            state.waiters.remove(w);
        } finally {
            state.lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("interrupted while waiting for a connection from pool '"
                    + state.name() + "'");
        }
        listener.onTimeout(System.nanoTime() - start);
        throw timeout;
    }

    /** Under the lock, for a waiter just queued: makes sure a sweep runs no later than its deadline. */
    void armLocked(Waiter<C> w, long now) {
        if (w.timed) {
            armLocked(w.deadline, now);
        }
    }

    private void armLocked(long deadline, long now) {
        if (armed && deadline - armedAt >= 0) {
            return;
        }
        armed = true;
        armedAt = deadline;
        pending = Housekeeper.TIMER.schedule(() -> sweep(deadline), Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
    }

    /** Under the lock, at dispose: every waiter has been turned away, so no sweep is needed. */
    void cancelLocked() {
        armed = false;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private void sweep(long at) {
        List<Thread> wake = new ArrayList<>();
        state.lock.lock();
        try {
            if (armed && armedAt == at) {
                armed = false; // the earliest scheduled sweep is this one: re-armed below if needed
                pending = null;
            }
            long now = System.nanoTime();
            long next = 0;
            boolean any = false;
            for (Waiter<C> w = state.waiters.head(); w != null; w = w.next) {
                if (!w.timed || w.poked) {
                    continue;
                }
                if (now - w.deadline >= 0) {
                    w.poked = true;
                    wake.add(w.thread);
                } else if (!any || w.deadline - next < 0) {
                    any = true;
                    next = w.deadline;
                }
            }
            if (any && !state.disposed) {
                armLocked(next, now);
            }
        } finally {
            state.lock.unlock();
        }
        wake.forEach(LockSupport::unpark);
    }
}
