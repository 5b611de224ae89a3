package io.sluice.core.engine;

import io.sluice.core.error.ConfigurationException;
import io.sluice.core.spi.IsolationLevel;
import java.time.Duration;

/**
 * How a transaction runs: isolation level (null = server default), read-only, and an opt-in retry of
 * the whole lambda when the server aborts it for contention (deadlock, serialization failure, lock
 * wait timeout), with exponential backoff and full jitter. A commit whose outcome is unknown is never
 * retried.
 */
public record TxOptions(IsolationLevel isolation, boolean readOnly, int maxAttempts, Duration initialBackoff,
                        Duration maxBackoff) {

    public static final TxOptions DEFAULT = new TxOptions(null, false, 1, Duration.ofMillis(20), Duration.ofSeconds(1));

    public TxOptions {
        if (maxAttempts < 1) {
            throw new ConfigurationException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative() || maxBackoff == null || maxBackoff.isNegative()) {
            throw new ConfigurationException("backoff durations must be >= 0");
        }
    }

    public static TxOptions defaults() {
        return DEFAULT;
    }

    public TxOptions isolation(IsolationLevel level) {
        return new TxOptions(level, readOnly, maxAttempts, initialBackoff, maxBackoff);
    }

    public TxOptions readOnly(boolean ro) {
        return new TxOptions(isolation, ro, maxAttempts, initialBackoff, maxBackoff);
    }

    /** Run the lambda up to {@code attempts} times in all while it fails with a retryable error. */
    public TxOptions retry(int attempts) {
        return new TxOptions(isolation, readOnly, attempts, initialBackoff, maxBackoff);
    }

    public TxOptions backoff(Duration initial, Duration max) {
        return new TxOptions(isolation, readOnly, maxAttempts, initial, max);
    }

    /** Full jitter: a random wait in [0, min(max, initial * 2^(attempt-1))]. */
    Duration backoffFor(int attempt) {
        long cap = Math.min(maxBackoff.toNanos(), initialBackoff.toNanos() << Math.min(20, attempt - 1));
        return Duration.ofNanos((long) (java.util.concurrent.ThreadLocalRandom.current().nextDouble() * cap));
    }
}
