package io.sluice.core.error;

/**
 * An error the server reported for a statement (MySQL ERR packet, PostgreSQL ErrorResponse). The
 * connection stays usable: the server has already finished the command.
 */
public class ServerException extends SluiceException {
    private final String serverMessage;

    public ServerException(String serverMessage, int vendorCode, String sqlState) {
        super(format(serverMessage, vendorCode, sqlState), vendorCode, sqlState, null);
        this.serverMessage = serverMessage;
    }

    /** The message exactly as the server sent it. */
    public String serverMessage() {
        return serverMessage;
    }

    static String format(String message, int vendorCode, String sqlState) {
        StringBuilder sb = new StringBuilder();
        if (vendorCode != 0) {
            sb.append('[').append(vendorCode).append("] ");
        }
        if (sqlState != null) {
            sb.append('(').append(sqlState).append(") ");
        }
        return sb.append(message).toString();
    }
}
