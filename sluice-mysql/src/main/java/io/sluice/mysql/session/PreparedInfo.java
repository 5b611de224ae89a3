package io.sluice.mysql.session;

import io.sluice.mysql.wire.ColumnDefinition;

/**
 * A statement prepared on the server (COM_STMT_PREPARE response): its id, parameter count and
 * result columns. Owned by one session; the id means nothing on another connection.
 */
public record PreparedInfo(String sql, long statementId, int parameterCount, ColumnDefinition[] columns) {
}
