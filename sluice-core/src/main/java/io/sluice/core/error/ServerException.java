package io.sluice.core.error;

/**
 * An error the server reported for a statement (MySQL ERR packet, PostgreSQL ErrorResponse). The
 * connection stays usable: the server has already finished the command.
 */
public class ServerException extends SluiceException {
    private final String serverMessage;
    private volatile ServerErrorDetails details;

    public ServerException(String serverMessage, int vendorCode, String sqlState) {
        super(format(serverMessage, vendorCode, sqlState), vendorCode, sqlState, null);
        this.serverMessage = serverMessage;
    }

    /** The message exactly as the server sent it. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The structured error fields (PostgreSQL), or {@code null} when the server sent none (MySQL). */
    public ServerErrorDetails details() {
        return details;
    }

    /**
     * Attaches the structured fields; allowed once, right after construction by the driver that
     * built this exception. Returns {@code this} so mappers can chain it.
     *
     * @throws IllegalStateException when details were already attached
     */
    public ServerException withDetails(ServerErrorDetails details) {
        if (this.details != null) {
            throw new IllegalStateException("details already set");
        }
        this.details = details;
        return this;
    }

    /** The formatted message, followed by the server's detail and hint when it sent them. */
    @Override
    public String getMessage() {
        String base = super.getMessage();
        ServerErrorDetails d = details;
        if (d == null) {
            return base;
        }
        StringBuilder sb = new StringBuilder(base);
        if (d.detail() != null && !d.detail().isEmpty()) {
            sb.append(" - ").append(d.detail());
        }
        if (d.hint() != null && !d.hint().isEmpty()) {
            sb.append(" Hint: ").append(d.hint());
        }
        return sb.toString();
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
