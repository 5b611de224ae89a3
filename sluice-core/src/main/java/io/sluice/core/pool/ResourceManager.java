package io.sluice.core.pool;

import java.time.Duration;

/**
 * What the pool asks of the layer that owns the resources (a database session, in Sluice). The pool
 * never holds its lock while calling these, so they may block on I/O; they may be called from any
 * thread (borrowers, returners, the housekeeping thread), but never concurrently for the same
 * resource.
 *
 * @param <C> the pooled resource type
 */
public interface ResourceManager<C> {

    /**
     * Opens a new resource. Any exception propagates unchanged to the borrower that needed it (and
     * only to that one); the pool frees the slot first. Must not return {@code null}.
     */
    C create();

    /**
     * Checks the resource is alive (a ping round trip) within {@code timeout}. {@code false} or an
     * exception both mean "dead": the pool closes it and uses another.
     */
    boolean validate(C c, Duration timeout);

    /**
     * Returns the resource to a clean state when it comes back to the pool (roll back an open
     * transaction, drop session state). An exception means the state is unknown: the pool closes the
     * resource and never lends it again.
     */
    void reset(C c);

    /** Closes the resource and releases what it holds. Should not throw; the pool logs and ignores it if it does. */
    void close(C c);

    /**
     * A cheap, local check (no I/O) that the resource is already known to be unusable, e.g. its
     * socket saw an error. Called on every checkin and checkout, so it must be fast.
     */
    boolean isBroken(C c);
}
