package io.sluice.postgres.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which CommandComplete tags mark the session changed (the per-statement DML tags take a fast path). */
class SessionChangesTest {
    private static SessionChanges after(String... tags) {
        SessionChanges c = new SessionChanges();
        for (String t : tags) {
            c.observe(t);
        }
        return c;
    }

    @Test
    void dmlQueriesAndTransactionControlChangeNothing() {
        SessionChanges c = after("SELECT 1", "INSERT 0 5", "UPDATE 10", "DELETE 0", "SELECT 0", "MERGE 3", "FETCH 2",
                "COPY 100", "BEGIN", "COMMIT", "ROLLBACK", "select 1", "SELECT 12345678901");
        assertFalse(c.changed());
        assertNull(c.resetStatement());
    }

    @Test
    void settingsListensTempTablesAndTheRestAreUndone() {
        assertEquals("RESET ALL;", after("SELECT 1", "SET").resetStatement());
        assertEquals("UNLISTEN *;", after("LISTEN").resetStatement());
        assertEquals("DISCARD TEMP;", after("CREATE TABLE", "INSERT 0 1").resetStatement());
        assertEquals("DISCARD ALL", after("PREPARE").resetStatement());
        assertEquals("DISCARD ALL", after("INSERTX 1").resetStatement(), "not a DML tag: the slow path decides");
    }
}
