package io.sluice.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolConfigTest {

    private static String error(PoolConfig.Builder b) {
        return assertThrows(ConfigurationException.class, b::build).getMessage();
    }

    @Test
    void defaults() {
        PoolConfig c = PoolConfig.builder().build();
        assertEquals(5, c.poolSize());
        assertEquals(10, c.maxOverflow());
        assertEquals(Duration.ofSeconds(30), c.poolTimeout());
        assertEquals(Duration.ZERO, c.recycle());
        assertEquals(Duration.ofSeconds(1), c.prePingAfter());
        assertTrue(c.lifo());
        assertEquals(0, c.minIdle());
        assertEquals(Duration.ofMinutes(10), c.idleTimeout());
        assertEquals(Duration.ZERO, c.keepalive());
        assertEquals(Duration.ZERO, c.leakDetectionThreshold());
        assertEquals(Duration.ofSeconds(5), c.validationTimeout());
        assertEquals("sluice", c.name());
        assertEquals(15, c.maxOpen());
    }

    @Test
    void preciseMessages() {
        assertEquals("poolSize must be >= 1, was 0", error(PoolConfig.builder().poolSize(0)));
        assertEquals("maxOverflow must be >= 0, or -1 for unlimited, was -2", error(PoolConfig.builder().maxOverflow(-2)));
        assertEquals("minIdle must be between 0 and poolSize (5), was 6", error(PoolConfig.builder().minIdle(6)));
        assertEquals("minIdle must be between 0 and poolSize (5), was -1", error(PoolConfig.builder().minIdle(-1)));
        assertEquals("poolTimeout must be >= 0, was PT-1S", error(PoolConfig.builder().poolTimeout(Duration.ofSeconds(-1))));
        assertEquals("poolTimeout must not be null", error(PoolConfig.builder().poolTimeout(null)));
        assertEquals("recycle must be >= 0, was PT-0.001S", error(PoolConfig.builder().recycle(Duration.ofMillis(-1))));
        assertEquals("idleTimeout must not be null", error(PoolConfig.builder().idleTimeout(null)));
        assertEquals("keepalive must be >= 0, was PT-1S", error(PoolConfig.builder().keepalive(Duration.ofSeconds(-1))));
        assertEquals("leakDetectionThreshold must not be null", error(PoolConfig.builder().leakDetectionThreshold(null)));
        assertEquals("validationTimeout must be > 0, was 0", error(PoolConfig.builder().validationTimeout(Duration.ZERO)));
        assertEquals("name must not be blank", error(PoolConfig.builder().name(" ")));
    }

    @Test
    void unlimitedOverflowAndNeverPing() {
        PoolConfig c = PoolConfig.builder().maxOverflow(-1).prePingAfter(Duration.ofSeconds(-1)).build();
        assertEquals(Long.MAX_VALUE, c.maxOpen());
        assertNull(c.prePingAfter(), "negative prePingAfter is normalised to null (never)");
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void housekeepingPeriodIsAQuarterOfTheShortestIntervalClamped() {
        assertEquals(0, Housekeeper.period(PoolTesting.quiet().build()));
        assertEquals(Duration.ofSeconds(30).toNanos(), Housekeeper.period(PoolConfig.builder().build()));
        assertEquals(Duration.ofMillis(25).toNanos(),
                Housekeeper.period(PoolTesting.quiet().keepalive(Duration.ofMillis(100)).build()));
        assertEquals(Duration.ofMillis(10).toNanos(),
                Housekeeper.period(PoolTesting.quiet().leakDetectionThreshold(Duration.ofMillis(1)).build()));
        assertEquals(Duration.ofSeconds(30).toNanos(), Housekeeper.period(PoolTesting.quiet().minIdle(1).build()));
    }
}
