package io.sluice.core.error;

/** The connection was closed (by the caller) or marked broken earlier and refuses further use. */
public class ConnectionClosedException extends ConnectionException {
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, 0, "08003", cause);
    }
}
