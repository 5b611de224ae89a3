package io.sluice.mysql;

import io.sluice.core.config.ConnectionUrl;
import io.sluice.core.config.Durations;
import io.sluice.core.config.OptionValues;
import io.sluice.core.config.TlsOptions;
import io.sluice.core.error.ConfigurationException;
import io.sluice.core.transport.Endpoint;
import io.sluice.core.transport.TlsConfig;
import io.sluice.core.transport.TlsMode;
import io.sluice.mysql.wire.ZeroDateBehavior;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Immutable, validated settings of one MySQL/MariaDB connection. Build with {@link #builder()} or
 * from a URL with {@link #fromUrl(String)}; every URL option has a builder method of the same name.
 * {@link #toString()} never shows the password.
 */
public record MySqlConfig(
        Endpoint endpoint,
        String host,
        String user,
        String password,
        String database,
        TlsConfig tls,
        boolean allowPublicKeyRetrieval,
        Path serverRsaPublicKeyFile,
        String charset,
        String collation,
        List<String> initSql,
        Map<String, String> sessionVariables,
        String timeZone,
        Boolean autocommit,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        Map<String, String> connectionAttributes,
        ZeroDateBehavior zeroDateBehavior,
        int prepareCacheSize,
        long maxPacketSize,
        boolean multiStatements,
        boolean foundRows) {

    public static final int DEFAULT_PORT = 3306;
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    static final Set<String> OPTIONS = Collections.unmodifiableSet(new TreeSet<>(List.of(
            "socket", "sslMode", "sslCa", "trustStore", "trustStorePassword", "trustStoreType", "sslCert", "sslKey",
            "keyStore", "keyStorePassword", "keyStoreType", "allowPublicKeyRetrieval", "serverRsaPublicKeyFile",
            "charset", "collation", "initSql", "sessionVariables", "timeZone", "autocommit", "connectTimeout",
            "readTimeout", "writeTimeout", "connectionAttributes", "zeroDateBehavior", "prepareCacheSize",
            "maxPacketSize", "multiStatements", "foundRows", "user", "password")));

    public MySqlConfig {
        if (user == null || user.isEmpty()) {
            throw new ConfigurationException("user must be given");
        }
        if (endpoint == null) {
            throw new ConfigurationException("host or socket must be given");
        }
        if (tls.mode() == TlsMode.ALLOW) {
            throw new ConfigurationException("sslMode=allow is PostgreSQL-only; use prefer or disable for MySQL");
        }
        if (endpoint instanceof Endpoint.Unix && tls.mode().required()) {
            throw new ConfigurationException("sslMode=" + tls.mode().optionValue()
                    + " cannot be used with a unix socket; a local socket is already private (use sslMode=disable or prefer)");
        }
        if (prepareCacheSize < 0) {
            throw new ConfigurationException("prepareCacheSize must be >= 0, was " + prepareCacheSize);
        }
        if (maxPacketSize < 1024 || maxPacketSize > (1L << 30)) {
            throw new ConfigurationException("maxPacketSize must be between 1024 and 1073741824, was " + maxPacketSize);
        }
        // both end up in SET NAMES: only identifier characters, never SQL
        if (charset == null || !charset.matches("[A-Za-z0-9_]+")) {
            throw new ConfigurationException("charset must be a character set name like utf8mb4, was '" + charset + "'");
        }
        if (collation != null && !collation.matches("[A-Za-z0-9_]+")) {
            throw new ConfigurationException("collation must be a collation name like utf8mb4_unicode_ci, was '"
                    + collation + "'");
        }
        for (String name : sessionVariables.keySet()) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new ConfigurationException("sessionVariables: '" + name + "' is not a valid variable name");
            }
        }
        if (timeZone != null && !timeZone.equalsIgnoreCase("SYSTEM")) {
            try {
                ZoneId.of(timeZone);
            } catch (RuntimeException e) {
                throw new ConfigurationException("timeZone must be a zone id like UTC, +02:00 or Europe/Paris, was '"
                        + timeZone + "'");
            }
        }
        initSql = List.copyOf(initSql);
        sessionVariables = Collections.unmodifiableMap(new LinkedHashMap<>(sessionVariables));
        connectionAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(connectionAttributes));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses {@code mysql://user:password@host:port/database?option=value&...} (also {@code mariadb://}). */
    public static MySqlConfig fromUrl(String url) {
        return from(ConnectionUrl.parse(url));
    }

    /** Builds from an already parsed URL (the engine removes its own pool options first). */
    public static MySqlConfig from(ConnectionUrl u) {
        if (!u.scheme().equals("mysql") && !u.scheme().equals("mariadb")) {
            throw new ConfigurationException("URL scheme must be mysql:// or mariadb://, was '" + u.scheme() + "://'");
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

    /** The user-visible identity of this target, safe for logs: {@code mysql://user@host:port/db}. */
    public String describe() {
        return "mysql://" + user + "@" + endpoint + "/" + (database == null ? "" : database);
    }

    @Override
    public String toString() {
        return "MySqlConfig[" + describe() + ", tls=" + tls + ", charset=" + charset
                + (collation != null ? ", collation=" + collation : "") + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout + ", password="
                + (password == null || password.isEmpty() ? "<none>" : "***") + "]";
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
        private boolean allowPublicKeyRetrieval;
        private Path serverRsaPublicKeyFile;
        private String charset = "utf8mb4";
        private String collation;
        private final List<String> initSql = new ArrayList<>();
        private final Map<String, String> sessionVariables = new LinkedHashMap<>();
        private String timeZone;
        private Boolean autocommit = Boolean.TRUE;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ZERO;
        private Duration writeTimeout = Duration.ZERO;
        private final Map<String, String> connectionAttributes = new LinkedHashMap<>();
        private ZeroDateBehavior zeroDateBehavior = ZeroDateBehavior.ERROR;
        private int prepareCacheSize = 256;
        private long maxPacketSize = 1L << 30;
        private boolean multiStatements;
        private boolean foundRows;

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) {
            if (v < 1 || v > 65535) {
                throw new ConfigurationException("port must be between 1 and 65535, was " + v);
            }
            port = v;
            return this;
        }
        public Builder socket(Path v) { socket = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder password(String v) { password = v == null ? "" : v; return this; }
        public Builder database(String v) { database = v; return this; }
        public Builder sslMode(TlsMode v) { tls.mode(v); return this; }
        public Builder sslCa(Path v) { tls.ca(v); return this; }
        public Builder trustStore(Path v, String pw, String type) { tls.trustStore(v, pw, type); return this; }
        public Builder sslCert(Path cert, Path key) { tls.cert(cert, key); return this; }
        public Builder keyStore(Path v, String pw, String type) { tls.keyStore(v, pw, type); return this; }
        public Builder allowPublicKeyRetrieval(boolean v) { allowPublicKeyRetrieval = v; return this; }
        public Builder serverRsaPublicKeyFile(Path v) { serverRsaPublicKeyFile = v; return this; }
        public Builder charset(String v) { charset = v; return this; }
        public Builder collation(String v) { collation = v; return this; }
        public Builder initSql(String v) { initSql.add(v); return this; }
        public Builder sessionVariable(String name, String value) { sessionVariables.put(name, value); return this; }
        public Builder timeZone(String v) { timeZone = v; return this; }
        public Builder autocommit(Boolean v) { autocommit = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = nonNegative("connectTimeout", v); return this; }
        public Builder readTimeout(Duration v) { readTimeout = nonNegative("readTimeout", v); return this; }
        public Builder writeTimeout(Duration v) { writeTimeout = nonNegative("writeTimeout", v); return this; }
        public Builder connectionAttribute(String k, String v) { connectionAttributes.put(k, v); return this; }
        public Builder zeroDateBehavior(ZeroDateBehavior v) { zeroDateBehavior = v; return this; }
        public Builder prepareCacheSize(int v) { prepareCacheSize = v; return this; }
        public Builder maxPacketSize(long v) { maxPacketSize = v; return this; }
        public Builder multiStatements(boolean v) { multiStatements = v; return this; }
        public Builder foundRows(boolean v) { foundRows = v; return this; }

        private static Duration nonNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new ConfigurationException(name + " must be >= 0, was " + d);
            }
            return d;
        }

        /** Sets one option by its URL name; unknown names are an error that names the option. */
        public Builder option(String name, String value) {
            if (tls.option(name, value)) {
                return this;
            }
            switch (name) {
                case "socket" -> socket(Path.of(value));
                case "user" -> user(value);
                case "password" -> password(value);
                case "allowPublicKeyRetrieval" -> allowPublicKeyRetrieval(OptionValues.bool(name, value));
                case "serverRsaPublicKeyFile" -> serverRsaPublicKeyFile(Path.of(value));
                case "charset" -> charset(value);
                case "collation" -> collation(value);
                case "initSql" -> initSql(value);
                case "sessionVariables" -> parseVariables(value);
                case "timeZone" -> timeZone(value);
                case "autocommit" -> autocommit(OptionValues.bool(name, value));
                case "connectTimeout" -> connectTimeout(Durations.parse(name, value));
                case "readTimeout" -> readTimeout(Durations.parse(name, value));
                case "writeTimeout" -> writeTimeout(Durations.parse(name, value));
                case "connectionAttributes" -> parseAttributes(value);
                case "zeroDateBehavior" -> zeroDateBehavior(switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                    case "error", "exception" -> ZeroDateBehavior.ERROR;
                    case "null", "converttonull" -> ZeroDateBehavior.NULL;
                    default -> throw new ConfigurationException("zeroDateBehavior must be error or null, was '" + value + "'");
                });
                case "prepareCacheSize" -> prepareCacheSize(OptionValues.integer(name, value));
                case "maxPacketSize" -> maxPacketSize(OptionValues.integer(name, value));
                case "multiStatements", "allowMultiQueries" -> multiStatements(OptionValues.bool(name, value));
                case "foundRows" -> foundRows(OptionValues.bool(name, value));
                default -> throw new ConfigurationException("unknown option '" + name + "'; known options: " + OPTIONS);
            }
            return this;
        }

        /** {@code name=value;name=value}: values with commas (sql_mode lists) are fine. */
        private void parseVariables(String spec) {
            for (String part : spec.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigurationException("sessionVariables entries must be name=value separated by ';', got '"
                            + part + "'");
                }
                sessionVariable(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }

        /** {@code key:value,key:value}. */
        private void parseAttributes(String spec) {
            for (String part : spec.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int c = part.indexOf(':');
                if (c <= 0) {
                    throw new ConfigurationException("connectionAttributes entries must be key:value separated by ',', got '"
                            + part + "'");
                }
                connectionAttribute(part.substring(0, c).trim(), part.substring(c + 1).trim());
            }
        }



        public MySqlConfig build() {
            Endpoint ep = socket != null ? new Endpoint.Unix(socket) : new Endpoint.Tcp(host, port);
            return new MySqlConfig(ep, host, user, password, database, tls.build(tls.mode()), allowPublicKeyRetrieval,
                    serverRsaPublicKeyFile, charset, collation, initSql, sessionVariables, timeZone, autocommit,
                    connectTimeout, readTimeout, writeTimeout, connectionAttributes, zeroDateBehavior, prepareCacheSize,
                    maxPacketSize, multiStatements, foundRows);
        }
    }
}
