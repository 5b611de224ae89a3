package io.sluice.core.pool;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Shared helpers for the pool tests. */
final class PoolTesting {
    private PoolTesting() {
    }

    /** A config with housekeeping-relevant features off and no pre-ping, as a base for tests. */
    static PoolConfig.Builder quiet() {
        return PoolConfig.builder().prePingAfter(null).idleTimeout(Duration.ZERO).name("test");
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        awaitTrue(what, condition, () -> "");
    }

    static void awaitTrue(String what, BooleanSupplier condition, Supplier<Object> state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting for: " + what + " " + state.get());
            }
            sleep(2);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
