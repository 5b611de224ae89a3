package io.sluice.core.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Idle connections in LIFO or FIFO order. Lock-free, so the hot path (borrow an idle connection
 * when nobody waits, give one back when nobody waits) never takes the pool lock: a virtual thread
 * that blocked on that lock while holding a connection would leave it unusable until rescheduled,
 * the next borrowers would find nothing idle and queue, and with fair FIFO handoff that queue never
 * drains again (every cycle then costs a park and an unpark).
 *
 * <p>Logically one deque, taken from its head. LIFO (the default) keeps a Treiber stack of recent
 * returns in front of a cold queue: returns are pushed on the stack (the warm set stays small, the
 * rest age towards idleTimeout) and connections back from a keepalive ping join the cold queue, the
 * far end, so a ping does not make an unused connection look recently used. FIFO uses the queue
 * alone (round robin). A {@code ConcurrentLinkedDeque} did the same job but cost about twice as
 * much CPU per borrow + return under contention as this single-CAS stack (PoolCycleProbe).
 *
 * <p>Each entry is in the set at most once and {@link #poll} / {@link #remove} hand it to exactly
 * one caller, which then owns it. Never holds more than poolSize entries: a connection is only put
 * back while at most poolSize are open (overflow is closed on return), and every idle one is open.
 */
final class IdleSet<C> {
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(IdleSet.class, "head", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A stack cell. A fresh one per push and never re-linked after publication, so a popper's
     * compare-and-set on {@link #head} cannot succeed on a recycled node (no ABA).
     */
    private static final class Node<C> {
        final PooledEntry<C> entry;
        Node<C> next; // written before the node is published, never after

        Node(PooledEntry<C> entry) {
            this.entry = entry;
        }
    }

    private final boolean lifo;
    /** Top of the LIFO stack (unused for FIFO); accessed through {@link #HEAD}. */
    @SuppressWarnings("unused")
    private volatile Node<C> head;
    /** The FIFO queue, or LIFO's cold end behind the stack. */
    private final ConcurrentLinkedQueue<PooledEntry<C>> queue = new ConcurrentLinkedQueue<>();

    IdleSet(boolean lifo) {
        this.lifo = lifo;
    }

    /** Takes the next connection to hand out, or null; the caller owns it. */
    @SuppressWarnings("unchecked")
    PooledEntry<C> poll() {
        if (lifo) {
            Node<C> h;
            while ((h = (Node<C>) HEAD.getVolatile(this)) != null) {
                if (HEAD.compareAndSet(this, h, h.next)) {
                    return h.entry;
                }
            }
        }
        return queue.poll();
    }

    /** A connection coming back from use. */
    @SuppressWarnings("unchecked")
    void put(PooledEntry<C> e) {
        if (!lifo) {
            queue.offer(e);
            return;
        }
        Node<C> n = new Node<>(e);
        do {
            n.next = (Node<C>) HEAD.getVolatile(this);
        } while (!HEAD.compareAndSet(this, n.next, n));
    }

    /** A connection coming back from a keepalive ping: at the far end in both orders. */
    void putBack(PooledEntry<C> e) {
        queue.offer(e);
    }

    /**
     * Takes {@code e} out if it is still idle; true means the caller now owns it. For housekeeping
     * only, with the pool lock held: O(poolSize). Removing from inside the stack detaches the whole
     * stack and re-publishes the rest as fresh nodes; meanwhile lock-free borrowers see fewer idle
     * entries and fall back to the locked path, which waits for this lock and looks again, so the
     * moment is invisible to them except as a short delay.
     */
    boolean remove(PooledEntry<C> e) {
        if (queue.remove(e)) {
            return true;
        }
        if (!lifo) {
            return false;
        }
        List<PooledEntry<C>> kept = detach();
        boolean found = kept.remove(e);
        reattach(kept);
        return found;
    }

    /** Takes the whole stack (top first); nobody else can pop these nodes any more. */
    @SuppressWarnings("unchecked")
    private List<PooledEntry<C>> detach() {
        List<PooledEntry<C>> out = new ArrayList<>();
        for (Node<C> n = (Node<C>) HEAD.getAndSet(this, null); n != null; n = n.next) {
            out.add(n.entry);
        }
        return out;
    }

    /** Publishes {@code below} (top first) under whatever was pushed since the detach (more recent). */
    private void reattach(List<PooledEntry<C>> below) {
        while (!below.isEmpty()) {
            Node<C> top = null;
            for (int i = below.size() - 1; i >= 0; i--) {
                Node<C> n = new Node<>(below.get(i));
                n.next = top;
                top = n;
            }
            if (HEAD.compareAndSet(this, null, top)) {
                return;
            }
            List<PooledEntry<C>> newer = detach();
            newer.addAll(below);
            below = newer;
        }
    }

    /**
     * A weakly consistent snapshot, from the connection idle longest. Entries in it may be taken by
     * borrowers meanwhile: claim one with {@link #remove} before touching it.
     */
    List<PooledEntry<C>> longestIdleFirst() {
        if (!lifo) {
            return new ArrayList<>(queue);
        }
        List<PooledEntry<C>> out = stackTopFirst(); // the deque's order: stack top first, then the cold queue
        out.addAll(queue);
        Collections.reverse(out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<PooledEntry<C>> stackTopFirst() {
        List<PooledEntry<C>> out = new ArrayList<>();
        for (Node<C> n = (Node<C>) HEAD.getVolatile(this); n != null; n = n.next) {
            out.add(n.entry);
        }
        return out;
    }

    /** O(n) (n <= poolSize), and a moment's view under concurrent use: for status and messages only. */
    int size() {
        return stackTopFirst().size() + queue.size();
    }
}
