package io.sluice.postgres.session;

import io.sluice.core.error.ConnectionClosedException;
import io.sluice.core.error.SluiceException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Automatic pipelining for one connection. A request (messages ending in Sync) is written and
 * flushed at once under the write permit and gets a ticket; responses arrive in request order, so
 * the caller holding ticket {@code n} reads its response when every earlier ticket has been read.
 * Concurrent callers therefore never wait for each other's round trips, only for their turn to read.
 *
 * <p>Because each request ends with its own Sync, an error in one request makes the server skip
 * only to that Sync: the others are unaffected. A streaming portal holds the write permit for its
 * whole life, since a Sync from another request would close the portal.
 *
 * <p>Locks are java.util.concurrent ones (no carrier pinning); waiting for a turn is
 * uninterruptible because an abandoned ticket would leave its response unread and the stream out
 * of step: cancellation goes through CancelRequest instead.
 */
final class Pipeline {
    private final Semaphore writePermit = new Semaphore(1, true);
    private final ReentrantLock readLock = new ReentrantLock();
    private final Condition turn = readLock.newCondition();
    private volatile long nextTicket;
    private long nowServing;
    private volatile String broken;

    /** Takes the write permit; callers write and flush, then {@link #issue()} and {@link #releaseWrite()}. */
    void acquireWrite() {
        writePermit.acquireUninterruptibly();
        if (broken != null) {
            writePermit.release();
            throw closed();
        }
    }

    /** Like {@link #acquireWrite()} but gives up after {@code millis}; false when not acquired. */
    boolean tryAcquireWrite(long millis) {
        try {
            if (!writePermit.tryAcquire(millis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
    long issue() {
        return nextTicket++;
    }

    void releaseWrite() {
        writePermit.release();
    }

    /**
     * Blocks until {@code ticket} may read its response. Once the stream is broken nobody reads
     * any more, even a ticket whose turn has come: what is left in the buffers belongs to nobody.
     */
    void awaitTurn(long ticket) {
        readLock.lock();
        try {
            while (true) {
                if (broken != null) {
                    throw closed();
                }
                if (nowServing == ticket) {
                    break;
                }
                turn.awaitUninterruptibly();
            }
        } finally {
            readLock.unlock();
        }
    }

    /** The current turn is done: the next ticket may read. */
    void finishTurn() {
        readLock.lock();
        try {
            nowServing++;
            turn.signalAll();
        } finally {
            readLock.unlock();
        }
    }

    /** Wakes every waiter with an error: the stream is gone. */
    void breakAll(String reason) {
        broken = reason;
        readLock.lock();
        try {
            turn.signalAll();
        } finally {
            readLock.unlock();
        }
    }

    boolean isBroken() {
        return broken != null;
    }

    boolean idle() {
        readLock.lock();
        try {
            return nowServing == nextTicket;
        } finally {
            readLock.unlock();
        }
    }

    private SluiceException closed() {
        return new ConnectionClosedException("connection is broken (" + broken + ") and cannot be used", null);
    }
}
