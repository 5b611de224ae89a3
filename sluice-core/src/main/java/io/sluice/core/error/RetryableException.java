package io.sluice.core.error;

/**
 * The server aborted the statement (or transaction) because of contention; running the whole unit
 * of work again may succeed. Subclasses say which kind.
 */
public class RetryableException extends ServerException {
    public RetryableException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
