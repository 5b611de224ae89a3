package io.sluice.mysql.wire;

import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.DataException;
import io.sluice.core.error.DeadlockException;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.IntegrityViolationException.Kind;
import io.sluice.core.error.LockTimeoutException;
import io.sluice.core.error.QueryCancelledException;
import io.sluice.core.error.SerializationFailureException;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.error.UndefinedObjectException;

/**
 * Maps a MySQL/MariaDB ERR (code, SQLSTATE, message) to Sluice's typed hierarchy. Codes win over
 * SQLSTATE because the servers reuse generic states (HY000, 42000, 23000) for very different errors.
 *
 * <p>Code references: dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html and
 * mariadb.com/kb/en/mariadb-error-codes/. Codes where the two servers disagree are left out
 * (MySQL 4031 ER_CLIENT_INTERACTION_TIMEOUT is MariaDB's ER_REFERENCED_TRG_DOES_NOT_EXIST);
 * 1557 and 3024 are unused in MariaDB, so mapping them with their MySQL meaning is safe.
 */
public final class ErrorMapper {
    private ErrorMapper() {
    }

    /** The exception for this error; returned, never thrown. {@code sqlState} may be null (pre-4.1 ERR). */
    public static SluiceException map(int code, String sqlState, String message) {
        String msg = message == null ? "" : message;
        return switch (code) {
            // ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME, MySQL ER_FOREIGN_DUPLICATE_KEY
            case 1062, 1586, 1557 -> integrity(msg, code, sqlState, Kind.UNIQUE);
            // ER_ROW_IS_REFERENCED_2, ER_NO_REFERENCED_ROW_2, ER_NO_REFERENCED_ROW, ER_ROW_IS_REFERENCED
            case 1451, 1452, 1216, 1217 -> integrity(msg, code, sqlState, Kind.FOREIGN_KEY);
            // ER_BAD_NULL_ERROR, ER_NO_DEFAULT_FOR_FIELD (strict mode, SQLSTATE HY000)
            case 1048, 1364 -> integrity(msg, code, sqlState, Kind.NOT_NULL);
            // MySQL ER_CHECK_CONSTRAINT_VIOLATED, MariaDB ER_CONSTRAINT_FAILED
            case 3819, 4025 -> integrity(msg, code, sqlState, Kind.CHECK);
            // ER_PARSE_ERROR, ER_SYNTAX_ERROR
            case 1064, 1149 -> new SqlSyntaxException(msg, code, sqlState);
            // ER_NO_SUCH_TABLE, ER_BAD_FIELD_ERROR, ER_BAD_DB_ERROR, ER_SP_DOES_NOT_EXIST,
            // ER_CANT_DROP_FIELD_OR_KEY, ER_BAD_TABLE_ERROR
            case 1146, 1054, 1049, 1305, 1091, 1051 -> new UndefinedObjectException(msg, code, sqlState);
            // ER_ACCESS_DENIED_ERROR, ER_DBACCESS_DENIED_ERROR, ER_TABLEACCESS_DENIED_ERROR,
            // ER_COLUMNACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED_ERROR,
            // ER_ACCESS_DENIED_NO_PASSWORD_ERROR, ER_HOST_NOT_PRIVILEGED, MySQL/MariaDB account locked
            case 1045, 1044, 1142, 1143, 1227, 1698, 1130, 3118, 4151 ->
                    new AccessDeniedException(msg, code, sqlState);
            case 1213 -> new DeadlockException(msg, code, sqlState); // ER_LOCK_DEADLOCK
            case 1205 -> new LockTimeoutException(msg, code, sqlState); // ER_LOCK_WAIT_TIMEOUT
            // MariaDB ER_CHECKREAD: a snapshot-isolation write conflict ("try restarting transaction")
            case 1020 -> new SerializationFailureException(msg, code, sqlState);
            // ER_QUERY_INTERRUPTED (KILL QUERY), MySQL ER_QUERY_TIMEOUT, MariaDB ER_STATEMENT_TIMEOUT
            case 1317, 3024, 1969 -> new QueryCancelledException(msg, code, sqlState);
            // ER_SERVER_SHUTDOWN, ER_ABORTING_CONNECTION, ER_NET_PACKET_TOO_LARGE,
            // ER_NEW_ABORTING_CONNECTION, MariaDB ER_CONNECTION_KILLED, ER_CON_COUNT_ERROR,
            // ER_HANDSHAKE_ERROR; 2006/2013 are client codes a proxy may relay
            case 1053, 1152, 1153, 1184, 1927, 1040, 1043, 2006, 2013 -> connection(msg, code, sqlState);
            // ER_DATA_TOO_LONG, ER_WARN_DATA_OUT_OF_RANGE, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD,
            // ER_TRUNCATED_WRONG_VALUE, ER_DIVISION_BY_ZERO, ER_DATA_OUT_OF_RANGE
            case 1406, 1264, 1366, 1292, 1365, 1690 -> new DataException(msg, code, sqlState);
            default -> bySqlState(msg, code, sqlState);
        };
    }

    public static SluiceException map(ErrPacket err) {
        return map(err.errorCode(), err.sqlState(), err.message());
    }

    private static SluiceException bySqlState(String msg, int code, String state) {
        if (state == null || state.length() != 5) {
            return new ServerException(msg, code, state);
        }
        if (state.equals("40001")) {
            return new SerializationFailureException(msg, code, state);
        }
        if (state.equals("42S02") || state.equals("42S22")) {
            return new UndefinedObjectException(msg, code, state);
        }
        if (state.equals("70100")) {
            return new QueryCancelledException(msg, code, state);
        }
        return switch (state.substring(0, 2)) {
            case "23" -> integrity(msg, code, state, Kind.OTHER);
            case "22" -> new DataException(msg, code, state);
            case "28" -> new AccessDeniedException(msg, code, state);
            case "08" -> connection(msg, code, state);
            default -> new ServerException(msg, code, state);
        };
    }

    private static IntegrityViolationException integrity(String msg, int code, String state, Kind kind) {
        return new IntegrityViolationException(msg, code, state, kind);
    }

    private static ConnectionException connection(String msg, int code, String state) {
        StringBuilder sb = new StringBuilder().append('[').append(code).append("] ");
        if (state != null) {
            sb.append('(').append(state).append(") ");
        }
        return new ConnectionException(sb.append(msg).toString(), code, state, null);
    }
}
