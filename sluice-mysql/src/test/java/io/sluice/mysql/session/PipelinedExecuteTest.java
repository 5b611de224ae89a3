package io.sluice.mysql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.transport.TlsMode;
import io.sluice.mysql.MySqlConfig;
import io.sluice.testkit.MariaDbServer;
import io.sluice.testkit.TestServers;
import org.junit.jupiter.api.Test;

/** The session side of pipelining: which statements may be pipelined, and a statement the server forgot. */
class PipelinedExecuteTest {

    @Test
    void onlyStatementsWhoseAnswerNeverAsksTheClientArePipelined() {
        for (String sql : new String[] {"select 1", "  SELECT ?", "\ninsert into t values (?)", "Update t set a = ?",
            "delete from t", "replace into t values (1)", "with x as (select 1) select * from x", "values (1)",
            "table t", "select(1)"}) {
            assertTrue(new PreparedInfo(sql, 1, 0, null).pipelinable(), sql);
        }
        for (String sql : new String[] {"load data local infile 'f' into table t", "LOAD XML LOCAL INFILE 'f' INTO TABLE t",
            "/*!LOAD DATA LOCAL INFILE 'f' INTO TABLE t*/", "/* c */ select 1", "call p()", "set @a = ?", "do 1",
            "selected", "select_x", "show tables", ""}) {
            assertFalse(new PreparedInfo(sql, 1, 0, null).pipelinable(), sql);
        }
    }

    @Test
    void aStatementTheServerForgotIsPreparedAgainInsteadOfFailing() {
        MariaDbServer s = TestServers.mariadb();
        MySqlConfig cfg = MySqlConfig.builder().host(s.host()).port(s.port()).user(s.user()).password(s.password())
                .database(s.database()).sslMode(TlsMode.DISABLE).build();
        MySqlSession session = MySqlSession.open(cfg);
        try {
            String sql = "select ? + 1";
            assertEquals(2L, run(session, sql, 1));
            PreparedInfo cached = session.preparedFor(sql);
            // close it on the server behind the cache's back: the next (pipelined) execution meets
            // "unknown prepared statement handler" and must prepare afresh with the connection alone
            session.closeStatement(cached);
            assertEquals(42L, run(session, sql, 41));
            assertNotEquals(cached.statementId(), session.preparedFor(sql).statementId());
            assertEquals(1, session.cachedStatements());
            assertEquals(0, session.callsInFlight());
        } finally {
            session.close();
        }
    }

    private static long run(MySqlSession session, String sql, Object... values) {
        ResultCursor c = session.executeInTurn(sql, values);
        try {
            assertTrue(c.nextResult().hasRows());
            long v = ((Number) c.nextRow()[0]).longValue();
            c.drain();
            return v;
        } finally {
            session.endTurn(c);
        }
    }
}
