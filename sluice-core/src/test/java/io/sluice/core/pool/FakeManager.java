package io.sluice.core.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** A ResourceManager over fake connections: counts everything, fails and stalls on request. */
final class FakeManager implements ResourceManager<FakeManager.Conn> {

    /** A fake connection. {@code dead}: fails validation; {@code broken}: isBroken() says so. */
    static final class Conn {
        final int id;
        volatile boolean dead;
        volatile boolean broken;
        volatile boolean closed;
        final AtomicInteger users = new AtomicInteger();

        Conn(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "Conn#" + id;
        }
    }

    static final class CreateFailed extends RuntimeException {
        CreateFailed(String m) {
            super(m);
        }
    }

    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    final AtomicInteger failCreates = new AtomicInteger();
    final AtomicInteger failResets = new AtomicInteger();
    final List<Conn> all = new CopyOnWriteArrayList<>();
    final List<Conn> closedConns = new CopyOnWriteArrayList<>();
    volatile long createLatencyNanos;

    @Override
    public Conn create() {
        if (createLatencyNanos > 0) {
            LockSupport.parkNanos(createLatencyNanos);
        }
        if (failCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CreateFailed("connection refused (fake)");
        }
        Conn c = new Conn(created.incrementAndGet());
        int now = open.incrementAndGet();
        maxOpen.accumulateAndGet(now, Math::max);
        all.add(c);
        return c;
    }

    @Override
    public boolean validate(Conn c, Duration timeout) {
        validations.incrementAndGet();
        if (c.closed) {
            throw new AssertionError("validate on closed " + c);
        }
        return !c.dead;
    }

    @Override
    public void reset(Conn c) {
        resets.incrementAndGet();
        if (failResets.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("rollback failed (fake)");
        }
    }

    @Override
    public void close(Conn c) {
        if (c.closed) {
            throw new AssertionError("double close of " + c);
        }
        c.closed = true;
        closed.incrementAndGet();
        open.decrementAndGet();
        closedConns.add(c);
    }

    @Override
    public boolean isBroken(Conn c) {
        return c.broken;
    }
}
