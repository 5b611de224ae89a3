package io.sluice.core.error;

/**
 * A handle (a pooled-connection lease, for example) was used after it was given back. The object
 * behind it may already serve another caller, so the use is refused rather than silently allowed.
 */
public class HandleReleasedException extends UsageException {
    public HandleReleasedException(String message) {
        super(message);
    }
}
