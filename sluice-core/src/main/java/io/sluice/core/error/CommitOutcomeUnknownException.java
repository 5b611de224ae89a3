package io.sluice.core.error;

/**
 * The connection was lost while COMMIT was in flight: the transaction may or may not have been
 * committed. Never retried automatically: only the application can check what happened (e.g. by
 * looking for the rows it wrote) and decide.
 */
public class CommitOutcomeUnknownException extends ConnectionException {
    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, 0, "08007", cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
