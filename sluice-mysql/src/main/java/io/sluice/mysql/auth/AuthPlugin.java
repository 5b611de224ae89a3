package io.sluice.mysql.auth;

/**
 * One client-side authentication plugin instance, used for a single authentication exchange (it
 * may hold state between steps, e.g. "public key requested").
 *
 * <p>Session protocol (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase.html):
 * the session puts {@link #initialResponse} into the HandshakeResponse41 (or sends it alone after
 * an AuthSwitchRequest), then for each server packet: OK ends authentication, ERR fails it,
 * AuthSwitchRequest (0xFE) makes the session create the named plugin with the new seed and send
 * its initial response, and AuthMoreData (0x01) goes to {@link #onMoreData}, whose result the
 * session carries out.
 */
public interface AuthPlugin {

    /** The plugin name as it appears on the wire, e.g. {@code caching_sha2_password}. */
    String name();

    /**
     * The first authentication payload for {@code ctx.seed()}.
     *
     * @throws io.sluice.core.error.AuthenticationException when this plugin cannot be used safely
     *     with the given context (e.g. a cleartext password over plain TCP)
     */
    byte[] initialResponse(AuthContext ctx);

    /**
     * Reacts to the data of an AuthMoreData packet (without its 0x01 header).
     *
     * @throws io.sluice.core.error.ProtocolException when the data makes no sense in this state
     * @throws io.sluice.core.error.AuthenticationException when continuing would be unsafe
     */
    AuthStep onMoreData(AuthContext ctx, byte[] data);
}
