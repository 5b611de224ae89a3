package io.sluice.core.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Idle connections in LIFO or FIFO order. Lock-free, so the hot path (borrow an idle connection
 * when nobody waits, give one back when nobody waits) never takes the pool lock: a virtual thread
 * that blocked on that lock while holding a connection would leave it unusable until rescheduled,
 * the next borrowers would find nothing idle and queue, and with fair FIFO handoff that queue never
 * drains again (every cycle then costs a park and an unpark).
 *
 * <p>LIFO (the default) keeps recent returns on Treiber stacks in front of a cold queue: returns are
 * pushed on a stack (the warm set stays small, the rest age towards idleTimeout) and connections back
 * from a keepalive ping join the cold queue, the far end, so a ping does not make an unused
 * connection look recently used. FIFO uses the queue alone (round robin).
 *
 * <p><b>Stripes.</b> The LIFO stacks are striped by the calling thread's id: a thread pushes onto
 * and first pops from "its" stripe, and only looks at the other stripes (then the cold queue) when
 * that one is empty. With one shared stack head, two carriers cycling connections bounced that
 * cache line on every push and pop and a borrow + return cost about twice the uncontended one
 * (PoolCycleProbe, bench pool workload); striped, threads on different stripes touch nothing in
 * common. This is not a thread-local cache (no per-thread state, a fixed handful of stripes), and
 * it does not touch fairness: waiters never take this path. LIFO order then holds per stripe, which
 * is all idle-timeout shrinking needs (a stripe's bottom entries are still the ones that age).
 *
 * <p>Each entry is in the set at most once and {@link #poll} / {@link #remove} hand it to exactly
 * one caller, which then owns it. Never holds more than poolSize entries: a connection is only put
 * back while at most poolSize are open (overflow is closed on return), and every idle one is open.
 */
final class IdleSet<C> {
    private static final VarHandle HEADS = MethodHandles.arrayElementVarHandle(Node[].class);
    private static final VarHandle SALT;
    /** Not a salt: the stripe is not the caller's own, so contention there says nothing. */
    private static final int NO_SALT = Integer.MIN_VALUE;

    static {
        try {
            SALT = MethodHandles.lookup().findVarHandle(IdleSet.class, "salt", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Enough stripes that a few busy carriers rarely share one; more only costs empty-stripe scans. */
    private static final int MAX_STRIPES = 8;
    /**
     * Array slots between two stripe heads: 32 references (128 bytes, two cache lines even with
     * compressed pointers, as adjacent-line prefetch pulls pairs). Packed side by side, all eight heads
     * shared one cache line and every push or pop on any stripe bounced it between cores: with 2,000
     * virtual threads on two carriers, put and pop were 95% of the pool's profile.
     */
    private static final int SPACING = 32;

    /**
     * A stack cell. A fresh one per push and never re-linked after publication, so a popper's
     * compare-and-set on a stripe head cannot succeed on a recycled node (no ABA).
     */
    private static final class Node<C> {
        final PooledEntry<C> entry;
        Node<C> next; // written before the node is published, never after

        Node(PooledEntry<C> entry) {
            this.entry = entry;
        }
    }

    private final boolean lifo;
    /** Tops of the LIFO stacks (unused for FIFO); elements accessed through {@link #HEADS}. */
    private final Node<C>[] heads;
    private final int mask;
    /** Mixed into every thread's stripe; bumped when two threads turn out to share one (see {@link #home}). */
    private volatile int salt;
    /** The FIFO queue, or LIFO's cold end behind the stacks. */
    private final ConcurrentLinkedQueue<PooledEntry<C>> queue = new ConcurrentLinkedQueue<>();

    IdleSet(boolean lifo) {
        this(lifo, MAX_STRIPES);
    }

    /** {@code stripes} is rounded down to a power of two (at least 1); a pool of n needs at most n. */
    @SuppressWarnings("unchecked")
    IdleSet(boolean lifo, int stripes) {
        this.lifo = lifo;
        int n = Integer.highestOneBit(Math.max(1, Math.min(stripes, MAX_STRIPES)));
        // padding before the first head (the array header's length is read on every access) and after the last
        this.heads = (Node<C>[]) new Node[lifo ? (n + 2) * SPACING : 1];
        this.mask = lifo ? n - 1 : 0;
    }

    /** The array slot of a stripe's head. */
    private static int slot(int stripe) {
        return (stripe + 1) * SPACING;
    }

    /**
     * The caller's stripe: its thread id, hashed with the current {@link #salt}. Two busy threads
     * whose ids land on the same stripe bounce its head between their cores on every push and pop
     * (measured: 5M cycles/s each against 12-19M apart), so a failed compare-and-set on one's own
     * stripe, the sign of such a pair, changes the salt and with it every thread's stripe; a pair
     * that still collides fails again and moves again, and threads that are apart stay put.
     */
    private int home(int salt) {
        long h = (Thread.currentThread().threadId() + salt * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 31)) & mask;
    }

    /** Another thread hit the caller's stripe: rehash everyone (once per salt value, not once per loser). */
    private void contended(int seenSalt) {
        SALT.compareAndSet(this, seenSalt, seenSalt + 1);
    }

    /** Takes the next connection to hand out, or null; the caller owns it. */
    PooledEntry<C> poll() {
        if (lifo) {
            int salt = this.salt;
            int home = home(salt);
            for (int i = 0; i <= mask; i++) {
                PooledEntry<C> e = pop((home + i) & mask, i == 0 ? salt : NO_SALT);
                if (e != null) {
                    return e;
                }
            }
        }
        return queue.poll();
    }

    /** Pops from {@code stripe}; {@code salt} is the salt it was chosen with when it is the caller's own, else {@link #NO_SALT}. */
    @SuppressWarnings("unchecked")
    private PooledEntry<C> pop(int stripe, int salt) {
        Node<C> h;
        while ((h = (Node<C>) HEADS.getVolatile(heads, slot(stripe))) != null) {
            if (HEADS.compareAndSet(heads, slot(stripe), h, h.next)) {
                return h.entry;
            }
            if (salt != NO_SALT) {
                contended(salt);
                salt = NO_SALT;
            }
        }
        return null;
    }

    /** A connection coming back from use. */
    @SuppressWarnings("unchecked")
    void put(PooledEntry<C> e) {
        if (!lifo) {
            queue.offer(e);
            return;
        }
        int salt = this.salt;
        int stripe = home(salt);
        Node<C> n = new Node<>(e);
        while (true) {
            n.next = (Node<C>) HEADS.getVolatile(heads, slot(stripe));
            if (HEADS.compareAndSet(heads, slot(stripe), n.next, n)) {
                return;
            }
            if (salt != NO_SALT) {
                contended(salt); // as in pop: the first lost race on one's own stripe
                salt = NO_SALT;
            }
        }
    }

    /** A connection coming back from a keepalive ping: at the far end in both orders. */
    void putBack(PooledEntry<C> e) {
        queue.offer(e);
    }

    /**
     * Takes {@code e} out if it is still idle; true means the caller now owns it. For housekeeping
     * only, with the pool lock held: O(poolSize). Removing from inside a stack detaches that whole
     * stack and re-publishes the rest as fresh nodes; meanwhile lock-free borrowers see fewer idle
     * entries and may fall back to the locked path, which waits for this lock and looks again, so
     * the moment is invisible to them except as a short delay.
     */
    boolean remove(PooledEntry<C> e) {
        if (queue.remove(e)) {
            return true;
        }
        if (!lifo) {
            return false;
        }
        for (int s = 0; s <= mask; s++) {
            List<PooledEntry<C>> kept = detach(s);
            boolean found = kept.remove(e);
            reattach(s, kept);
            if (found) {
                return true;
            }
        }
        return false;
    }

    /** Takes a whole stack (top first); nobody else can pop these nodes any more. */
    @SuppressWarnings("unchecked")
    private List<PooledEntry<C>> detach(int stripe) {
        List<PooledEntry<C>> out = new ArrayList<>();
        for (Node<C> n = (Node<C>) HEADS.getAndSet(heads, slot(stripe), null); n != null; n = n.next) {
            out.add(n.entry);
        }
        return out;
    }

    /** Publishes {@code below} (top first) under whatever was pushed since the detach (more recent). */
    private void reattach(int stripe, List<PooledEntry<C>> below) {
        while (!below.isEmpty()) {
            Node<C> top = null;
            for (int i = below.size() - 1; i >= 0; i--) {
                Node<C> n = new Node<>(below.get(i));
                n.next = top;
                top = n;
            }
            if (HEADS.compareAndSet(heads, slot(stripe), null, top)) {
                return;
            }
            List<PooledEntry<C>> newer = detach(stripe);
            newer.addAll(below);
            below = newer;
        }
    }

    /**
     * A weakly consistent snapshot, from the connection idle longest: the cold queue first (pinged
     * ones, never recently used), then the stacked ones by return time, bottom of a stack first.
     * Entries in it may be taken by borrowers meanwhile: claim one with {@link #remove} before touching it.
     */
    List<PooledEntry<C>> longestIdleFirst() {
        List<PooledEntry<C>> out = new ArrayList<>(queue);
        if (!lifo) {
            return out;
        }
        List<PooledEntry<C>> stacked = new ArrayList<>();
        for (int s = 0; s <= mask; s++) {
            List<PooledEntry<C>> one = stackTopFirst(s);
            Collections.reverse(one);
            stacked.addAll(one);
        }
        stacked.sort(Comparator.comparingLong(e -> e.lastReturned)); // stable: a stack's order holds on ties
        out.addAll(stacked);
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<PooledEntry<C>> stackTopFirst(int stripe) {
        List<PooledEntry<C>> out = new ArrayList<>();
        for (Node<C> n = (Node<C>) HEADS.getVolatile(heads, slot(stripe)); n != null; n = n.next) {
            out.add(n.entry);
        }
        return out;
    }

    /** O(n) (n <= poolSize), and a moment's view under concurrent use: for status and messages only. */
    int size() {
        int n = queue.size();
        if (lifo) {
            for (int s = 0; s <= mask; s++) {
                n += stackTopFirst(s).size();
            }
        }
        return n;
    }
}
