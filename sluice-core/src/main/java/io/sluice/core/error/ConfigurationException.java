package io.sluice.core.error;

/** Invalid URL, option name or option value. The message names the offending option. */
public class ConfigurationException extends SluiceException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
