package io.sluice.core.pool;

/**
 * FIFO of blocked borrowers: an intrusive doubly-linked list so that a waiter giving up (timeout,
 * interrupt) unlinks itself in O(1). Guarded by the pool lock; not thread-safe by itself.
 * Serving strictly from the head is what makes the pool fair, and handing a connection to exactly
 * one waiter (then unparking only that thread) avoids the thundering herd of a signalAll.
 */
final class WaiterQueue<C> {
    private Waiter<C> head;
    private Waiter<C> tail;
    /** Written under the lock only; volatile for the lock-free fast paths. */
    private volatile int size;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    /** The longest waiter (for a scan under the lock), or null. */
    Waiter<C> head() {
        return head;
    }

    void add(Waiter<C> w) {
        w.queued = true;
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        size++;
    }

    /** Removes and returns the longest waiter, or null. */
    Waiter<C> poll() {
        Waiter<C> w = head;
        if (w != null) {
            remove(w);
        }
        return w;
    }

    /** Unlinks {@code w} if it is still queued. */
    void remove(Waiter<C> w) {
        if (!w.queued) {
            return;
        }
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.queued = false;
        size--;
    }
}
