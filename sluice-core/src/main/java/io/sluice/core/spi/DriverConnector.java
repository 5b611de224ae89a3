package io.sluice.core.spi;

/** Opens connections for one validated configuration. Thread-safe. */
public interface DriverConnector {
    /** Connects, authenticates and applies session settings within the configured connect timeout. */
    DriverConnection connect();

    /** The target without credentials, e.g. {@code mysql://app@db:3306/shop}. */
    String describe();

    Dialect dialect();

    /**
     * Starts a listener on a dedicated connection that reconnects (and listens again) when the
     * connection is lost. Close the returned handle to stop it.
     */
    default AutoCloseable listen(java.util.Collection<String> channels, java.util.function.Consumer<Notification> handler) {
        throw new UnsupportedOperationException("this database has no LISTEN/NOTIFY");
    }
}
