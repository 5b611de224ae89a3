package io.sluice.core.error;

/**
 * A result did not have the shape the caller asked for: {@code one()} on zero or several rows,
 * {@code scalar()} on a statement that returned no row set. A caller mistake about the data, so a
 * {@link UsageException}; the connection is fine.
 */
public class ResultShapeException extends UsageException {
    public ResultShapeException(String message) {
        super(message);
    }
}
