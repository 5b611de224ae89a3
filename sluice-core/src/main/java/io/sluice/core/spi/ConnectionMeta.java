package io.sluice.core.spi;

/**
 * What a connection reports about itself, for connection info and events.
 *
 * @param product       e.g. "MariaDB", "MySQL", "PostgreSQL"
 * @param serverVersion the server's version string
 * @param connectionId  server-side id (MySQL thread id, PostgreSQL backend pid)
 * @param database      current default database, may be null
 * @param user          authenticated user
 * @param tls           TLS protocol in use, or null
 */
public record ConnectionMeta(String product, String serverVersion, long connectionId, String database, String user,
                             String tls) {
}
