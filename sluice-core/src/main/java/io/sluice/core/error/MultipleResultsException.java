package io.sluice.core.error;

/** {@code one()} / {@code oneOrNone()} found more than one row. */
public class MultipleResultsException extends ResultShapeException {
    private final int rowCount;

    public MultipleResultsException(String message, int rowCount) {
        super(message);
        this.rowCount = rowCount;
    }

    /** How many rows the result held. */
    public int rowCount() {
        return rowCount;
    }
}
