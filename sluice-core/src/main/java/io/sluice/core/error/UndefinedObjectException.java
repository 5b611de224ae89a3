package io.sluice.core.error;

/** The statement names a table, column or other object that does not exist (MySQL 1146, 1054). */
public class UndefinedObjectException extends ServerException {
    public UndefinedObjectException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
