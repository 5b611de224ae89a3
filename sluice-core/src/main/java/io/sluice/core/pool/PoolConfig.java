package io.sluice.core.pool;

import io.sluice.core.error.ConfigurationException;
import java.time.Duration;

/**
 * Immutable, validated pool settings (QueuePool semantics). Build with {@link #builder()}; the
 * canonical constructor validates too, so an invalid configuration cannot exist.
 *
 * @param poolSize connections kept open when idle (SQLAlchemy {@code pool_size}); >= 1, default 5
 * @param maxOverflow extra connections allowed beyond {@code poolSize} under load, closed again on
 *     return; -1 = unlimited, default 10
 * @param poolTimeout how long {@link Pool#borrow()} waits when every slot is busy; zero = do not
 *     wait at all; default 30s
 * @param recycle maximum lifetime of a connection; zero = unlimited. Each connection gets its own
 *     lifetime jittered by up to +/-2.5% so a pool filled at once does not expire at once. An
 *     expired connection is closed at checkin, skipped at checkout, and closed by housekeeping when
 *     idle. Default zero.
 * @param prePingAfter a connection idle for at least this long is validated before being handed
 *     out; {@link Duration#ZERO} = validate on every checkout; {@code null} (or negative, which is
 *     normalised to {@code null}) = never. Default 1s: a connection returned a moment ago is almost
 *     surely alive, and pinging it would add a round trip to every hot-path borrow (HikariCP's
 *     bypass window is 500ms for the same reason).
 * @param lifo true (default): hand out the most recently returned connection, so a small warm set
 *     serves light load and the rest can reach idleTimeout; false: round robin (FIFO)
 * @param minIdle connections created in the background at start and kept open (never trimmed by
 *     idleTimeout): a floor on open connections, 0..poolSize, default 0
 * @param idleTimeout idle connections above {@code minIdle} are closed after idling this long; zero
 *     = never; default 10 minutes
 * @param keepalive idle connections are validated this often so firewalls and servers do not drop
 *     them silently; zero = off (default)
 * @param leakDetectionThreshold a lease held longer than this is reported once (WARNING log and
 *     {@link PoolListener#onLeak}) with the borrower's stack; zero = off (default). When on, every
 *     borrow captures a stack trace, which costs a few microseconds.
 * @param validationTimeout the budget handed to {@link ResourceManager#validate}; > 0, default 5s
 * @param name used in log lines, thread names and error messages; default "sluice"
 */
public record PoolConfig(
        int poolSize,
        int maxOverflow,
        Duration poolTimeout,
        Duration recycle,
        Duration prePingAfter,
        boolean lifo,
        int minIdle,
        Duration idleTimeout,
        Duration keepalive,
        Duration leakDetectionThreshold,
        Duration validationTimeout,
        String name) {

    /** {@code maxOverflow} value meaning "no limit on overflow connections". */
    public static final int UNLIMITED_OVERFLOW = -1;

    public PoolConfig {
        if (poolSize < 1) {
            throw new ConfigurationException("poolSize must be >= 1, was " + poolSize);
        }
        if (maxOverflow < UNLIMITED_OVERFLOW) {
            throw new ConfigurationException("maxOverflow must be >= 0, or -1 for unlimited, was " + maxOverflow);
        }
        requireNonNegative("poolTimeout", poolTimeout);
        requireNonNegative("recycle", recycle);
        if (prePingAfter != null && prePingAfter.isNegative()) {
            prePingAfter = null;
        }
        if (minIdle < 0 || minIdle > poolSize) {
            throw new ConfigurationException("minIdle must be between 0 and poolSize (" + poolSize + "), was " + minIdle);
        }
        requireNonNegative("idleTimeout", idleTimeout);
        requireNonNegative("keepalive", keepalive);
        requireNonNegative("leakDetectionThreshold", leakDetectionThreshold);
        requireNonNegative("validationTimeout", validationTimeout);
        if (validationTimeout.isZero()) {
            throw new ConfigurationException("validationTimeout must be > 0, was 0");
        }
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("name must not be blank");
        }
    }

    private static void requireNonNegative(String option, Duration d) {
        if (d == null) {
            throw new ConfigurationException(option + " must not be null");
        }
        if (d.isNegative()) {
            throw new ConfigurationException(option + " must be >= 0, was " + d);
        }
    }

    /** Most connections open at once: poolSize + maxOverflow, or {@link Long#MAX_VALUE} when unlimited. */
    public long maxOpen() {
        return maxOverflow == UNLIMITED_OVERFLOW ? Long.MAX_VALUE : (long) poolSize + maxOverflow;
    }

    /** A builder with every default; {@code PoolConfig.builder().build()} is the default configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.poolSize = poolSize;
        b.maxOverflow = maxOverflow;
        b.poolTimeout = poolTimeout;
        b.recycle = recycle;
        b.prePingAfter = prePingAfter;
        b.lifo = lifo;
        b.minIdle = minIdle;
        b.idleTimeout = idleTimeout;
        b.keepalive = keepalive;
        b.leakDetectionThreshold = leakDetectionThreshold;
        b.validationTimeout = validationTimeout;
        b.name = name;
        return b;
    }

    /** Mutable, single-use builder; {@link #build()} validates. */
    public static final class Builder {
        private int poolSize = 5;
        private int maxOverflow = 10;
        private Duration poolTimeout = Duration.ofSeconds(30);
        private Duration recycle = Duration.ZERO;
        private Duration prePingAfter = Duration.ofSeconds(1);
        private boolean lifo = true;
        private int minIdle = 0;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration keepalive = Duration.ZERO;
        private Duration leakDetectionThreshold = Duration.ZERO;
        private Duration validationTimeout = Duration.ofSeconds(5);
        private String name = "sluice";

        private Builder() {
        }

        public Builder poolSize(int v) {
            poolSize = v;
            return this;
        }

        public Builder maxOverflow(int v) {
            maxOverflow = v;
            return this;
        }

        public Builder poolTimeout(Duration v) {
            poolTimeout = v;
            return this;
        }

        public Builder recycle(Duration v) {
            recycle = v;
            return this;
        }

        /** {@code null} or negative: never pre-ping; zero: always. */
        public Builder prePingAfter(Duration v) {
            prePingAfter = v;
            return this;
        }

        public Builder lifo(boolean v) {
            lifo = v;
            return this;
        }

        public Builder minIdle(int v) {
            minIdle = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder keepalive(Duration v) {
            keepalive = v;
            return this;
        }

        public Builder leakDetectionThreshold(Duration v) {
            leakDetectionThreshold = v;
            return this;
        }

        public Builder validationTimeout(Duration v) {
            validationTimeout = v;
            return this;
        }

        public Builder name(String v) {
            name = v;
            return this;
        }

        public PoolConfig build() {
            return new PoolConfig(poolSize, maxOverflow, poolTimeout, recycle, prePingAfter, lifo, minIdle,
                    idleTimeout, keepalive, leakDetectionThreshold, validationTimeout, name);
        }
    }
}
