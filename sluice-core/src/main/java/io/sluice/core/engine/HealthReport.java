package io.sluice.core.engine;

import io.sluice.core.pool.PoolStatus;
import io.sluice.core.spi.ConnectionMeta;
import java.time.Duration;

/**
 * Result of {@link Engine#health()}: whether a connection could be borrowed and pinged in time.
 *
 * @param healthy    true when the round trip succeeded
 * @param latency    borrow + ping time
 * @param connection the server that answered, or null
 * @param pool       pool status at the end of the check
 * @param error      why it failed, or null
 */
public record HealthReport(boolean healthy, Duration latency, ConnectionMeta connection, PoolStatus pool, String error) {
}
