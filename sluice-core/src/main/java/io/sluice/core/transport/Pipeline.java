package io.sluice.core.transport;

import io.sluice.core.error.ConnectionClosedException;
import io.sluice.core.error.SluiceException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Request pipelining over one connection whose server answers requests in the order it got them
 * (PostgreSQL, MySQL/MariaDB). A caller writes and flushes its request under the write permit and
 * takes a ticket; it then reads its response when every earlier ticket has been read. Concurrent
 * callers wait for each other's turn to read, never for each other's round trips.
 *
 * <p>A caller that must have the connection to itself (a streaming result, a prepare, COPY) keeps
 * the write permit, takes a ticket without writing and waits for its turn: from then on nobody else
 * writes or reads until it releases both.
 *
 * <p>Finishing a turn wakes only the holder of the next ticket (not every waiter: with eight
 * requests in flight a broadcast would wake seven threads for nothing on every response). Waiting
 * for a turn is uninterruptible: an abandoned ticket would leave its response unread and the stream
 * out of step, so cancellation goes through the server (CancelRequest, KILL QUERY) instead.
 * java.util.concurrent primitives throughout, so virtual threads never pin their carrier.
 */
public final class Pipeline {
    private final Semaphore writePermit = new Semaphore(1, true);
    /** Callers parked until their ticket is served, by ticket. */
    private final ConcurrentHashMap<Long, Thread> waiting = new ConcurrentHashMap<>();
    /** Written only under the write permit. */
    private volatile long nextTicket;
    /** Written only by the holder of the current turn. */
    private volatile long nowServing;
    private volatile String broken;

    /** Takes the write permit; callers write and flush, then {@link #issue()} and {@link #releaseWrite()}. */
    public void acquireWrite() {
        writePermit.acquireUninterruptibly();
        if (broken != null) {
            writePermit.release();
            throw closed();
        }
    }

    /** Like {@link #acquireWrite()}, but an interrupt while waiting (nothing written yet) gives up. */
    public void acquireWriteInterruptibly() throws InterruptedException {
        writePermit.acquire();
        if (broken != null) {
            writePermit.release();
            throw closed();
        }
    }

    /** Like {@link #acquireWrite()} but gives up after {@code millis}; false when not acquired or broken. */
    public boolean tryAcquireWrite(long millis) {
        try {
            if (!writePermit.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (broken != null) {
            writePermit.release();
            return false;
        }
        return true;
    }

    /** The next ticket; call while holding the write permit, after the request was written. */
    public long issue() {
        long t = nextTicket;
        nextTicket = t + 1;
        return t;
    }

    public void releaseWrite() {
        writePermit.release();
    }

    /**
     * Blocks until {@code ticket} may read its response. Once the stream is broken nobody reads
     * any more, even a ticket whose turn has come: what is left in the buffers belongs to nobody.
     */
    public void awaitTurn(long ticket) {
        awaitTurn(ticket, Long.MAX_VALUE); // without a time limit it returns only when the turn came
    }

    /**
     * Like {@link #awaitTurn(long)} for at most {@code nanos}; false when the time ran out. A caller
     * that gives up has abandoned its ticket and must break the pipeline ({@link #breakAll}).
     */
    public boolean awaitTurn(long ticket, long nanos) {
        if (broken != null) {
            throw closed();
        }
        if (nowServing == ticket) {
            return true; // the common case when the pipeline is not contended: no registration
        }
        Long key = ticket;
        Thread me = Thread.currentThread();
        waiting.put(key, me);
        boolean interrupted = false;
        long deadline = nanos == Long.MAX_VALUE ? 0 : System.nanoTime() + nanos;
        try {
            while (true) {
                // registered before checking: finishTurn either sees us in the map or we see its write
                if (broken != null) {
                    throw closed();
                }
                if (nowServing == ticket) {
                    return true;
                }
                if (nanos == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(this, left);
                }
                if (Thread.interrupted()) {
                    interrupted = true; // parking would return at once while the flag is set
                }
            }
        } finally {
            waiting.remove(key);
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    /** The current turn is done: the next ticket may read. */
    public void finishTurn() {
        long next = nowServing + 1;
        nowServing = next;
        Thread t = waiting.get(next);
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Wakes every waiter with an error: the stream is gone. */
    public void breakAll(String reason) {
        if (broken == null) {
            broken = reason == null ? "broken" : reason;
        }
        for (Thread t : waiting.values()) {
            LockSupport.unpark(t);
        }
    }

    public boolean isBroken() {
        return broken != null;
    }

    /** True when every ticket issued has been served (no response outstanding). */
    public boolean idle() {
        return nowServing == nextTicket;
    }

    /** Tickets issued and not yet served: requests whose answers are still to be read (a snapshot). */
    public long inFlight() {
        return Math.max(0, nextTicket - nowServing);
    }

    private SluiceException closed() {
        return new ConnectionClosedException("connection is broken (" + broken + ") and cannot be used", null);
    }
}
