package io.sluice.core.transport;

import io.sluice.core.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS settings of one connection, validated at construction. Trust comes from a PEM CA file or a
 * trust store (else the JDK's default trust store); a client certificate from a PEM certificate +
 * PKCS#8 PEM key or from a key store. Passwords are never printed by {@link #toString()}.
 */
public record TlsConfig(TlsMode mode, Path caFile, Path trustStore, String trustStorePassword, String trustStoreType,
                        Path clientCert, Path clientKey, Path keyStore, String keyStorePassword,
                        String keyStoreType) {

    public static final TlsConfig DISABLED = new TlsConfig(TlsMode.DISABLE, null, null, null, null, null, null,
            null, null, null);

    public TlsConfig {
        if (mode == null) {
            throw new ConfigurationException("sslMode must be set");
        }
        if ((clientCert == null) != (clientKey == null)) {
            throw new ConfigurationException("sslCert and sslKey must be given together");
        }
        if (clientCert != null && keyStore != null) {
            throw new ConfigurationException("give either sslCert/sslKey or keyStore, not both");
        }
        if (caFile != null && trustStore != null) {
            throw new ConfigurationException("give either sslCa or trustStore, not both");
        }
        requireReadable("sslCa", caFile);
        requireReadable("trustStore", trustStore);
        requireReadable("sslCert", clientCert);
        requireReadable("sslKey", clientKey);
        requireReadable("keyStore", keyStore);
    }

    public static TlsConfig of(TlsMode mode) {
        return new TlsConfig(mode, null, null, null, null, null, null, null, null, null);
    }

    public TlsConfig withMode(TlsMode m) {
        return new TlsConfig(m, caFile, trustStore, trustStorePassword, trustStoreType, clientCert, clientKey,
                keyStore, keyStorePassword, keyStoreType);
    }

    private static void requireReadable(String option, Path p) {
        if (p != null && !Files.isReadable(p)) {
            throw new ConfigurationException(option + " file is not readable: " + p);
        }
    }

    @Override
    public String toString() {
        return "TlsConfig[mode=" + mode.optionValue() + (caFile != null ? ", sslCa=" + caFile : "")
                + (trustStore != null ? ", trustStore=" + trustStore : "")
                + (clientCert != null ? ", sslCert=" + clientCert : "")
                + (keyStore != null ? ", keyStore=" + keyStore : "") + "]";
    }
}
