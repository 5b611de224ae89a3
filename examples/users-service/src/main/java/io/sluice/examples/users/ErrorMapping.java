package io.sluice.examples.users;

import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.DataException;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.PoolClosedException;
import io.sluice.core.error.RetryableException;
import io.sluice.core.error.TimeoutException;

/**
 * How failures become HTTP statuses. The typed Sluice errors make this a plain switch: no vendor
 * codes or SQLSTATEs to compare, and the same mapping holds for MySQL and PostgreSQL.
 *
 * @param status     the HTTP status
 * @param message    what the client is told
 * @param retryAfter seconds for a Retry-After header, or 0 for none
 */
record ErrorMapping(int status, String message, int retryAfter) {

    static ErrorMapping of(Throwable t) {
        return switch (t) {
            case ApiException e -> new ErrorMapping(e.status(), e.getMessage(), 0);
            case Json.JsonException e -> new ErrorMapping(400, e.getMessage(), 0);
            case IntegrityViolationException e when e.kind() == IntegrityViolationException.Kind.UNIQUE ->
                    new ErrorMapping(409, "a user with this email already exists", 0);
            // NOT NULL, CHECK, foreign key: the request carried values the table does not accept
            case IntegrityViolationException e -> new ErrorMapping(400, "rejected by the database: " + e.kind(), 0);
            case DataException e -> new ErrorMapping(400, "a value is out of range or too long", 0);
            // PoolTimeoutException (every connection busy), statement and read timeouts
            case TimeoutException e -> new ErrorMapping(503, "database busy: " + e.getMessage(), 1);
            // refused, reset, authentication impossible, lost during COMMIT (outcome unknown)
            case ConnectionException e -> new ErrorMapping(503, "database unavailable", 5);
            case PoolClosedException e -> new ErrorMapping(503, "shutting down", 5);
            // a deadlock or serialization failure that persisted through the retries
            case RetryableException e -> new ErrorMapping(503, "database contention, try again", 1);
            default -> new ErrorMapping(500, "internal error", 0);
        };
    }
}
