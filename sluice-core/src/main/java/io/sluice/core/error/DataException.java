package io.sluice.core.error;

/** The server rejected a value: out of range, too long, wrong format (SQLSTATE class 22). */
public class DataException extends ServerException {
    public DataException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
