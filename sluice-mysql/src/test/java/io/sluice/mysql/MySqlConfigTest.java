package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConfigurationException;
import io.sluice.core.transport.Endpoint;
import io.sluice.core.transport.TlsMode;
import io.sluice.mysql.wire.ZeroDateBehavior;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URL parsing and validation of MySqlConfig (no server). */
class MySqlConfigTest {
    @Test
    void everyOptionFromUrl() {
        MySqlConfig c = MySqlConfig.fromUrl("mariadb://app:p%40ss@db.local:3307/shop?sslMode=verify-full"
                + "&allowPublicKeyRetrieval=true&charset=latin1&collation=latin1_swedish_ci&initSql=set%20@a%3D1"
                + "&sessionVariables=sql_mode%3DANSI_QUOTES,STRICT_ALL_TABLES;wait_timeout%3D60&timeZone=UTC"
                + "&autocommit=false&connectTimeout=2s&readTimeout=1500ms&writeTimeout=3&connectionAttributes=app:x,team:y"
                + "&zeroDateBehavior=null&prepareCacheSize=10&maxPacketSize=4096&multiStatements=true&foundRows=1");
        assertEquals(new Endpoint.Tcp("db.local", 3307), c.endpoint());
        assertEquals("app", c.user());
        assertEquals("p@ss", c.password());
        assertEquals("shop", c.database());
        assertEquals(TlsMode.VERIFY_FULL, c.tls().mode());
        assertTrue(c.allowPublicKeyRetrieval());
        assertEquals("latin1", c.charset());
        assertEquals("latin1_swedish_ci", c.collation());
        assertEquals("set @a=1", c.initSql().get(0));
        assertEquals(Map.of("sql_mode", "ANSI_QUOTES,STRICT_ALL_TABLES", "wait_timeout", "60"), c.sessionVariables());
        assertEquals("UTC", c.timeZone());
        assertEquals(false, c.autocommit());
        assertEquals(Duration.ofSeconds(2), c.connectTimeout());
        assertEquals(Duration.ofMillis(1500), c.readTimeout());
        assertEquals(Duration.ofMillis(3), c.writeTimeout());
        assertEquals(Map.of("app", "x", "team", "y"), c.connectionAttributes());
        assertEquals(ZeroDateBehavior.NULL, c.zeroDateBehavior());
        assertEquals(10, c.prepareCacheSize());
        assertEquals(4096, c.maxPacketSize());
        assertTrue(c.multiStatements());
        assertTrue(c.foundRows());
        assertFalse(c.toString().contains("p@ss"));
    }

    @Test
    void defaults() {
        MySqlConfig c = MySqlConfig.fromUrl("mysql://root@127.0.0.1/test");
        assertEquals(3306, ((Endpoint.Tcp) c.endpoint()).port());
        assertEquals(TlsMode.PREFER, c.tls().mode());
        assertEquals("utf8mb4", c.charset());
        assertEquals(ZeroDateBehavior.ERROR, c.zeroDateBehavior());
        assertEquals(256, c.prepareCacheSize());
        assertFalse(c.multiStatements());
        assertEquals(Duration.ofSeconds(10), c.connectTimeout());
        assertEquals(Duration.ZERO, c.readTimeout());
    }

    @Test
    void socket() {
        MySqlConfig c = MySqlConfig.fromUrl("mysql://root@/test?socket=/run/mysqld/mysqld.sock");
        assertEquals(new Endpoint.Unix(Path.of("/run/mysqld/mysqld.sock")), c.endpoint());
    }

    @Test
    void preciseErrors() {
        assertMessage("unknown option 'sslmod'", "mysql://u@h/db?sslmod=disable");
        assertMessage("URL scheme must be mysql:// or mariadb://", "postgres://u@h/db");
        assertMessage("prepareCacheSize must be >= 0, was -1", "mysql://u@h/db?prepareCacheSize=-1");
        assertMessage("autocommit must be true or false, was 'maybe'", "mysql://u@h/db?autocommit=maybe");
        assertMessage("connectTimeout must be a duration", "mysql://u@h/db?connectTimeout=soon");
        assertMessage("zeroDateBehavior must be error or null", "mysql://u@h/db?zeroDateBehavior=round");
        assertMessage("sslMode=allow is PostgreSQL-only", "mysql://u@h/db?sslMode=allow");
        assertMessage("user must be given", "mysql://h/db");
        assertMessage("collation must be a collation name", "mysql://u@h/db?collation=x;drop");
        assertMessage("sessionVariables: 'a b' is not a valid variable name", "mysql://u@h/db?sessionVariables=a%20b%3D1");
        assertMessage("timeZone must be a zone id", "mysql://u@h/db?timeZone=Mars/Base");
        assertMessage("cannot be used with a unix socket", "mysql://u@/db?socket=/tmp/s&sslMode=require");
        assertMessage("maxPacketSize must be between", "mysql://u@h/db?maxPacketSize=10");
    }

    private static void assertMessage(String expected, String url) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MySqlConfig.fromUrl(url));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
