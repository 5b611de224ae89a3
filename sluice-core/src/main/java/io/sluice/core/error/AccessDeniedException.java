package io.sluice.core.error;

/** Authentication failed or the user lacks a privilege (MySQL 1045, 1044, 1142; SQLSTATE 28000, 42501). */
public class AccessDeniedException extends ServerException {
    public AccessDeniedException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
