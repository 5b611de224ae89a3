package io.sluice.mysql;

import io.sluice.mysql.session.MySqlSession;

/**
 * Stops server-side work with {@code KILL [QUERY] id} over a short-lived side connection with the
 * same settings: the connection being stopped is busy (or already gone), so it cannot carry the
 * command itself.
 */
final class Killer {
    private static final System.Logger LOG = System.getLogger(Killer.class.getName());

    private Killer() {
    }

    static void kill(MySqlConfig cfg, long connectionId, boolean queryOnly) {
        MySqlSession side = MySqlSession.open(cfg);
        try {
            side.query("KILL " + (queryOnly ? "QUERY " : "") + connectionId, null).drain();
        } finally {
            side.close();
        }
    }

    static void killInBackground(MySqlConfig cfg, long connectionId) {
        Thread.ofVirtual().name("sluice-kill-" + connectionId).start(() -> {
            try {
                kill(cfg, connectionId, false);
            } catch (RuntimeException e) {
                // the connection may be gone already; nothing else to do
                LOG.log(System.Logger.Level.DEBUG, "KILL {0} failed: {1}", connectionId, e.getMessage());
            }
        });
    }
}
