package io.sluice.core.error;

/**
 * The connection could not be established or was lost (refused, reset, closed by the server,
 * TLS failure). Transient: a new connection may work. The connection that raised it is broken.
 */
public class ConnectionException extends SluiceException {
    public ConnectionException(String message, Throwable cause) {
        super(message, 0, "08000", cause);
    }

    public ConnectionException(String message, int vendorCode, String sqlState, Throwable cause) {
        super(message, vendorCode, sqlState, cause);
    }

    @Override
    public boolean isConnectionBroken() {
        return true;
    }
}
