package io.sluice.postgres;

import io.sluice.core.config.ConnectionUrl;
import io.sluice.core.config.Durations;
import io.sluice.core.config.OptionValues;
import io.sluice.core.config.TlsOptions;
import io.sluice.core.error.ConfigurationException;
import io.sluice.core.transport.Endpoint;
import io.sluice.core.transport.TlsConfig;
import io.sluice.core.transport.TlsMode;
import io.sluice.postgres.auth.ChannelBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Immutable, validated settings of one PostgreSQL connection; from {@code postgresql://} (or
 * {@code postgres://}) URLs or the builder. {@link #toString()} never shows the password.
 *
 * @param poolerMode {@code true} for transaction-mode poolers (pgbouncer): unnamed statements only,
 *                   no statement cache, every request sent as one Parse/Bind/Execute/Sync unit
 */
public record PgConfig(Endpoint endpoint, String host, String user, String password, String database, TlsConfig tls,
                       ChannelBinding channelBinding, String applicationName, Map<String, String> startupOptions,
                       Duration connectTimeout, Duration readTimeout, int statementCacheSize, boolean poolerMode,
                       int fetchSize, int scramMaxIterations, int maxMessageSize) {

    public static final int DEFAULT_PORT = 5432;
    static final Set<String> OPTIONS = Collections.unmodifiableSet(new TreeSet<>(Set.of("socket", "sslMode", "sslmode",
            "sslCa", "sslrootcert", "sslCert", "sslcert", "sslKey", "sslkey", "trustStore", "trustStorePassword",
            "trustStoreType", "keyStore", "keyStorePassword", "keyStoreType", "channelBinding", "channel_binding",
            "applicationName", "application_name", "options", "timeZone", "searchPath", "connectTimeout",
            "connect_timeout", "readTimeout", "statementCacheSize", "poolerMode", "fetchSize", "scramMaxIterations",
            "maxMessageSize", "user", "password")));

    public PgConfig {
        if (user == null || user.isEmpty()) {
            throw new ConfigurationException("user must be given");
        }
        if (statementCacheSize < 0) {
            throw new ConfigurationException("statementCacheSize must be >= 0, was " + statementCacheSize);
        }
        if (fetchSize < 1) {
            throw new ConfigurationException("fetchSize must be >= 1, was " + fetchSize);
        }
        if (scramMaxIterations < 4096) {
            throw new ConfigurationException("scramMaxIterations must be >= 4096, was " + scramMaxIterations);
        }
        if (maxMessageSize < 8192) {
            throw new ConfigurationException("maxMessageSize must be >= 8192, was " + maxMessageSize);
        }
        if (endpoint instanceof Endpoint.Unix && tls.mode().required()) {
            throw new ConfigurationException("sslMode=" + tls.mode().optionValue() + " cannot be used with a unix socket");
        }
        if (channelBinding == ChannelBinding.REQUIRE && tls.mode() == TlsMode.DISABLE) {
            throw new ConfigurationException("channelBinding=require needs TLS; sslMode=disable contradicts it");
        }
        startupOptions = Collections.unmodifiableMap(new LinkedHashMap<>(startupOptions));
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PgConfig fromUrl(String url) {
        return from(ConnectionUrl.parse(url));
    }

    public static PgConfig from(ConnectionUrl u) {
        if (!u.scheme().equals("postgresql") && !u.scheme().equals("postgres")) {
            throw new ConfigurationException("URL scheme must be postgresql:// or postgres://, was '" + u.scheme() + "://'");
        }
        Builder b = builder();
        if (u.host() != null) {
            b.host(u.host());
        }
        if (u.port() != null) {
            b.port(u.port());
        }
        if (u.user() != null) {
            b.user(u.user());
        }
        if (u.password() != null) {
            b.password(u.password());
        }
        if (u.database() != null) {
            b.database(u.database());
        }
        u.options().forEach(b::option);
        return b.build();
    }

    public String describe() {
        return "postgresql://" + user + "@" + endpoint + "/" + (database == null ? user : database);
    }

    @Override
    public String toString() {
        return "PgConfig[" + describe() + ", tls=" + tls + ", channelBinding=" + channelBinding + ", poolerMode="
                + poolerMode + ", password=" + (password == null || password.isEmpty() ? "<none>" : "***") + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String host = "localhost";
        private int port = DEFAULT_PORT;
        private Path socket;
        private String user;
        private String password = "";
        private String database;
        private final TlsOptions tls = new TlsOptions(TlsMode.PREFER);
        private ChannelBinding channelBinding = ChannelBinding.PREFER;
        private String applicationName = "sluice";
        private final Map<String, String> startup = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ZERO;
        private int statementCacheSize = 100;
        private boolean poolerMode;
        private int fetchSize = 1000;
        private int scramMaxIterations = 1_000_000;
        private int maxMessageSize = 1 << 30;

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) {
            if (v < 1 || v > 65535) {
                throw new ConfigurationException("port must be between 1 and 65535, was " + v);
            }
            port = v;
            return this;
        }
        /** A unix socket file, or a directory holding {@code .s.PGSQL.<port>} as libpq takes it. */
        public Builder socket(Path v) { socket = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v == null ? "" : v; return this; }
        public Builder database(String v) { database = v; return this; }
        public Builder sslMode(TlsMode v) { tls.mode(v); return this; }
        public Builder sslCa(Path v) { tls.ca(v); return this; }
        public Builder sslCert(Path cert, Path key) { tls.cert(cert, key); return this; }
        public Builder trustStore(Path v, String pw, String type) { tls.trustStore(v, pw, type); return this; }
        public Builder keyStore(Path v, String pw, String type) { tls.keyStore(v, pw, type); return this; }
        public Builder channelBinding(ChannelBinding v) { channelBinding = v; return this; }
        public Builder applicationName(String v) { applicationName = v; return this; }
        /** A startup parameter (any server GUC, e.g. {@code search_path}, {@code TimeZone}). */
        public Builder startupOption(String name, String value) { startup.put(name, value); return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder statementCacheSize(int v) { statementCacheSize = v; return this; }
        public Builder poolerMode(boolean v) { poolerMode = v; return this; }
        public Builder fetchSize(int v) { fetchSize = v; return this; }
        public Builder scramMaxIterations(int v) { scramMaxIterations = v; return this; }
        public Builder maxMessageSize(int v) { maxMessageSize = v; return this; }

        public Builder option(String name, String value) {
            if (tls.option(name, value)) {
                return this;
            }
            switch (name) {
                case "socket" -> socket(Path.of(value));
                case "user" -> user(value);
                case "password" -> password(value);
                case "channelBinding", "channel_binding" -> channelBinding(switch (value.toLowerCase(Locale.ROOT)) {
                    case "disable" -> ChannelBinding.DISABLE;
                    case "prefer" -> ChannelBinding.PREFER;
                    case "require" -> ChannelBinding.REQUIRE;
                    default -> throw new ConfigurationException("channelBinding must be disable, prefer or require, was '"
                            + value + "'");
                });
                case "applicationName", "application_name" -> applicationName(value);
                case "options" -> startupOption("options", value);
                case "timeZone" -> startupOption("TimeZone", value);
                case "searchPath" -> startupOption("search_path", value);
                case "connectTimeout", "connect_timeout" -> connectTimeout(name.equals("connect_timeout")
                        ? Duration.ofSeconds(OptionValues.integer(name, value)) : Durations.parse(name, value));
                case "readTimeout" -> readTimeout(Durations.parse(name, value));
                case "statementCacheSize" -> statementCacheSize(OptionValues.integer(name, value));
                case "poolerMode" -> poolerMode(switch (value.toLowerCase(Locale.ROOT)) {
                    case "transaction", "true", "pgbouncer" -> true;
                    case "none", "false", "session" -> false;
                    default -> throw new ConfigurationException("poolerMode must be transaction or none, was '" + value + "'");
                });
                case "fetchSize" -> fetchSize(OptionValues.integer(name, value));
                case "scramMaxIterations" -> scramMaxIterations(OptionValues.integer(name, value));
                case "maxMessageSize" -> maxMessageSize(OptionValues.integer(name, value));
                default -> throw new ConfigurationException("unknown option '" + name + "'; known options: " + OPTIONS);
            }
            return this;
        }


        public PgConfig build() {
            Endpoint ep;
            if (socket != null) {
                Path p = Files.isDirectory(socket) ? socket.resolve(".s.PGSQL." + port) : socket;
                ep = new Endpoint.Unix(p);
            } else if (host.startsWith("/")) { // libpq: a host starting with / is a socket directory
                ep = new Endpoint.Unix(Path.of(host).resolve(".s.PGSQL." + port));
            } else {
                ep = new Endpoint.Tcp(host, port);
            }
            TlsMode mode = ep instanceof Endpoint.Unix && !tls.mode().required() ? TlsMode.DISABLE : tls.mode();
            Map<String, String> opts = new LinkedHashMap<>(startup);
            return new PgConfig(ep, host, user, password, database, tls.build(mode), channelBinding, applicationName, opts,
                    connectTimeout, readTimeout, poolerMode ? 0 : statementCacheSize, poolerMode, fetchSize,
                    scramMaxIterations, maxMessageSize);
        }
    }
}
