package io.sluice.mysql.wire;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Session facts {@link SqlLiteral} needs to splice values into SQL text safely.
 *
 * @param noBackslashEscapes true when the server's sql_mode contains NO_BACKSLASH_ESCAPES (reported
 *                           by the SERVER_STATUS_NO_BACKSLASH_ESCAPES status bit); then only quote
 *                           doubling escapes and a backslash is an ordinary character
 * @param charset            the Java charset of {@code character_set_client}, used to encode the SQL
 * @param sessionZone        the session's {@code time_zone}, for instants
 */
public record LiteralContext(boolean noBackslashEscapes, Charset charset, ZoneId sessionZone) {
    public LiteralContext {
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(sessionZone, "sessionZone");
    }
}
