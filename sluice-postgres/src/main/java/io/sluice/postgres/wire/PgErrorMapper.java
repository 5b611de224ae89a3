package io.sluice.postgres.wire;

import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.DataException;
import io.sluice.core.error.DeadlockException;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.error.IntegrityViolationException.Kind;
import io.sluice.core.error.LockTimeoutException;
import io.sluice.core.error.QueryCancelledException;
import io.sluice.core.error.SerializationFailureException;
import io.sluice.core.error.ServerErrorDetails;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.error.UndefinedObjectException;

/**
 * Maps an ErrorResponse to Sluice's typed hierarchy by SQLSTATE (PostgreSQL "Appendix A. Error
 * Codes"). PostgreSQL has no numeric error number, so vendorCode is always 0.
 *
 * <p>Server errors carry every field as {@link ServerErrorDetails}. Connection-level errors (class
 * 08, 57P01-57P03) become {@link ConnectionException}, which has no details slot: their detail and
 * hint are folded into the message instead.
 */
public final class PgErrorMapper {
    private PgErrorMapper() {
    }

    /** The exception for this error; returned, never thrown. */
    public static SluiceException map(PgErrorFields f) {
        String msg = f.message() == null ? "" : f.message();
        String state = f.code();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"))) {
            return connection(f, msg, state);
        }
        ServerException e = byState(msg, state);
        return e.withDetails(details(f));
    }

    private static ServerException byState(String msg, String state) {
        if (state == null || state.length() != 5) {
            return new ServerException(msg, 0, state);
        }
        return switch (state) {
            case "23505" -> new IntegrityViolationException(msg, 0, state, Kind.UNIQUE);
            case "23503" -> new IntegrityViolationException(msg, 0, state, Kind.FOREIGN_KEY);
            case "23502" -> new IntegrityViolationException(msg, 0, state, Kind.NOT_NULL);
            case "23514" -> new IntegrityViolationException(msg, 0, state, Kind.CHECK);
            case "40001" -> new SerializationFailureException(msg, 0, state);
            case "40P01" -> new DeadlockException(msg, 0, state);
            case "55P03" -> new LockTimeoutException(msg, 0, state); // lock_not_available (lock_timeout, NOWAIT)
            case "57014" -> new QueryCancelledException(msg, 0, state); // query_canceled (cancel, statement_timeout)
            case "42601" -> new SqlSyntaxException(msg, 0, state);
            // undefined_table, undefined_column, undefined_function, undefined_object,
            // invalid_catalog_name (database), invalid_schema_name
            case "42P01", "42703", "42883", "42704", "3D000", "3F000" -> new UndefinedObjectException(msg, 0, state);
            // invalid_authorization_specification, invalid_password, insufficient_privilege
            case "28000", "28P01", "42501" -> new AccessDeniedException(msg, 0, state);
            default -> switch (state.substring(0, 2)) {
                case "23" -> new IntegrityViolationException(msg, 0, state, Kind.OTHER);
                case "22" -> new DataException(msg, 0, state);
                default -> new ServerException(msg, 0, state);
            };
        };
    }

    /** The structured fields for {@link ServerException#withDetails}. */
    public static ServerErrorDetails details(PgErrorFields f) {
        return new ServerErrorDetails(f.effectiveSeverity(), f.detail(), f.hint(), f.positionNumber(), f.where(),
                f.schema(), f.table(), f.column(), f.dataType(), f.constraint(), f.routine());
    }

    private static ConnectionException connection(PgErrorFields f, String msg, String state) {
        StringBuilder sb = new StringBuilder().append('(').append(state).append(") ").append(msg);
        if (f.detail() != null && !f.detail().isEmpty()) {
            sb.append(" - ").append(f.detail());
        }
        if (f.hint() != null && !f.hint().isEmpty()) {
            sb.append(" Hint: ").append(f.hint());
        }
        return new ConnectionException(sb.toString(), 0, state, null);
    }
}
