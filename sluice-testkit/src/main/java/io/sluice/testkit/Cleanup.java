package io.sluice.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One JVM shutdown hook that closes every throwaway server still running, so a test run that
 * forgets close() (or is interrupted with Ctrl-C / SIGTERM) leaves no server processes behind.
 * A JVM killed with SIGKILL cannot run hooks; {@link TempDirs#reapStale} covers that case on the
 * next run.
 */
final class Cleanup {

    private static final Set<AutoCloseable> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private Cleanup() {}

    static void register(AutoCloseable resource) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("sluice-testkit-cleanup")
                    .unstarted(Cleanup::closeAll));
        }
        LIVE.add(resource);
    }

    static void unregister(AutoCloseable resource) {
        LIVE.remove(resource);
    }

    private static void closeAll() {
        List<Thread> closers = new ArrayList<>();
        for (AutoCloseable r : List.copyOf(LIVE)) {
            // close in parallel: each server may take seconds to stop and the JVM is exiting
            closers.add(Thread.ofPlatform().start(() -> {
                try {
                    r.close();
                } catch (Exception e) {
                    System.err.println("sluice-testkit: closing " + r + " at exit failed: " + e);
                }
            }));
        }
        for (Thread t : closers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
