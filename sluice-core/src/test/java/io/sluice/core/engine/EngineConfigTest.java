package io.sluice.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConfigTest {
    @Test
    void engineOptionsAreTakenAndTheRestGoesToTheDriver() {
        EngineConfig c = EngineConfig.fromUrl("mysql://u:secret@h:3307/db?poolSize=7&maxOverflow=-1&poolTimeout=2s"
                + "&recycle=30m&prePing=true&poolReuse=fifo&minIdle=2&idleTimeout=1m&keepalive=30s"
                + "&leakDetectionThreshold=10s&slowQueryThreshold=250ms&statementTimeout=5s&sqlCacheSize=9&sslMode=require");
        assertEquals(7, c.pool().poolSize());
        assertEquals(-1, c.pool().maxOverflow());
        assertEquals(Duration.ofSeconds(2), c.pool().poolTimeout());
        assertEquals(Duration.ofMinutes(30), c.pool().recycle());
        assertEquals(Duration.ZERO, c.pool().prePingAfter());
        assertFalse(c.pool().lifo());
        assertEquals(2, c.pool().minIdle());
        assertEquals(Duration.ofMillis(250), c.slowQueryThreshold());
        assertEquals(Duration.ofSeconds(5), c.statementTimeout());
        assertEquals(9, c.sqlCacheSize());
        assertEquals(Map.of("sslMode", "require"), c.driverUrl().options());
        assertEquals("secret", c.driverUrl().password());
        assertFalse(c.toString().contains("secret"));
    }

    @Test
    void prePingOff() {
        assertNull(EngineConfig.fromUrl("mysql://u@h/db?prePing=false").pool().prePingAfter());
    }

    @Test
    void preciseErrors() {
        assertTrue(assertThrows(ConfigurationException.class, () -> EngineConfig.fromUrl("mysql://u@h/db?poolSize=0"))
                .getMessage().contains("poolSize must be >= 1, was 0"));
        assertTrue(assertThrows(ConfigurationException.class, () -> EngineConfig.fromUrl("mysql://u@h/db?poolReuse=random"))
                .getMessage().contains("poolReuse"));
        assertTrue(assertThrows(ConfigurationException.class, () -> EngineConfig.fromUrl("mysql://u@h/db?poolTimeout=x"))
                .getMessage().contains("poolTimeout"));
    }
}
