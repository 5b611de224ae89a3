package io.sluice.core.engine;

import io.sluice.core.config.ConnectionUrl;
import io.sluice.core.config.Durations;
import io.sluice.core.error.ConfigurationException;
import io.sluice.core.pool.PoolConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Engine settings: the pool, statement defaults and the driver URL. Built from one URL whose pool
 * and engine options are taken here and whose remaining options go to the driver, which rejects
 * names it does not know. Immutable and validated; never prints the password.
 */
public record EngineConfig(ConnectionUrl driverUrl, PoolConfig pool, Duration slowQueryThreshold,
                           Duration statementTimeout, int sqlCacheSize, int pipelineDepth) {

    /** Option names the engine consumes from the URL. */
    public static final Set<String> ENGINE_OPTIONS = new TreeSet<>(Set.of("poolSize", "maxOverflow", "poolTimeout",
            "recycle", "prePing", "prePingAfter", "poolReuse", "minIdle", "idleTimeout", "keepalive",
            "leakDetectionThreshold", "slowQueryThreshold", "statementTimeout", "sqlCacheSize", "pipelineDepth"));

    /** Upper bound of {@link #pipelineDepth}: more callers per connection only lengthen each one's wait. */
    public static final int MAX_PIPELINE_DEPTH = 64;

    public EngineConfig {
        if (sqlCacheSize < 0) {
            throw new ConfigurationException("sqlCacheSize must be >= 0, was " + sqlCacheSize);
        }
        if (pipelineDepth < 1 || pipelineDepth > MAX_PIPELINE_DEPTH) {
            throw new ConfigurationException("pipelineDepth must be between 1 and " + MAX_PIPELINE_DEPTH + ", was "
                    + pipelineDepth);
        }
    }

    /** The settings before pipelineDepth existed: no connection sharing. */
    public EngineConfig(ConnectionUrl driverUrl, PoolConfig pool, Duration slowQueryThreshold,
                        Duration statementTimeout, int sqlCacheSize) {
        this(driverUrl, pool, slowQueryThreshold, statementTimeout, sqlCacheSize, 1);
    }

    public static EngineConfig fromUrl(String url) {
        return builder(url).build();
    }

    public static Builder builder(String url) {
        return new Builder(ConnectionUrl.parse(url));
    }

    @Override
    public String toString() {
        return "EngineConfig[" + driverUrl + ", " + pool + ", slowQueryThreshold=" + slowQueryThreshold
                + ", statementTimeout=" + statementTimeout + (pipelineDepth > 1 ? ", pipelineDepth=" + pipelineDepth : "") + "]";
    }

    /** Pool and engine options by URL name or method; everything else stays for the driver. */
    public static final class Builder {
        private final ConnectionUrl url;
        private final Map<String, String> driverOptions = new LinkedHashMap<>();
        private final PoolConfig.Builder pool = PoolConfig.builder();
        private Duration slowQueryThreshold = Duration.ZERO;
        private Duration statementTimeout = Duration.ZERO;
        private int sqlCacheSize = 512;
        private int pipelineDepth = 1;

        Builder(ConnectionUrl url) {
            this.url = url;
            url.options().forEach((k, v) -> {
                if (ENGINE_OPTIONS.contains(k)) {
                    option(k, v);
                } else {
                    driverOptions.put(k, v);
                }
            });
        }

        public PoolConfig.Builder pool() {
            return pool;
        }

        public Builder poolSize(int n) { pool.poolSize(n); return this; }
        public Builder maxOverflow(int n) { pool.maxOverflow(n); return this; }
        public Builder poolTimeout(Duration d) { pool.poolTimeout(d); return this; }
        public Builder recycle(Duration d) { pool.recycle(d); return this; }
        public Builder prePingAfter(Duration d) { pool.prePingAfter(d); return this; }
        public Builder lifo(boolean b) { pool.lifo(b); return this; }
        public Builder minIdle(int n) { pool.minIdle(n); return this; }
        public Builder idleTimeout(Duration d) { pool.idleTimeout(d); return this; }
        public Builder keepalive(Duration d) { pool.keepalive(d); return this; }
        public Builder leakDetectionThreshold(Duration d) { pool.leakDetectionThreshold(d); return this; }
        public Builder slowQueryThreshold(Duration d) { slowQueryThreshold = nonNegative("slowQueryThreshold", d); return this; }
        public Builder statementTimeout(Duration d) { statementTimeout = nonNegative("statementTimeout", d); return this; }
        public Builder sqlCacheSize(int n) { sqlCacheSize = n; return this; }
        /** Concurrent autocommit statements one connection may carry at once (see {@code SharedExecution}); 1 = none. */
        public Builder pipelineDepth(int n) { pipelineDepth = n; return this; }

        /** A driver option (same names as in the URL). */
        public Builder driverOption(String name, String value) {
            driverOptions.put(name, value);
            return this;
        }

        public Builder option(String name, String value) {
            switch (name) {
                case "poolSize" -> poolSize(integer(name, value));
                case "maxOverflow" -> maxOverflow(integer(name, value));
                case "poolTimeout" -> poolTimeout(Durations.parse(name, value));
                case "recycle" -> recycle(Durations.parse(name, value));
                case "prePing" -> prePingAfter(bool(name, value) ? Duration.ZERO : null);
                case "prePingAfter" -> prePingAfter(Durations.parse(name, value));
                case "poolReuse" -> lifo(switch (value.toLowerCase(Locale.ROOT)) {
                    case "lifo" -> true;
                    case "fifo" -> false;
                    default -> throw new ConfigurationException("poolReuse must be lifo or fifo, was '" + value + "'");
                });
                case "minIdle" -> minIdle(integer(name, value));
                case "idleTimeout" -> idleTimeout(Durations.parse(name, value));
                case "keepalive" -> keepalive(Durations.parse(name, value));
                case "leakDetectionThreshold" -> leakDetectionThreshold(Durations.parse(name, value));
                case "slowQueryThreshold" -> slowQueryThreshold(Durations.parse(name, value));
                case "statementTimeout" -> statementTimeout(Durations.parse(name, value));
                case "sqlCacheSize" -> sqlCacheSize(integer(name, value));
                case "pipelineDepth" -> pipelineDepth(integer(name, value));
                default -> driverOption(name, value);
            }
            return this;
        }

        private static Duration nonNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(name + " must be >= 0, was " + d);
            }
            return d;
        }

        private static int integer(String name, String v) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(name + " must be an integer, was '" + v + "'");
            }
        }

        private static boolean bool(String name, String v) {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on", "" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigurationException(name + " must be true or false, was '" + v + "'");
            };
        }

        public EngineConfig build() {
            ConnectionUrl d = new ConnectionUrl(url.scheme(), url.user(), url.password(), url.host(), url.port(),
                    url.database(), driverOptions);
            return new EngineConfig(d, pool.build(), slowQueryThreshold, statementTimeout, sqlCacheSize, pipelineDepth);
        }
    }
}
