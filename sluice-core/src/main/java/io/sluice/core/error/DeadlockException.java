package io.sluice.core.error;

/** Deadlock detected; the server rolled back the transaction (MySQL 1213, SQLSTATE 40001 / 40P01). */
public class DeadlockException extends RetryableException {
    public DeadlockException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
