package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestServersTest {

    private static boolean envOverride(String prefix) {
        return System.getenv().keySet().stream().anyMatch(k -> k.startsWith(prefix))
                || TestServers.throwawayForced(System.getenv());
    }

    @Test
    void mariadbIsTheSystemServerWhenOneAnswersOn3306() {
        assumeTrue(!envOverride("SLUICE_TEST_MYSQL_") && Probe.mysqlGreets("127.0.0.1", 3306, Duration.ofSeconds(2)),
                "no system MariaDB on 3306 (or env override set)");
        MariaDbServer s = TestServers.mariadb();
        assertFalse(s.throwaway());
        assertEquals(3306, s.port());
        assertEquals("mysql://root@127.0.0.1:3306/test", s.mysqlUrl());
        assertEquals("test", s.sqlValue("SELECT DATABASE()"));
        assertSame(s, TestServers.mariadb(), "singleton");
    }

    @Test
    void postgresIsTheSystemServerWhenOneAnswersOn5432() {
        assumeTrue(!envOverride("SLUICE_TEST_PG_") && Probe.postgresAnswers("127.0.0.1", 5432, Duration.ofSeconds(2)),
                "no system PostgreSQL on 5432 (or env override set)");
        PostgresServer s = TestServers.postgres();
        assertFalse(s.throwaway());
        assertEquals("postgresql://postgres@127.0.0.1:5432/test", s.postgresUrl());
        assertEquals("1", s.sqlValue("select 1"));
        assertSame(s, TestServers.postgres(), "singleton");
    }

    @Test
    void envOverridePointsAtAnyServerAndIsProbed() {
        int dead = Probe.freePort(); // nothing listens there
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestServers.findOrStartMariaDb(
                Map.of("SLUICE_TEST_MYSQL_HOST", "127.0.0.1", "SLUICE_TEST_MYSQL_PORT", Integer.toString(dead))));
        assertTrue(e.getMessage().contains("SLUICE_TEST_MYSQL_HOST/PORT"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> TestServers.findOrStartPostgres(
                Map.of("SLUICE_TEST_PG_PORT", "notaport")));
        assertTrue(e.getMessage().contains("SLUICE_TEST_PG_PORT"), e.getMessage());
    }

    @Test
    void envOverrideCarriesCredentials() {
        assumeTrue(Probe.mysqlGreets("127.0.0.1", 3306, Duration.ofSeconds(2)), "no server on 3306");
        MariaDbServer s = TestServers.findOrStartMariaDb(Map.of("SLUICE_TEST_MYSQL_PORT", "3306",
                "SLUICE_TEST_MYSQL_USER", "a b", "SLUICE_TEST_MYSQL_PASSWORD", "p@ss:w/rd+é", "SLUICE_TEST_MYSQL_DATABASE", "db"));
        assertEquals("mysql://a%20b:p%40ss%3Aw%2Frd%2B%C3%A9@127.0.0.1:3306/db", s.mysqlUrl());
        assertFalse(s.toString().contains("p@ss"), "password leaked into toString: " + s);
    }

    @Test
    void throwawayFallbackWorksOverTcpWithRootAndEmptyPassword() {
        // Left running on purpose: the JVM shutdown hook must stop it (checked by the build, see report).
        MariaDbServer m = TestServers.findOrStartMariaDb(Map.of("SLUICE_TEST_THROWAWAY", "1"));
        assertTrue(m.throwaway());
        MariaDbServer overTcp = new MariaDbServer(m.host(), m.port(), "root", "", "test", null, false);
        assertEquals("test", overTcp.sqlValue("SELECT DATABASE()"));

        PostgresServer p = TestServers.findOrStartPostgres(Map.of("SLUICE_TEST_THROWAWAY", "1"));
        assertTrue(p.throwaway());
        PostgresServer pgTcp = new PostgresServer(p.host(), p.port(), "postgres", "", "test", null, false);
        assertEquals("test", pgTcp.sqlValue("select current_database()"));
    }

    @Test
    void urlsBracketIpv6Hosts() {
        PostgresServer s = new PostgresServer("::1", 5433, "u", "pw", "d", null, false);
        assertEquals("postgresql://u:pw@[::1]:5433/d", s.postgresUrl());
    }
}
