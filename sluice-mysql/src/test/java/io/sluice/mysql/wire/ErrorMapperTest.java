package io.sluice.mysql.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.error.UndefinedObjectException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    /** {code, SQLSTATE as the servers send it, expected class}. */
    private static final Object[][] TABLE = {
        {1062, "23000", IntegrityViolationException.class},
        {1586, "23000", IntegrityViolationException.class},
        {1557, "23000", IntegrityViolationException.class},
        {1451, "23000", IntegrityViolationException.class},
        {1452, "23000", IntegrityViolationException.class},
        {1216, "23000", IntegrityViolationException.class},
        {1217, "23000", IntegrityViolationException.class},
        {1048, "23000", IntegrityViolationException.class},
        {1364, "HY000", IntegrityViolationException.class},
        {3819, "HY000", IntegrityViolationException.class},
        {4025, "23000", IntegrityViolationException.class},
        {1064, "42000", SqlSyntaxException.class},
        {1149, "42000", SqlSyntaxException.class},
        {1146, "42S02", UndefinedObjectException.class},
        {1054, "42S22", UndefinedObjectException.class},
        {1049, "42000", UndefinedObjectException.class},
        {1305, "42000", UndefinedObjectException.class},
        {1091, "42000", UndefinedObjectException.class},
        {1051, "42S02", UndefinedObjectException.class},
        {1045, "28000", AccessDeniedException.class},
        {1044, "42000", AccessDeniedException.class},
        {1142, "42000", AccessDeniedException.class},
        {1143, "42000", AccessDeniedException.class},
        {1227, "42000", AccessDeniedException.class},
        {1698, "28000", AccessDeniedException.class},
        {1213, "40001", DeadlockException.class},
        {1205, "HY000", LockTimeoutException.class},
        {1020, "HY000", SerializationFailureException.class},
        {9999, "40001", SerializationFailureException.class},
        {1317, "70100", QueryCancelledException.class},
        {3024, "HY000", QueryCancelledException.class},
        {1969, "70100", QueryCancelledException.class},
        {1927, "70100", ConnectionException.class},
        {1053, "08S01", ConnectionException.class},
        {1152, "08S01", ConnectionException.class},
        {1153, "08S01", ConnectionException.class},
        {1040, "08004", ConnectionException.class},
        {1040, null, ConnectionException.class},
        {9998, "08S01", ConnectionException.class},
        {1406, "22001", DataException.class},
        {1264, "22003", DataException.class},
        {1366, "22007", DataException.class},
        {1366, "HY000", DataException.class},
        {1292, "22007", DataException.class},
        {9997, "22012", DataException.class},
        {9996, "23505", IntegrityViolationException.class},
        {1290, "HY000", ServerException.class},
        {1105, null, ServerException.class},
    };

    @Test
    void mappingTable() {
        for (Object[] row : TABLE) {
            int code = (Integer) row[0];
            String state = (String) row[1];
            SluiceException e = ErrorMapper.map(code, state, "msg " + code);
            assertSame(row[2], e.getClass(), code + "/" + state + " mapped to " + e.getClass().getSimpleName());
            assertEquals(code, e.vendorCode());
            assertEquals(state, e.sqlState());
            assertTrue(e.getMessage().contains("msg " + code));
        }
    }

    @Test
    void integrityKinds() {
        assertEquals(Kind.UNIQUE, kind(1062));
        assertEquals(Kind.UNIQUE, kind(1586));
        assertEquals(Kind.FOREIGN_KEY, kind(1451));
        assertEquals(Kind.FOREIGN_KEY, kind(1217));
        assertEquals(Kind.NOT_NULL, kind(1048));
        assertEquals(Kind.NOT_NULL, kind(1364));
        assertEquals(Kind.CHECK, kind(3819));
        assertEquals(Kind.CHECK, kind(4025));
        assertEquals(Kind.OTHER, kind(9996));
    }

    @Test
    void retryAndBrokenFlags() {
        assertTrue(ErrorMapper.map(1213, "40001", "").isRetryable());
        assertTrue(ErrorMapper.map(1205, "HY000", "").isRetryable());
        assertFalse(ErrorMapper.map(1062, "23000", "").isRetryable());
        assertTrue(ErrorMapper.map(1927, "70100", "").isConnectionBroken());
        assertFalse(ErrorMapper.map(1317, "70100", "").isConnectionBroken());
        ServerException s = (ServerException) ErrorMapper.map(1146, "42S02", "Table 't' doesn't exist");
        assertEquals("Table 't' doesn't exist", s.serverMessage());
    }

    @Test
    void fromPacket() {
        ErrPacket p = new ErrPacket(1062, "23000", "Duplicate entry '1' for key 'PRIMARY'");
        SluiceException e = p.toException();
        assertInstanceOf(IntegrityViolationException.class, e);
        assertEquals("[1062] (23000) Duplicate entry '1' for key 'PRIMARY'", e.getMessage());
        assertSame(ErrorMapper.map(p).getClass(), e.getClass());
    }

    private static Kind kind(int code) {
        return ((IntegrityViolationException) ErrorMapper.map(code, code == 9996 ? "23505" : "23000", "")).kind();
    }
}
