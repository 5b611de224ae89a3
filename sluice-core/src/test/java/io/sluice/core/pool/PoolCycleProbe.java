package io.sluice.core.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Quick throughput probe (not a unit test, not JMH): borrow + release cycles per second against a
 * manager whose operations cost nothing, so only the pool itself is measured. Run after
 * {@code mvn -pl sluice-core test-compile}:
 *
 * <pre>java -cp sluice-core/target/classes:sluice-core/target/test-classes io.sluice.core.pool.PoolCycleProbe</pre>
 *
 * Prints single-threaded cycles/s, then 2,000 virtual threads sharing 50 connections, then 32
 * virtual threads sharing 8 connections that each yield while holding one (a stand-in for a query's
 * I/O wait: borrowers really queue, so every cycle is a handoff to a parked waiter), then two
 * platform threads whose ids hash to the same idle-set stripe at salt 0 against two that do not
 * (the salt must move the first pair apart: both should run at about the same rate). Each line also
 * shows the process CPU time per cycle.
 */
public final class PoolCycleProbe {
    private PoolCycleProbe() {
    }

    /** A manager that does nothing: measures pool overhead only. */
    static final class NullManager implements ResourceManager<Object> {
        @Override
        public Object create() {
            return new Object();
        }

        @Override
        public boolean validate(Object c, Duration timeout) {
            return true;
        }

        @Override
        public void reset(Object c) {
        }

        @Override
        public void close(Object c) {
        }

        @Override
        public boolean isBroken(Object c) {
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 3;
        PoolConfig base = PoolConfig.builder().poolSize(50).maxOverflow(0).poolTimeout(Duration.ofMinutes(1)).build();
        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
            String tag = round == 0 ? "warm-up  " : "measured ";
            System.out.printf("%s single thread, pool 50:       %,.0f cycles/s%n", tag, singleThread(base, seconds));
            System.out.printf("%s 2000 virtual threads, pool 50: %s%n", tag, virtualThreads(base, 2000, seconds, false));
            PoolConfig eight = PoolConfig.builder().poolSize(8).maxOverflow(0).poolTimeout(Duration.ofMinutes(1)).build();
            System.out.printf("%s 32 vthreads yielding, pool 8:  %s%n", tag, virtualThreads(eight, 32, seconds, true));
            System.out.printf("%s 2 threads, one stripe / apart: %,.0f / %,.0f cycles/s each%n", tag,
                    twoThreads(base, seconds, true), twoThreads(base, seconds, false));
        }
    }

    /** Two platform threads cycling; {@code sameStripe} picks a pair whose ids share a stripe at salt 0. */
    static double twoThreads(PoolConfig config, long seconds, boolean sameStripe) throws InterruptedException {
        try (Pool<Object> pool = new Pool<>(config, new NullManager())) {
            LongAdder cycles = new LongAdder();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            Runnable body = () -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 1000; i++) {
                        pool.borrow().release();
                    }
                    n += 1000;
                }
                cycles.add(n);
            };
            Thread a = new Thread(body);
            Thread b = new Thread(body);
            while ((stripeAtSaltZero(a.threadId()) == stripeAtSaltZero(b.threadId())) != sameStripe) {
                b = new Thread(body);
            }
            a.start();
            b.start();
            a.join();
            b.join();
            return cycles.sum() / 2.0 / seconds;
        }
    }

    /** IdleSet's stripe for a thread id at salt 0 with its 8 stripes (kept in step by hand). */
    private static int stripeAtSaltZero(long threadId) {
        long h = threadId * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 31)) & 7;
    }

    static double singleThread(PoolConfig config, long seconds) {
        try (Pool<Object> pool = new Pool<>(config, new NullManager())) {
            long n = 0;
            long start = System.nanoTime();
            long end = start + Duration.ofSeconds(seconds).toNanos();
            while (true) {
                for (int i = 0; i < 10_000; i++) {
                    pool.borrow().release();
                }
                n += 10_000;
                long now = System.nanoTime();
                if (now >= end) {
                    return n * 1e9 / (now - start);
                }
            }
        }
    }

    static String virtualThreads(PoolConfig config, int threads, long seconds, boolean yieldWhileHolding)
            throws InterruptedException {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        try (Pool<Object> pool = new Pool<>(config, new NullManager())) {
            LongAdder cycles = new LongAdder();
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2];
            List<Thread> ts = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                ts.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long end = window[1];
                    long local = 0;
                    while (true) {
                        for (int i = 0; i < 100; i++) {
                            Lease<Object> l = pool.borrow();
                            if (yieldWhileHolding) {
                                Thread.yield();
                            }
                            l.release();
                        }
                        local += 100;
                        if (System.nanoTime() >= end) {
                            break;
                        }
                    }
                    cycles.add(local);
                }));
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + Duration.ofSeconds(seconds).toNanos();
            go.countDown();
            for (Thread t : ts) {
                t.join();
            }
            long took = System.nanoTime() - window[0];
            PoolStatus s = pool.status();
            if (s.inUse() != 0 || s.waiting() != 0 || s.size() > config.poolSize()) {
                throw new AssertionError("inconsistent after run: " + s);
            }
            long cpu = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpu0;
            return String.format("%,.0f cycles/s, %,.0f ns CPU/cycle", cycles.sum() * 1e9 / took,
                    (double) cpu / cycles.sum());
        }
    }
}
