package io.sluice.postgres;

import io.sluice.postgres.session.PgSession;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Waiting for notifications on a connection that is otherwise idle. */
final class Notifications {
    private Notifications() {
    }

    /** Polls with cheap Sync round trips (each delivers any queued notification) until one arrives. */
    static void await(PgSession s, Duration d) {
        AtomicBoolean got = new AtomicBoolean();
        Consumer<PgSession.Notification> mark = n -> got.set(true);
        s.addNotificationListener(mark);
        try {
            long deadline = System.nanoTime() + d.toNanos();
            while (!got.get() && System.nanoTime() < deadline) {
                s.ping();
                if (!got.get()) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            s.removeNotificationListener(mark);
        }
    }
}
