package io.sluice.postgres;

import io.sluice.core.error.SluiceException;
import io.sluice.postgres.session.PgSession;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * LISTEN on a dedicated connection whose virtual thread reads notifications as they arrive and hands
 * them to the handler. When the connection is lost it reconnects with backoff and LISTENs again, so
 * the listener survives server restarts and network failures (notifications sent while it was
 * disconnected are lost: PostgreSQL does not queue them for absent listeners).
 */
public final class PgListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PgListener.class.getName());

    private final PgConfig cfg;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Consumer<PgSession.Notification> handler;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile PgSession session;
    private volatile int connects;

    private PgListener(PgConfig cfg, Collection<String> channels, Consumer<PgSession.Notification> handler) {
        this.cfg = cfg;
        this.channels.addAll(channels);
        this.handler = handler;
        this.thread = Thread.ofVirtual().name("sluice-pg-listener").unstarted(this::run);
    }

    public static PgListener start(PgConfig cfg, Collection<String> channels, Consumer<PgSession.Notification> handler) {
        PgListener l = new PgListener(cfg, channels, handler);
        l.thread.start();
        return l;
    }

    /** Adds a channel (LISTENed at once when connected, and after every reconnect). */
    public void listen(String channel) {
        channels.add(channel);
        PgSession s = session;
        if (s != null) {
            s.sendWithoutResponseWait("LISTEN " + PgConnection.quoteIdent(channel));
        }
    }

    /** How many times the listener has connected (1 + reconnects). */
    public int connects() {
        return connects;
    }

    /** True while connected and listening. */
    public boolean isConnected() {
        PgSession s = session;
        return s != null && s.state() == PgSession.State.READY;
    }

    /** The backend pid of the current listening connection, or 0. */
    public int backendPid() {
        PgSession s = session;
        return s == null ? 0 : s.backendPid();
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            PgSession s = null;
            try {
                s = PgSession.open(cfg);
                s.addNotificationListener(handler);
                for (String c : channels) {
                    s.simpleQuery("LISTEN " + PgConnection.quoteIdent(c));
                }
                session = s;
                connects++;
                backoffMs = 100;
                s.readNotificationsUntilClosed(() -> running);
            } catch (SluiceException e) {
                if (running) {
                    LOG.log(System.Logger.Level.WARNING, "LISTEN connection lost ({0}); reconnecting in {1} ms",
                            e.getMessage(), backoffMs);
                }
            } finally {
                session = null;
                if (s != null) {
                    s.abort("listener stopped");
                }
            }
            if (running) {
                try {
                    Thread.sleep(Duration.ofMillis(backoffMs));
                } catch (InterruptedException e) {
                    return;
                }
                backoffMs = Math.min(5000, backoffMs * 2);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        PgSession s = session;
        if (s != null) {
            s.abort("listener closed");
        }
        thread.interrupt();
    }
}
