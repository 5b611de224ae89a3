package io.sluice.core.pool;

import io.sluice.core.error.OperationInterruptedException;
import io.sluice.core.error.PoolClosedException;
import io.sluice.core.error.PoolTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock-guarded heart of a {@link Pool}: counters, the idle set, the waiter queue and the list of
 * open entries. Nothing here does I/O; every method either runs entirely under {@link #lock} (the
 * {@code *Locked} ones, whose callers hold it) or takes it for a few field updates. Methods that
 * free a slot or place an entry return the waiter to unpark, which the caller does after unlocking
 * ({@link #wake}), so a woken thread never immediately blocks on the lock we still hold.
 *
 * <p>Invariants under the lock: {@code openCount + pendingCount <= maxOpen}; a non-empty idle set
 * implies an empty waiter queue (every placement serves waiters first); a waiter is granted at most
 * once and is unlinked when granted.
 */
final class PoolState<C> {
    final ReentrantLock lock = new ReentrantLock();
    final IdleSet<C> idle;
    private final WaiterQueue<C> waiters = new WaiterQueue<>();
    /** Every open entry (for leak scans), with O(1) swap-removal through {@link PooledEntry#index}. */
    private final ArrayList<PooledEntry<C>> entries;
    private final PoolConfig config;
    private final int poolSize;
    private final long maxOpen;

    /** Open resources (idle, lent, or under a keepalive check). */
    int openCount;
    /** Slots reserved by threads opening a resource; they count against maxOpen. */
    int pendingCount;
    /** Idle resources taken out for a keepalive ping. */
    int checkingCount;
    private long createdTotal;
    private long closedTotal;
    private long invalidatedTotal;
    /** Written under the lock; volatile so a returner can skip resetting a resource about to be closed. */
    volatile boolean disposed;

    PoolState(PoolConfig config) {
        this.config = config;
        this.poolSize = config.poolSize();
        this.maxOpen = config.maxOpen();
        this.idle = new IdleSet<>(poolSize, config.lifo());
        this.entries = new ArrayList<>(poolSize);
    }

    /**
     * Takes an idle entry (returned IN_USE), or reserves a slot (returns null: the caller opens a
     * resource), or queues and waits for either. A new borrower never overtakes queued ones.
     */
    PooledEntry<C> acquire(long start, long timeoutNanos, PoolListener<C> listener) {
        Waiter<C> w = null;
        PoolTimeoutException timeout = null;
        lock.lock();
        try {
            if (disposed) {
                throw closedError();
            }
            if (waiters.isEmpty()) {
                PooledEntry<C> e = idle.take();
                if (e != null) {
                    e.state = PooledEntry.State.IN_USE;
                    return e;
                }
                if (openCount + pendingCount < maxOpen) {
                    pendingCount++;
                    return null;
                }
            }
            if (timeoutNanos <= 0) {
                timeout = timeoutErrorLocked(timeoutNanos);
            } else {
                w = new Waiter<>(Thread.currentThread());
                waiters.add(w);
            }
        } finally {
            lock.unlock();
        }
        if (timeout != null) {
            listener.onTimeout(System.nanoTime() - start);
            throw timeout;
        }
        return await(w, start, timeoutNanos, listener);
    }

    private PooledEntry<C> await(Waiter<C> w, long start, long timeoutNanos, PoolListener<C> listener) {
        long deadline = start + timeoutNanos; // may wrap for huge timeouts; the subtraction below still works
        boolean interrupted = false;
        while (w.grant == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
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
            case CLOSED -> throw closedError();
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
        lock.lock();
        try {
            Waiter.Grant g = w.grant;
            if (g != null) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return g;
            }
            if (!interrupted) {
                timeout = timeoutErrorLocked(timeoutNanos); // counts this waiter among "waiting"
            }
            waiters.remove(w);
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("interrupted while waiting for a connection from pool '"
                    + config.name() + "'");
        }
        listener.onTimeout(System.nanoTime() - start);
        throw timeout;
    }

    /** Places a live entry: to the longest waiter, else idle, else closed (overflow, disposed). */
    Waiter<C> offerLocked(PooledEntry<C> e, long now, boolean fromUse) {
        if (disposed) {
            return closeLocked(e, Pool.DISPOSED, false);
        }
        if (fromUse) {
            e.lastReturned = now;
            e.lastChecked = now;
        }
        Waiter<C> w = waiters.poll();
        if (w != null) {
            e.state = PooledEntry.State.IN_USE;
            w.entry = e;
            w.grant = Waiter.Grant.HANDOFF;
            return w;
        }
        if (openCount > poolSize) {
            return closeLocked(e, Pool.OVERFLOW, false);
        }
        e.state = PooledEntry.State.IDLE;
        if (fromUse) {
            idle.put(e);
        } else {
            idle.putBack(e);
        }
        return null;
    }

    /** Accounts an entry as closed and passes its slot on; the caller closes the resource after unlocking. */
    Waiter<C> closeLocked(PooledEntry<C> e, String reason, boolean invalid) {
        markClosedLocked(e, reason, invalid);
        return slotFreedLocked();
    }

    /** Accounts an entry as closed without passing its slot on (the caller keeps or drops it). */
    void markClosedLocked(PooledEntry<C> e, String reason, boolean invalid) {
        e.markClosed(reason, invalid);
        openCount--;
        closedTotal++;
        if (invalid) {
            invalidatedTotal++;
        }
        int i = e.index;
        PooledEntry<C> last = entries.remove(entries.size() - 1);
        if (last != e) {
            entries.set(i, last);
            last.index = i;
        }
        e.index = -1;
    }

    /** A slot was freed (its count already decremented): reserve it for the longest waiter, if any. */
    Waiter<C> slotFreedLocked() {
        Waiter<C> w = waiters.poll();
        if (w != null) {
            pendingCount++;
            w.grant = Waiter.Grant.CREATE;
        }
        return w;
    }

    /** Gives back a reserved slot whose resource could not be opened. */
    Waiter<C> releasePending() {
        lock.lock();
        try {
            pendingCount--;
            return slotFreedLocked();
        } finally {
            lock.unlock();
        }
    }

    /** Turns a reserved slot into an open entry; if disposed meanwhile, the entry comes back CLOSED. */
    void registerOpened(PooledEntry<C> e) {
        lock.lock();
        try {
            pendingCount--;
            createdTotal++;
            openCount++;
            e.index = entries.size();
            entries.add(e);
            if (disposed) {
                markClosedLocked(e, Pool.DISPOSED, false);
            }
        } finally {
            lock.unlock();
        }
    }

    List<PooledEntry<C>> entriesSnapshot() {
        lock.lock();
        try {
            return new ArrayList<>(entries);
        } finally {
            lock.unlock();
        }
    }

    /** Marks the pool disposed; returns the idle entries (accounted closed) and grants CLOSED to every waiter. */
    List<PooledEntry<C>> disposeLocked(List<Waiter<C>> toWake) {
        disposed = true;
        ArrayList<PooledEntry<C>> toClose = new ArrayList<>();
        for (PooledEntry<C> e; (e = idle.take()) != null; ) {
            markClosedLocked(e, Pool.DISPOSED, false);
            toClose.add(e);
        }
        for (Waiter<C> w; (w = waiters.poll()) != null; ) {
            w.grant = Waiter.Grant.CLOSED;
            toWake.add(w);
        }
        return toClose;
    }

    static void wake(Waiter<?> w) {
        if (w != null) {
            LockSupport.unpark(w.thread);
        }
    }

    private int inUseLocked() {
        return openCount - idle.size() - checkingCount;
    }

    PoolStatus status() {
        lock.lock();
        try {
            return new PoolStatus(openCount, idle.size(), inUseLocked(), Math.max(0, openCount - poolSize),
                    waiters.size(), pendingCount, createdTotal, closedTotal, invalidatedTotal, poolSize,
                    config.maxOverflow());
        } finally {
            lock.unlock();
        }
    }

    private PoolTimeoutException timeoutErrorLocked(long timeoutNanos) {
        int overflow = Math.max(0, openCount - poolSize);
        int inUse = inUseLocked();
        int waiting = waiters.size();
        long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        String limit = config.maxOverflow() == PoolConfig.UNLIMITED_OVERFLOW ? "unlimited"
                : String.valueOf(config.maxOverflow());
        String msg = "timed out after " + ms + " ms waiting for a connection (pool size " + poolSize + ", overflow "
                + overflow + "/" + limit + ", in use " + inUse + ", waiting " + waiting
                + (pendingCount > 0 ? ", connecting " + pendingCount : "") + ") from pool '" + config.name() + "'";
        return new PoolTimeoutException(msg, ms, poolSize, overflow, inUse, waiting);
    }

    PoolClosedException closedError() {
        return new PoolClosedException("pool '" + config.name() + "' has been disposed");
    }
}
