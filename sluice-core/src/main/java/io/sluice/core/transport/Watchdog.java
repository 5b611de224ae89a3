package io.sluice.core.transport;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One shared daemon timer that enforces deadlines the socket API cannot: write timeouts, and read
 * timeouts on unix-domain channels. On expiry it runs an action (closing the socket), which makes
 * the blocked I/O fail; the owner then reports a timeout. Cancelled tasks are removed at once so
 * arming per operation does not grow the queue.
 */
public final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        TIMER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("sluice-watchdog");
            t.setDaemon(true);
            return t;
        });
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private Watchdog() {
    }

    /** Runs {@code onExpiry} after {@code after} unless the returned handle is cancelled first. */
    public static ScheduledFuture<?> arm(Duration after, Runnable onExpiry) {
        return TIMER.schedule(onExpiry, after.toNanos(), TimeUnit.NANOSECONDS);
    }
}
