package io.sluice.core.engine;

import io.sluice.core.spi.ConnectionMeta;

/**
 * One statement as listeners see it. Parameter values are not included (they may be secrets);
 * only their count.
 *
 * @param sql            the SQL as sent (placeholders, never values)
 * @param parameterCount number of bound values (for batches: values per row)
 * @param connection     the server connection that ran it
 * @param durationNanos  0 in {@code beforeExecute}
 * @param rows           rows returned or affected; -1 before execution or on error
 * @param error          the failure, or null
 */
public record ExecuteEvent(String sql, int parameterCount, ConnectionMeta connection, long durationNanos, long rows,
                           Throwable error) {
}
