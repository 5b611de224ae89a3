package io.sluice.core.error;

/**
 * The calling thread was interrupted while blocked (waiting for a pooled connection, for example).
 * Whoever throws this restores the thread's interrupt flag first, so code further up still sees the
 * interruption; the object waited for was left in a consistent state.
 */
public class OperationInterruptedException extends SluiceException {
    public OperationInterruptedException(String message) {
        super(message);
    }
}
