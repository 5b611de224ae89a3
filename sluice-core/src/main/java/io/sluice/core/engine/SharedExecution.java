package io.sluice.core.engine;

import io.sluice.core.error.OperationInterruptedException;
import io.sluice.core.result.Result;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Autocommit statements sharing pooled connections ({@code pipelineDepth} &gt; 1, drivers that
 * pipeline concurrent calls: PostgreSQL, MySQL/MariaDB). Up to {@code depth} callers use one
 * connection at once; the driver sends each statement as its own request (PostgreSQL:
 * Bind/Execute/Sync, MySQL: COM_STMT_EXECUTE) and hands each its own answer, so the server reads several requests per wake-up and sends several answers
 * per write. Measured on the point-select benchmark, one statement per round trip costs the server
 * 19-23 us of CPU against 12-15 us when pipelined (Vert.x); on a machine where client and server
 * share the cores, that decides throughput.
 *
 * <p><b>What shares.</b> Only plain {@code SELECT / INSERT / UPDATE / DELETE / WITH / VALUES /
 * TABLE} statements run through {@link Engine#execute} while no statement timeout is set: a
 * statement that changes the session (SET, BEGIN, LISTEN...) would change it for every caller on
 * the connection, and a statement timeout cancels "whatever runs on the connection" (CancelRequest),
 * which could be someone else's statement. Everything else takes a connection of its own. The
 * check is by the first word only: a SELECT with session side effects (INTO @v, GET_LOCK,
 * set_config) is visible to the other callers on its connection (documented in the README).
 *
 * <p><b>Slots.</b> A shared connection is a {@link Slot}: a pool lease (borrowed as any other,
 * FIFO with everyone) and a count of its users. A caller joins a <em>moving</em> slot (one that
 * finished a call within {@link #MOVING_NANOS}) that has fewer than {@code depth / 2} users, else
 * takes an idle pooled connection, else joins any slot with room, else borrows; the caller that
 * brings the count to zero returns the lease (reset and all, as usual).
 *
 * <p>Packing before spreading is for the server: with four callers on each of eight connections,
 * MariaDB's eight threads kept running dry, sleeping in poll and waking per statement (23 us of
 * server CPU per point select, 8 threads busy); with sixteen on each of two, the next request is
 * already waiting when one is answered (15 us, and 40k to 60k statements/s on two cores). The
 * Vert.x client gets the same shape from its event loops. The moving test keeps that from hurting a
 * slow statement's neighbours: a slot stuck on one long statement takes no packers, who go to an
 * idle connection instead of queueing behind it.
 *
 * <p>A slot at zero is never joined again, so the return cannot race a newcomer. At most {@code poolSize x
 * depth} callers are inside (a fair semaphore), so a burst queues here rather than in the pool.
 * A slot takes newcomers for half a second at most, then drains, so its lease goes back to the pool
 * regularly (recycle, reset, pre-ping and leak detection keep working under steady load).
 * When other borrowers wait in the pool (a transaction, a stream: more waiters than our own callers
 * borrowing a new slot), nobody joins: slots drain and their connections go back, so sharing never
 * starves exclusive users.
 *
 * <p><b>Costs of sharing.</b> A connection lost mid-pipeline fails every statement in flight on it
 * (each caller sees the connection error). Interrupting a caller closes the socket (as with an
 * exclusive connection), which likewise fails the others in flight. Checkout/checkin events fire
 * per slot, not per statement; statement events and statistics stay per statement.
 */
final class SharedExecution {
    private final Engine engine;
    private final int depth;
    /** Callers a moving slot takes before an idle connection is preferred ({@code depth / 2}). */
    private final int packLimit;
    private final Semaphore room;
    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    /** Our own callers queued in the pool for a new slot: pool waiters beyond these are someone else. */
    private final AtomicInteger borrowing = new AtomicInteger();
    /** Set once a driver turns out not to pipeline (PostgreSQL in pooler mode): from then on callers go the usual way. */
    private volatile boolean unsupported;

    /**
     * A slot takes newcomers for this long, then drains and goes back to the pool. Under steady load
     * a slot would otherwise never return its lease, and everything the pool does on return or
     * checkout (recycle, reset, pre-ping, leak detection's "held too long") would never happen.
     */
    static final long SLOT_MAX_AGE_NANOS = 500_000_000L;

    /**
     * A slot counts as moving while its calls finish at least this often. Point selects on a busy
     * two-core machine finish every 20-100 us per connection; a statement that runs for milliseconds
     * makes its slot look stalled, and then callers spread to idle connections instead of queueing
     * behind it.
     */
    static final long MOVING_NANOS = 2_000_000L;

    /** One shared connection and how many callers are on it (0 = being returned, never rejoined). */
    static final class Slot {
        final Connection connection;
        /** The driver pipelines concurrent calls; if not, the slot is never joined (one user). */
        final boolean pipelines;
        final AtomicInteger users = new AtomicInteger(1);
        final long openedAt = System.nanoTime();
        /** When a call on this slot last finished (or the slot opened): a stalled slot takes no packers. */
        volatile long lastDone = openedAt;

        Slot(Connection connection) {
            this.connection = connection;
            this.pipelines = connection.driver().pipelinesConcurrentCalls();
        }
    }

    SharedExecution(Engine engine, int depth, int poolSize) {
        this.engine = engine;
        this.depth = depth;
        this.packLimit = depth / 2;
        this.room = new Semaphore(Math.max(1, poolSize) * depth, true);
    }

    /** True for statements that may share: plain DML/queries that leave the session as it was. */
    static boolean shareable(String sql) {
        int i = skipSpaceAndComments(sql, 0);
        int j = i;
        while (j < sql.length() && Character.isLetter(sql.charAt(j))) {
            j++;
        }
        // compared in place: this runs for every engine.execute, so no substring or lower-casing
        for (String k : SHAREABLE) {
            if (j - i == k.length() && sql.regionMatches(true, i, k, 0, k.length())) {
                return true;
            }
        }
        return false;
    }

    private static final String[] SHAREABLE = {"select", "insert", "update", "delete", "with", "values", "table"};

    private static int skipSpaceAndComments(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    List<Result> run(String sql, Object[] params) {
        if (unsupported) {
            return engine.withConnection(c -> c.executeAll(sql, params));
        }
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationInterruptedException("interrupted while waiting for a shared connection");
        }
        try {
            // a moving slot half full first (cheap statements pack), then an idle connection, then any room
            Slot s = join(packLimit, true);
            if (s == null) {
                Connection idle = engine.tryConnect();
                s = idle != null ? adopt(idle) : join(depth, false);
            }
            if (s == null) {
                borrowing.incrementAndGet();
                try {
                    s = adopt(engine.connect()); // a borrow like any other: FIFO, poolTimeout applies
                } finally {
                    borrowing.decrementAndGet();
                }
            }
            try {
                return engine.executor().run(s.connection, sql, params);
            } finally {
                leave(s);
            }
        } finally {
            room.release();
        }
    }

    /** A new slot on {@code c}, listed for others to join if the driver pipelines. */
    private Slot adopt(Connection c) {
        Slot s = new Slot(c);
        if (s.pipelines) {
            slots.add(s);
        } else {
            unsupported = true; // this call runs alone; later callers skip sharing altogether
        }
        return s;
    }

    /**
     * A slot with fewer than {@code limit} users (its user count raised), or null. With
     * {@code moving}, only a slot that finished a call within {@link #MOVING_NANOS} (or opened that
     * recently): a slot busy with a long statement is left alone, so nobody queues behind it.
     */
    private Slot join(int limit, boolean moving) {
        if (engine.poolWaiters() > borrowing.get()) {
            return null; // someone else queues in the pool: let our slots drain and go back to it
        }
        long now = System.nanoTime();
        for (Slot s : slots) {
            if (s.connection.isBroken() || now - s.openedAt > SLOT_MAX_AGE_NANOS
                    || moving && now - s.lastDone > MOVING_NANOS) {
                continue;
            }
            for (int u = s.users.get(); u >= 1 && u < limit; u = s.users.get()) {
                if (s.users.compareAndSet(u, u + 1)) {
                    return s;
                }
            }
        }
        return null;
    }

    private void leave(Slot s) {
        s.lastDone = System.nanoTime();
        if (s.users.decrementAndGet() == 0) {
            slots.remove(s); // a no-op for a slot that was never listed
            s.connection.close(); // back to the pool (invalidated if broken)
        }
    }
}
