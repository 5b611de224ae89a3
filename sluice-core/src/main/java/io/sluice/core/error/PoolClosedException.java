package io.sluice.core.error;

/** The pool was disposed: it lends no more connections, and borrowers still queued are turned away. */
public class PoolClosedException extends SluiceException {
    public PoolClosedException(String message) {
        super(message, 0, "08003", null);
    }
}
