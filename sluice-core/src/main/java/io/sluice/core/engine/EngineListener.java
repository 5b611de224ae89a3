package io.sluice.core.engine;

import io.sluice.core.spi.ConnectionMeta;
import java.time.Duration;

/**
 * Engine events, the counterpart of SQLAlchemy's {@code event.listens_for(engine, ...)}. Every
 * method has a no-op default; implement what you need. Listeners run on the caller's thread and
 * must be quick and must not throw (exceptions are logged and ignored).
 */
public interface EngineListener {
    /** A new server connection was opened. */
    default void onConnect(ConnectionMeta connection) {
    }

    /** A connection was handed to a caller after waiting {@code wait}. */
    default void onCheckout(ConnectionMeta connection, Duration wait) {
    }

    /** A connection came back to the pool after being held for {@code held}. */
    default void onCheckin(ConnectionMeta connection, Duration held) {
    }

    /** A connection was discarded (broken, failed reset, invalidated by the caller). */
    default void onInvalidate(ConnectionMeta connection, String reason) {
    }

    default void beforeExecute(ExecuteEvent event) {
    }

    default void afterExecute(ExecuteEvent event) {
    }

    /** A statement took longer than {@code slowQueryThreshold}. */
    default void onSlowQuery(ExecuteEvent event) {
    }

    /** A connection was held longer than {@code leakDetectionThreshold}; {@code borrowerStack} says who took it. */
    default void onLeak(ConnectionMeta connection, Duration held, StackTraceElement[] borrowerStack) {
    }
}
