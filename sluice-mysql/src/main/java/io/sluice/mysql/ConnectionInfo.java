package io.sluice.mysql;

/**
 * What a connection knows about itself after the handshake.
 *
 * @param serverVersion version string as the server reports it (MariaDB's "5.5.5-" prefix removed)
 * @param mariaDb       true for MariaDB servers
 * @param connectionId  the server thread id (the id {@code KILL} takes)
 * @param user          the authenticated user name
 * @param database      the default database chosen at connect, or null
 * @param tlsProtocol   e.g. "TLSv1.3", or null without TLS
 * @param authPlugin    the authentication plugin that completed the exchange
 */
public record ConnectionInfo(String serverVersion, boolean mariaDb, long connectionId, String user, String database,
                             String tlsProtocol, String authPlugin) {
}
