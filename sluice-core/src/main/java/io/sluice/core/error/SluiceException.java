package io.sluice.core.error;

/**
 * Root of every error Sluice raises, for MySQL/MariaDB and PostgreSQL alike.
 *
 * <p>Unchecked on purpose: the lambda-scoped API ({@code inTransaction(tx -> ...)}) would otherwise
 * force every caller to wrap. Each error carries the server's vendor code and SQLSTATE when the
 * server produced it ({@code 0} and {@code null} for client-side errors) and says whether retrying
 * the whole unit of work may succeed.
 *
 * <p>Messages never contain passwords: constructors take a message composed by Sluice, and URL
 * rendering goes through {@code redacted()} helpers.
 */
public class SluiceException extends RuntimeException {
    private final int vendorCode;
    private final String sqlState;

    public SluiceException(String message) {
        this(message, 0, null, null);
    }

    public SluiceException(String message, Throwable cause) {
        this(message, 0, null, cause);
    }

    public SluiceException(String message, int vendorCode, String sqlState, Throwable cause) {
        super(message, cause);
        this.vendorCode = vendorCode;
        this.sqlState = sqlState;
    }

    /** The server's numeric error code (MySQL error number), or 0 when the error is client-side. */
    public int vendorCode() {
        return vendorCode;
    }

    /** The five-character SQLSTATE, or {@code null} when none applies. */
    public String sqlState() {
        return sqlState;
    }

    /** True when running the same unit of work again may succeed (deadlock, lock timeout, ...). */
    public boolean isRetryable() {
        return false;
    }

    /** True when the connection that raised this error can no longer be used. */
    public boolean isConnectionBroken() {
        return false;
    }
}
