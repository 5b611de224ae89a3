package io.sluice.core.pool;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Idle connections in LIFO or FIFO order; guarded by the pool lock. Both orders take from the head:
 * LIFO pushes returns onto the head (the warm set stays small, the rest age towards idleTimeout),
 * FIFO appends them to the tail (round robin). Never holds more than poolSize entries, since
 * overflow connections are closed on return, so the deque never grows after construction.
 */
final class IdleSet<C> {
    private final ArrayDeque<PooledEntry<C>> deque;
    private final boolean lifo;

    IdleSet(int capacity, boolean lifo) {
        this.deque = new ArrayDeque<>(capacity);
        this.lifo = lifo;
    }

    PooledEntry<C> take() {
        return deque.pollFirst();
    }

    /** A connection coming back from use. */
    void put(PooledEntry<C> e) {
        if (lifo) {
            deque.addFirst(e);
        } else {
            deque.addLast(e);
        }
    }

    /**
     * A connection coming back from a keepalive ping: at the tail in both orders. For LIFO that is
     * the cold end, so a ping does not make an unused connection look recently used; for FIFO it is
     * simply its turn at the back.
     */
    void putBack(PooledEntry<C> e) {
        deque.addLast(e);
    }

    /** Iterates from the connection idle longest (supports {@link Iterator#remove()}). */
    Iterator<PooledEntry<C>> longestIdleFirst() {
        return lifo ? deque.descendingIterator() : deque.iterator();
    }

    int size() {
        return deque.size();
    }

    boolean isEmpty() {
        return deque.isEmpty();
    }
}
