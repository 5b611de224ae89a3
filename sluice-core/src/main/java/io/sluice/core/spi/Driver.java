package io.sluice.core.spi;

import io.sluice.core.config.ConnectionUrl;
import java.util.Set;

/**
 * A database driver as the engine sees it. Drivers register through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.sluice.core.spi.Driver}); the engine picks one by URL scheme. No class
 * named in a URL is ever instantiated.
 */
public interface Driver {
    /** URL schemes served, e.g. {@code mysql}, {@code mariadb}. */
    Set<String> schemes();

    /**
     * Validates the URL (including every option left after the engine took its own) and returns a
     * connector. Unknown options are a {@link io.sluice.core.error.ConfigurationException} naming them.
     */
    DriverConnector configure(ConnectionUrl url);
}
