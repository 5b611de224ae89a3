package io.sluice.mysql;

import io.sluice.core.error.SluiceException;
import java.util.concurrent.Semaphore;

/**
 * Serializes use of one connection. A fair semaphore rather than {@code synchronized} or a
 * ReentrantLock: virtual threads park on it without pinning their carrier, callers are served in
 * arrival order, and a streaming result can release it from whichever thread closes the stream.
 */
final class Gate {
    private final Semaphore permit = new Semaphore(1, true);

    void enter() {
        try {
            permit.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SluiceException("interrupted while waiting for the connection", e);
        }
    }

    /** Enters if free within {@code millis}; false otherwise (or when interrupted). */
    boolean tryEnter(long millis) {
        try {
            return permit.tryAcquire(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void leave() {
        permit.release();
    }
}
