package io.sluice.core.error;

/** A lock wait timed out (MySQL 1205; PostgreSQL 55P03). The transaction may still be open. */
public class LockTimeoutException extends RetryableException {
    public LockTimeoutException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
