package io.sluice.core.error;

/** {@code one()} found no row. */
public class NoResultException extends ResultShapeException {
    public NoResultException(String message) {
        super(message);
    }
}
