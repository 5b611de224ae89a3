package io.sluice.core.engine;

import io.sluice.core.pool.PoolStatus;

/**
 * A snapshot of engine statistics.
 *
 * @param queries       statements executed (a batch counts once)
 * @param errors        statements that failed
 * @param slowQueries   statements over the slow-query threshold
 * @param latency       statement latency
 * @param checkoutWait  time borrowers waited for a connection
 * @param pool          the pool right now
 */
public record EngineStats(long queries, long errors, long slowQueries, LatencyHistogram.Snapshot latency,
                          LatencyHistogram.Snapshot checkoutWait, PoolStatus pool) {
    @Override
    public String toString() {
        return "queries=" + queries + " errors=" + errors + " slow=" + slowQueries + "\n  latency: " + latency
                + "\n  checkout wait: " + checkoutWait + "\n  pool: " + pool;
    }
}
