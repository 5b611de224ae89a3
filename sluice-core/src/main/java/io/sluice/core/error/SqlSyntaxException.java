package io.sluice.core.error;

/** The statement does not parse (MySQL 1064, SQLSTATE 42000 / 42601). */
public class SqlSyntaxException extends ServerException {
    public SqlSyntaxException(String serverMessage, int vendorCode, String sqlState) {
        super(serverMessage, vendorCode, sqlState);
    }
}
