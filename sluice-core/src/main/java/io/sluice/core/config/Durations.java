package io.sluice.core.config;

import io.sluice.core.error.ConfigurationException;
import java.time.Duration;
import java.util.Locale;

/** Parses option durations: {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h}, or a bare number of milliseconds. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return check(option, value, Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim())));
            }
            if (v.endsWith("s")) {
                return check(option, value, Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000)));
            }
            if (v.endsWith("m")) {
                return check(option, value, Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()) * 60));
            }
            if (v.endsWith("h")) {
                return check(option, value, Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1).trim())));
            }
            return check(option, value, Duration.ofMillis(Long.parseLong(v)));
        } catch (NumberFormatException e) {
            throw new ConfigurationException(option + " must be a duration like 500ms, 10s, 5m or a number of milliseconds, was '"
                    + value + "'");
        }
    }

    private static Duration check(String option, String value, Duration d) {
        if (d.isNegative()) {
            throw new ConfigurationException(option + " must not be negative, was '" + value + "'");
        }
        return d;
    }
}
