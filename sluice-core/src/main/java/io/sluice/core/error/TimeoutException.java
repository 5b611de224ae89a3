package io.sluice.core.error;

/**
 * A client-side deadline expired: connect, read or write timeout, or a query timeout. When the
 * deadline hit while a response was in flight the connection's state is unknown, so it is marked
 * broken ({@link #isConnectionBroken()}); the server-side work is stopped where the driver can.
 */
public class TimeoutException extends SluiceException {
    private final boolean connectionBroken;

    public TimeoutException(String message, boolean connectionBroken, Throwable cause) {
        super(message, 0, "HYT00", cause);
        this.connectionBroken = connectionBroken;
    }

    @Override
    public boolean isConnectionBroken() {
        return connectionBroken;
    }
}
