package io.sluice.core.config;

import io.sluice.core.error.ConfigurationException;
import java.util.Locale;

/** Parsing of option values shared by every configuration, with messages that name the option. */
public final class OptionValues {
    private OptionValues() {
    }

    public static boolean bool(String name, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigurationException(name + " must be true or false, was '" + v + "'");
        };
    }

    public static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(name + " must be an integer, was '" + v + "'");
        }
    }
}
