package io.sluice.core.error;

/** The server stopped the statement because it was cancelled or killed (MySQL 1317, PostgreSQL 57014). */
public class QueryCancelledException extends ServerException {
    public QueryCancelledException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
