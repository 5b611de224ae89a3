package io.sluice.mysql.wire;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Session facts a row decoder needs beyond the column definitions.
 *
 * @param sessionZone the session's {@code time_zone}; TIMESTAMP values arrive as local date-times in
 *                    this zone and are turned into {@link java.time.Instant}s with it
 * @param zeroDates   how unrepresentable dates are handled
 */
public record DecodeContext(ZoneId sessionZone, ZeroDateBehavior zeroDates) {
    public DecodeContext {
        Objects.requireNonNull(sessionZone, "sessionZone");
        Objects.requireNonNull(zeroDates, "zeroDates");
    }
}
