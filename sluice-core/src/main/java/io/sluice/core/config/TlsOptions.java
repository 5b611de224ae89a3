package io.sluice.core.config;

import io.sluice.core.transport.TlsConfig;
import io.sluice.core.transport.TlsMode;
import java.nio.file.Path;
import java.util.Set;

/**
 * The TLS part of a driver's configuration builder: the same option names for MySQL and
 * PostgreSQL (plus libpq's spellings), collected here and validated by {@link TlsConfig}.
 */
public final class TlsOptions {
    /** Every option name {@link #option} accepts. */
    public static final Set<String> NAMES = Set.of("sslMode", "sslmode", "ssl-mode", "sslCa", "sslrootcert", "sslCert",
            "sslcert", "sslKey", "sslkey", "trustStore", "trustStorePassword", "trustStoreType", "keyStore",
            "keyStorePassword", "keyStoreType");

    private TlsMode mode;
    private Path ca;
    private Path trustStore;
    private String trustStorePassword;
    private String trustStoreType;
    private Path cert;
    private Path key;
    private Path keyStore;
    private String keyStorePassword;
    private String keyStoreType;

    public TlsOptions(TlsMode defaultMode) {
        this.mode = defaultMode;
    }

    /** Applies a TLS option by URL name; false when the name is not a TLS option. */
    public boolean option(String name, String value) {
        switch (name) {
            case "sslMode", "sslmode", "ssl-mode" -> mode = TlsMode.parse("sslMode", value);
            case "sslCa", "sslrootcert" -> ca = Path.of(value);
            case "sslCert", "sslcert" -> cert = Path.of(value);
            case "sslKey", "sslkey" -> key = Path.of(value);
            case "trustStore" -> trustStore = Path.of(value);
            case "trustStorePassword" -> trustStorePassword = value;
            case "trustStoreType" -> trustStoreType = value;
            case "keyStore" -> keyStore = Path.of(value);
            case "keyStorePassword" -> keyStorePassword = value;
            case "keyStoreType" -> keyStoreType = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    public TlsMode mode() {
        return mode;
    }

    public void mode(TlsMode m) {
        mode = m;
    }

    public void ca(Path p) {
        ca = p;
    }

    public void cert(Path certPem, Path keyPem) {
        cert = certPem;
        key = keyPem;
    }

    public void trustStore(Path p, String password, String type) {
        trustStore = p;
        trustStorePassword = password;
        trustStoreType = type;
    }

    public void keyStore(Path p, String password, String type) {
        keyStore = p;
        keyStorePassword = password;
        keyStoreType = type;
    }

    /** The validated TLS settings with {@code effectiveMode} (a driver may adjust the mode, e.g. for sockets). */
    public TlsConfig build(TlsMode effectiveMode) {
        return new TlsConfig(effectiveMode, ca, trustStore, trustStorePassword, trustStoreType, cert, key, keyStore,
                keyStorePassword, keyStoreType);
    }
}
