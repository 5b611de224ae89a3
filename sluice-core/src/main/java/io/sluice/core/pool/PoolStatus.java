package io.sluice.core.pool;

/**
 * A snapshot of a pool's occupancy, taken under the pool lock. Borrows and returns that find the
 * pool uncontended do not take that lock, so while they run, {@code idle} and {@code inUse} are a
 * moment's view (exact once the pool is quiet); the other counters are exact.
 *
 * @param size open connections (idle + in use + under keepalive check)
 * @param idle open connections waiting in the pool
 * @param inUse connections lent out
 * @param overflow open connections beyond {@code poolSize}
 * @param waiting borrowers blocked waiting for a connection
 * @param pending connections being opened right now (they count against the limit)
 * @param created connections opened since start
 * @param closed connections closed since start
 * @param invalidated connections closed because they were found unusable (subset of {@code closed})
 * @param poolSize configured pool size
 * @param maxOverflow configured overflow limit, -1 = unlimited
 */
public record PoolStatus(
        int size,
        int idle,
        int inUse,
        int overflow,
        int waiting,
        int pending,
        long created,
        long closed,
        long invalidated,
        int poolSize,
        int maxOverflow) {

    @Override
    public String toString() {
        String s = "size=" + size + " idle=" + idle + " inUse=" + inUse + " overflow=" + overflow + " waiting=" + waiting;
        return pending == 0 ? s : s + " pending=" + pending;
    }
}
