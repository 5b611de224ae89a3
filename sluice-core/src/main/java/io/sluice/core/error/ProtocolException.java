package io.sluice.core.error;

/**
 * The peer sent bytes that violate the protocol: truncated or oversized packets, lengths past a
 * limit, unexpected messages. The connection is closed: its framing can no longer be trusted.
 */
public class ProtocolException extends SluiceException {
    public ProtocolException(String message) {
        super(message, 0, "08P01", null);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, 0, "08P01", cause);
    }

    @Override
    public boolean isConnectionBroken() {
        return true;
    }
}
