package io.sluice.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionUrlTest {
    @Test
    void parsesAllParts() {
        ConnectionUrl u = ConnectionUrl.parse("mysql://bob:s3cret@db.example:3307/shop?sslMode=require&charset=utf8mb4");
        assertEquals("mysql", u.scheme());
        assertEquals("bob", u.user());
        assertEquals("s3cret", u.password());
        assertEquals("db.example", u.host());
        assertEquals(3307, u.port());
        assertEquals("shop", u.database());
        assertEquals(Map.of("sslMode", "require", "charset", "utf8mb4"), u.options());
    }

    @Test
    void passwordWithAtAndPercentEncoding() {
        ConnectionUrl u = ConnectionUrl.parse("mariadb://u%40x:p@ss%2Fw+rd@host/db");
        assertEquals("u@x", u.user());
        assertEquals("p@ss/w+rd", u.password());
        assertEquals("host", u.host());
        assertNull(u.port());
    }

    @Test
    void ipv6AndNoDatabase() {
        ConnectionUrl u = ConnectionUrl.parse("postgresql://postgres@[::1]:5432");
        assertEquals("::1", u.host());
        assertEquals(5432, u.port());
        assertNull(u.database());
        assertNull(u.password());
    }

    @Test
    void socketOnlyUrl() {
        ConnectionUrl u = ConnectionUrl.parse("mysql://root@/test?socket=/run/mysqld/mysqld.sock");
        assertNull(u.host());
        assertEquals("test", u.database());
        assertEquals("/run/mysqld/mysqld.sock", u.options().get("socket"));
    }

    @Test
    void rejectsBadUrls() {
        assertThrows(ConfigurationException.class, () -> ConnectionUrl.parse(""));
        assertThrows(ConfigurationException.class, () -> ConnectionUrl.parse("localhost:3306"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConnectionUrl.parse("mysql://u:pw@h:99999/db"));
        assertTrue(e.getMessage().contains("99999"));
        assertThrows(ConfigurationException.class, () -> ConnectionUrl.parse("mysql://u@h:abc/db"));
        assertThrows(ConfigurationException.class, () -> ConnectionUrl.parse("mysql://u@h/db?a=1&a=2"));
    }

    @Test
    void neverShowsPassword() {
        String url = "mysql://bob:topsecret@h:1/db?trustStorePassword=alsosecret";
        ConnectionUrl u = ConnectionUrl.parse(url);
        assertFalse(u.toString().contains("topsecret"));
        assertFalse(u.toString().contains("alsosecret"));
        assertEquals("mysql://bob:***@h:1/db?trustStorePassword=alsosecret", ConnectionUrl.redact(url));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ConnectionUrl.parse("bob:topsecret@h"));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(250), Durations.parse("x", "250ms"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("x", "1.5s"));
        assertEquals(Duration.ofMinutes(5), Durations.parse("x", "5m"));
        assertEquals(Duration.ofMillis(42), Durations.parse("x", "42"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Durations.parse("readTimeout", "soon"));
        assertTrue(e.getMessage().startsWith("readTimeout"));
        assertThrows(ConfigurationException.class, () -> Durations.parse("x", "-1"));
    }
}
