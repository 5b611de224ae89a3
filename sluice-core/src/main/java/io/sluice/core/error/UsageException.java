package io.sluice.core.error;

/** The caller used the API wrongly: wrong parameter count, unsupported value type, wrong state. */
public class UsageException extends SluiceException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
