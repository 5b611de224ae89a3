package io.sluice.core.pool;

import io.sluice.core.error.PoolClosedException;
import io.sluice.core.error.PoolTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The heart of a {@link Pool}: counters, the idle set, the waiter queue and the list of open
 * entries. Nothing here does I/O. Two lock-free fast paths cover the common case: a borrower that
 * finds an idle entry while nobody waits takes it ({@link #acquireFast}), and a healthy entry coming back
 * while nobody waits and no overflow is open goes straight to the idle set ({@link #offerFast}).
 * Everything else (queueing, granting, reserving and freeing slots, closing) runs under {@link #lock}
 * (the {@code *Locked} methods, whose callers hold it). Methods that free a slot or place an entry
 * return the waiters to unpark, which the caller does after unlocking ({@link #wake}), so a woken
 * thread never immediately blocks on the lock we still hold.
 *
 * <p>Invariants under the lock: {@code openCount + pendingCount <= maxOpen}; a waiter is granted at
 * most once and is unlinked when granted; every freed slot goes to the longest waiter. "A
 * non-empty idle set implies an empty waiter queue" holds except for a moment after a lock-free
 * return races a borrower that queues: the returner puts the entry, then reads the waiter count; the
 * waiter publishes the count, then looks at the idle set (both volatile, so at least one of them
 * sees the other) and whoever sees it hands idle entries to the longest waiters ({@link #drainLocked}).
 * A lock-free borrower likewise re-reads the waiter count after taking an entry and, if someone
 * queued meanwhile, gives the entry to the longest waiter and queues behind it: newcomers never
 * overtake the queue.
 */
final class PoolState<C> {
    /** Timeouts this long (decades) never expire; their deadline could even wrap around. */
    private static final long UNTIMED = Long.MAX_VALUE / 4;

    final ReentrantLock lock = new ReentrantLock();
    final IdleSet<C> idle;
    final WaiterQueue<C> waiters = new WaiterQueue<>();
    private final Waiting<C> waiting = new Waiting<>(this);
    /** Every open entry (for leak scans), with O(1) swap-removal through {@link PooledEntry#index}. */
    private final ArrayList<PooledEntry<C>> entries;
    private final PoolConfig config;
    private final int poolSize;
    private final long maxOpen;

    /** Open resources (idle, lent, or under a keepalive check). Written under the lock; read lock-free. */
    volatile int openCount;
    /** Slots reserved by threads opening a resource; they count against maxOpen. */
    int pendingCount;
    /** Idle resources taken out for a keepalive ping. */
    int checkingCount;
    private long createdTotal;
    private long closedTotal;
    private long invalidatedTotal;
    /** Written under the lock; read lock-free by the fast paths and by returners (to skip a reset). */
    volatile boolean disposed;

    PoolState(PoolConfig config) {
        this.config = config;
        this.poolSize = config.poolSize();
        this.maxOpen = config.maxOpen();
        this.idle = new IdleSet<>(config.lifo(), config.poolSize());
        this.entries = new ArrayList<>(poolSize);
    }

    /**
     * The lock-free borrow: an idle entry (returned IN_USE, now the caller's) when nobody waits,
     * else null, and then the caller goes through {@link #acquire}. Never leaves an entry stranded:
     * if a borrower queued while we took one, the entry goes to the longest waiter (newcomers never
     * overtake the queue) and we return null to queue behind it.
     */
    PooledEntry<C> acquireFast() {
        if (disposed || waiters.size() != 0) {
            return null;
        }
        PooledEntry<C> e = idle.poll();
        if (e == null) {
            return null;
        }
        if (waiters.size() == 0) { // re-read: a waiter that queued meanwhile comes first
            e.state = PooledEntry.State.IN_USE;
            return e;
        }
        List<Waiter<C>> wake = null;
        lock.lock();
        try {
            if (waiters.isEmpty() || disposed) { // the queue emptied meanwhile, or our borrow precedes dispose
                e.state = PooledEntry.State.IN_USE;
                return e;
            }
            wake = grantLocked(waiters.poll(), e, null);
        } finally {
            lock.unlock();
            wake(wake);
        }
        return null;
    }

    /**
     * The slow path after {@link #acquireFast} found nothing: takes an idle entry (returned IN_USE),
     * or reserves a slot (returns null: the caller opens a resource), or queues and waits for either.
     * A new borrower never overtakes queued ones.
     */
    PooledEntry<C> acquire(long start, long timeoutNanos, PoolListener<C> listener) {
        Waiter<C> w = null;
        List<Waiter<C>> wake = null;
        PoolTimeoutException timeout = null;
        lock.lock();
        try {
            if (disposed) {
                throw closedError();
            }
            if (waiters.isEmpty()) {
                PooledEntry<C> e = idle.poll();
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
                w = new Waiter<>(Thread.currentThread(), start + timeoutNanos, timeoutNanos < UNTIMED);
                waiters.add(w); // publishes the waiter count before we look at the idle set again
                waiting.armLocked(w, System.nanoTime());
                wake = drainLocked(wake); // a lock-free return may have put an entry since we looked
            }
        } finally {
            lock.unlock();
            wake(wake);
        }
        if (timeout != null) {
            listener.onTimeout(System.nanoTime() - start);
            throw timeout;
        }
        return waiting.await(w, start, timeoutNanos, listener);
    }

    /**
     * The lock-free return: puts a healthy entry into the idle set if nobody waits, no overflow is
     * open and the pool is live; false when the caller must take the locked path instead. After a
     * true, the caller checks {@link #needsRepair()}.
     */
    boolean offerFast(PooledEntry<C> e, long now) {
        if (waiters.size() != 0 || openCount > poolSize || disposed) {
            return false;
        }
        e.lastReturned = now;
        e.lastChecked = now;
        e.state = PooledEntry.State.IDLE;
        idle.put(e); // publishes the fields above
        return true;
    }

    /**
     * Read after an {@link #offerFast}: a borrower queued, or the pool was disposed, while we were
     * putting the entry back, and may not have seen it; the caller then repairs under the lock
     * ({@link #drainLocked}, {@link #closeIdleLocked}).
     */
    boolean needsRepair() {
        return waiters.size() != 0 || disposed;
    }

    /** Hands idle entries to the longest waiters while both exist; returns who to wake (plus {@code wake}). */
    List<Waiter<C>> drainLocked(List<Waiter<C>> wake) {
        while (!waiters.isEmpty()) {
            PooledEntry<C> e = idle.poll();
            if (e == null) {
                break;
            }
            wake = grantLocked(waiters.poll(), e, wake);
        }
        return wake;
    }

    private static <C> List<Waiter<C>> grantLocked(Waiter<C> w, PooledEntry<C> e, List<Waiter<C>> wake) {
        e.state = PooledEntry.State.IN_USE;
        w.entry = e;
        w.grant = Waiter.Grant.HANDOFF;
        if (w.thread != Thread.currentThread()) { // a borrower draining to itself does not park
            if (wake == null) {
                wake = new ArrayList<>(2);
            }
            wake.add(w);
        }
        return wake;
    }

    /** After dispose: accounts every idle entry closed and returns them for the caller to close. */
    List<PooledEntry<C>> closeIdleLocked() {
        ArrayList<PooledEntry<C>> toClose = new ArrayList<>();
        for (PooledEntry<C> e; (e = idle.poll()) != null; ) {
            markClosedLocked(e, Pool.DISPOSED, false);
            toClose.add(e);
        }
        return toClose;
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

    /**
     * Puts back an idle entry that housekeeping claimed but leaves alone (it was lent and returned
     * since housekeeping looked): to the longest waiter, else idle again, as just returned.
     */
    Waiter<C> restoreLocked(PooledEntry<C> e) {
        Waiter<C> w = waiters.poll();
        if (w != null) {
            e.state = PooledEntry.State.IN_USE;
            w.entry = e;
            w.grant = Waiter.Grant.HANDOFF;
            return w;
        }
        e.state = PooledEntry.State.IDLE;
        idle.put(e);
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
        disposed = true; // lock-free returners read it after putting an entry back, and repair
        waiting.cancelLocked();
        List<PooledEntry<C>> toClose = closeIdleLocked();
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

    static void wake(List<? extends Waiter<?>> ws) {
        if (ws != null) {
            for (Waiter<?> w : ws) {
                LockSupport.unpark(w.thread);
            }
        }
    }

    /** Lent entries; the idle count is a moment's view (lock-free paths do not take the lock). */
    private int inUseLocked(int idleCount) {
        return Math.max(0, openCount - idleCount - checkingCount);
    }

    PoolStatus status() {
        lock.lock();
        try {
            int idleCount = idle.size();
            return new PoolStatus(openCount, idleCount, inUseLocked(idleCount), Math.max(0, openCount - poolSize),
                    waiters.size(), pendingCount, createdTotal, closedTotal, invalidatedTotal, poolSize,
                    config.maxOverflow());
        } finally {
            lock.unlock();
        }
    }

    PoolTimeoutException timeoutErrorLocked(long timeoutNanos) {
        int overflow = Math.max(0, openCount - poolSize);
        int inUse = inUseLocked(idle.size());
        int waiting = waiters.size();
        long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        String limit = config.maxOverflow() == PoolConfig.UNLIMITED_OVERFLOW ? "unlimited"
                : String.valueOf(config.maxOverflow());
        String msg = "timed out after " + ms + " ms waiting for a connection (pool size " + poolSize + ", overflow "
                + overflow + "/" + limit + ", in use " + inUse + ", waiting " + waiting
                + (pendingCount > 0 ? ", connecting " + pendingCount : "") + ") from pool '" + config.name() + "'";
        return new PoolTimeoutException(msg, ms, poolSize, overflow, inUse, waiting);
    }

    String name() {
        return config.name();
    }

    PoolClosedException closedError() {
        return new PoolClosedException("pool '" + config.name() + "' has been disposed");
    }
}
