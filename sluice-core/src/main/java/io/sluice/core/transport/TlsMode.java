package io.sluice.core.transport;

import io.sluice.core.error.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * libpq's sslmode ladder, shared by both drivers. Each step up adds a guarantee:
 * {@code DISABLE} never encrypts; {@code ALLOW} (PostgreSQL only) tries plain text first;
 * {@code PREFER} encrypts when the server offers TLS and falls back to plain text only when it does not;
 * {@code REQUIRE} encrypts or fails, without checking who answers; {@code VERIFY_CA} also checks the
 * certificate chain against the trusted CAs; {@code VERIFY_FULL} also checks that the certificate
 * names the host connected to.
 */
public enum TlsMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** True when a connection must not proceed without TLS. */
    public boolean required() {
        return compareTo(REQUIRE) >= 0;
    }

    /** True when the server certificate chain is checked. */
    public boolean verifiesChain() {
        return this == VERIFY_CA || this == VERIFY_FULL;
    }

    public String optionValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code disable}, {@code verify-ca}, {@code VERIFY_FULL}, ... (also MySQL's {@code required}, {@code preferred}, {@code disabled}, {@code verify_identity}). */
    public static TlsMode parse(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "disable", "disabled", "false", "off" -> DISABLE;
            case "allow" -> ALLOW;
            case "prefer", "preferred" -> PREFER;
            case "require", "required", "true", "on" -> REQUIRE;
            case "verify-ca" -> VERIFY_CA;
            case "verify-full", "verify-identity" -> VERIFY_FULL;
            default -> throw new ConfigurationException(option + " must be one of "
                    + Arrays.stream(values()).map(TlsMode::optionValue).toList() + ", was '" + value + "'");
        };
    }
}
