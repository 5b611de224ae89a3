package io.sluice.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.sluice.postgres.wire.BackendMessage.ErrorResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PgErrorMapperTest {

    private static PgErrorFields fields(String code, String message) {
        return PgErrorFields.of(Map.of('S', "ERROR", 'V', "ERROR", 'C', code, 'M', message));
    }

    @ParameterizedTest
    @CsvSource({
        "23505, IntegrityViolationException, UNIQUE",
        "23503, IntegrityViolationException, FOREIGN_KEY",
        "23502, IntegrityViolationException, NOT_NULL",
        "23514, IntegrityViolationException, CHECK",
        "23P01, IntegrityViolationException, OTHER",
        "23001, IntegrityViolationException, OTHER",
        "40001, SerializationFailureException,",
        "40P01, DeadlockException,",
        "55P03, LockTimeoutException,",
        "57014, QueryCancelledException,",
        "08006, ConnectionException,",
        "08P01, ConnectionException,",
        "57P01, ConnectionException,",
        "57P02, ConnectionException,",
        "57P03, ConnectionException,",
        "42601, SqlSyntaxException,",
        "42P01, UndefinedObjectException,",
        "42703, UndefinedObjectException,",
        "42883, UndefinedObjectException,",
        "42704, UndefinedObjectException,",
        "3D000, UndefinedObjectException,",
        "3F000, UndefinedObjectException,",
        "28000, AccessDeniedException,",
        "28P01, AccessDeniedException,",
        "42501, AccessDeniedException,",
        "22012, DataException,",
        "22P02, DataException,",
        "25P02, ServerException,",
        "XX000, ServerException,",
        "42P07, ServerException,",
    })
    void mapsBySqlState(String state, String type, String kind) {
        SluiceException e = PgErrorMapper.map(fields(state, "boom"));
        assertEquals(type, e.getClass().getSimpleName());
        assertEquals(0, e.vendorCode());
        assertEquals(state, e.sqlState());
        if (kind != null) {
            assertEquals(Kind.valueOf(kind), ((IntegrityViolationException) e).kind());
        }
        if (e instanceof ServerException se) {
            assertEquals("boom", se.serverMessage());
            assertEquals("ERROR", se.details().severity());
        } else {
            assertTrue(e.isConnectionBroken());
            assertTrue(e.getMessage().contains("boom"));
        }
    }

    @Test
    void retryability() {
        assertTrue(PgErrorMapper.map(fields("40001", "x")).isRetryable());
        assertTrue(PgErrorMapper.map(fields("40P01", "x")).isRetryable());
        assertTrue(PgErrorMapper.map(fields("55P03", "x")).isRetryable());
        assertFalse(PgErrorMapper.map(fields("23505", "x")).isRetryable());
        assertFalse(PgErrorMapper.map(fields("42601", "x")).isConnectionBroken());
    }

    @Test
    void uniqueViolationFromServerBytesCarriesEveryField() {
        PgErrorFields f = Captured.frames(Captured.UNIQUE).stream()
                .map(fr -> BackendDecoder.decode(fr.type(), fr.body()))
                .filter(m -> m instanceof ErrorResponse).map(m -> ((ErrorResponse) m).fields()).findFirst().orElseThrow();
        IntegrityViolationException e = assertInstanceOf(IntegrityViolationException.class, PgErrorMapper.map(f));
        assertEquals(Kind.UNIQUE, e.kind());
        assertEquals("(23505) duplicate key value violates unique constraint \"cap_u_email_key\""
                + " - Key (email)=(a@x) already exists.", e.getMessage());
        ServerErrorDetails d = e.details();
        assertEquals("ERROR", d.severity());
        assertEquals("Key (email)=(a@x) already exists.", d.detail());
        assertNull(d.hint());
        assertEquals("pg_temp_2", d.schema());
        assertEquals("cap_u", d.table());
        assertEquals("cap_u_email_key", d.constraint());
        assertEquals("_bt_check_unique", d.routine());
    }

    @Test
    void detailHintPositionAndFatal() {
        PgErrorFields f = PgErrorFields.of(Map.of('S', "FEHLER", 'V', "FATAL", 'C', "42601", 'M', "syntax error",
                'H', "check the quotes", 'P', "12", 'W', "SQL function f", 'd', "int4", 'c', "col"));
        assertTrue(f.isFatal());
        ServerException e = assertInstanceOf(SqlSyntaxException.class, PgErrorMapper.map(f));
        assertEquals("(42601) syntax error Hint: check the quotes", e.getMessage());
        assertEquals("FATAL", e.details().severity());
        assertEquals(12, e.details().position());
        assertEquals("SQL function f", e.details().where());
        assertEquals("int4", e.details().dataType());
        assertEquals("col", e.details().column());
    }

    @Test
    void connectionErrorsKeepDetailInMessage() {
        PgErrorFields f = PgErrorFields.of(Map.of('S', "FATAL", 'C', "57P01",
                'M', "terminating connection due to administrator command", 'D', "by pg_terminate_backend"));
        ConnectionException e = assertInstanceOf(ConnectionException.class, PgErrorMapper.map(f));
        assertEquals("(57P01) terminating connection due to administrator command - by pg_terminate_backend",
                e.getMessage());
    }

    @Test
    void missingCodeOrMessageAndBadPosition() {
        ServerException e = assertInstanceOf(ServerException.class, PgErrorMapper.map(PgErrorFields.of(Map.of())));
        assertNull(e.sqlState());
        assertEquals("", e.serverMessage());
        PgErrorFields f = PgErrorFields.of(Map.of('C', "22003", 'M', "m", 'P', "x1"));
        assertNull(f.positionNumber());
        assertNull(((ServerException) PgErrorMapper.map(f)).details().position());
    }

    @Test
    void detailsCanBeAttachedOnlyOnce() {
        ServerException e = new ServerException("m", 0, "XX000");
        assertNull(e.details());
        assertEquals("(XX000) m", e.getMessage());
        ServerErrorDetails d = new ServerErrorDetails(null, null, null, null, null, null, null, null, null, null, null);
        assertSame(e, e.withDetails(d));
        assertEquals("(XX000) m", e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> e.withDetails(d));
    }

    @Test
    void otherCoreTypesStillMapped() {
        assertInstanceOf(DeadlockException.class, PgErrorMapper.map(fields("40P01", "d")));
        assertInstanceOf(SerializationFailureException.class, PgErrorMapper.map(fields("40001", "s")));
        assertInstanceOf(LockTimeoutException.class, PgErrorMapper.map(fields("55P03", "l")));
        assertInstanceOf(QueryCancelledException.class, PgErrorMapper.map(fields("57014", "q")));
        assertInstanceOf(UndefinedObjectException.class, PgErrorMapper.map(fields("42P01", "u")));
        assertInstanceOf(AccessDeniedException.class, PgErrorMapper.map(fields("28P01", "a")));
        assertInstanceOf(DataException.class, PgErrorMapper.map(fields("22001", "v")));
    }
}
