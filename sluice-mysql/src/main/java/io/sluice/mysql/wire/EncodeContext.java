package io.sluice.mysql.wire;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Session facts a parameter encoder needs.
 *
 * @param sessionZone the session's {@code time_zone}: instants are sent as local date-times in it
 * @param charset     the Java charset of {@code character_set_client}; string parameters are encoded
 *                    with it and an unmappable character is a caller error, never a silent '?'
 */
public record EncodeContext(ZoneId sessionZone, Charset charset) {
    public EncodeContext {
        Objects.requireNonNull(sessionZone, "sessionZone");
        Objects.requireNonNull(charset, "charset");
    }
}
