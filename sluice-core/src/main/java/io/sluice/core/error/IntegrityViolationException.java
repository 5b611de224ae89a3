package io.sluice.core.error;

/** A constraint rejected the change: duplicate key, foreign key, NOT NULL, CHECK (SQLSTATE 23xxx). */
public class IntegrityViolationException extends ServerException {
    private final Kind kind;

    public enum Kind { UNIQUE, FOREIGN_KEY, NOT_NULL, CHECK, OTHER }

    public IntegrityViolationException(String serverMessage, int vendorCode, String sqlState, Kind kind) {
        super(serverMessage, vendorCode, sqlState);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
