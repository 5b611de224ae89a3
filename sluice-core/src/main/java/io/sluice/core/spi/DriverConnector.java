package io.sluice.core.spi;

/** Opens connections for one validated configuration. Thread-safe. */
public interface DriverConnector {
    /** Connects, authenticates and applies session settings within the configured connect timeout. */
    DriverConnection connect();

    /** The target without credentials, e.g. {@code mysql://app@db:3306/shop}. */
    String describe();

    Dialect dialect();
}
