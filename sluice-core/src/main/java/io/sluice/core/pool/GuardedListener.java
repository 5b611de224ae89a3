package io.sluice.core.pool;

import java.lang.System.Logger.Level;
import java.time.Duration;

/** Shields the pool from a listener that throws: the error is logged and the pool carries on. */
final class GuardedListener<C> implements PoolListener<C> {
    private static final System.Logger LOG = System.getLogger("io.sluice.core.pool");
    private final PoolListener<C> delegate;
    private final String pool;

    GuardedListener(PoolListener<C> delegate, String pool) {
        this.delegate = delegate;
        this.pool = pool;
    }

    private void failed(String event, RuntimeException e) {
        LOG.log(Level.WARNING, () -> "pool '" + pool + "': listener failed in " + event + ": " + e, e);
    }

    @Override
    public void onCreate(C c) {
        try {
            delegate.onCreate(c);
        } catch (RuntimeException e) {
            failed("onCreate", e);
        }
    }

    @Override
    public void onCheckout(C c, long waitNanos) {
        try {
            delegate.onCheckout(c, waitNanos);
        } catch (RuntimeException e) {
            failed("onCheckout", e);
        }
    }

    @Override
    public void onCheckin(C c) {
        try {
            delegate.onCheckin(c);
        } catch (RuntimeException e) {
            failed("onCheckin", e);
        }
    }

    @Override
    public void onTimeout(long waitNanos) {
        try {
            delegate.onTimeout(waitNanos);
        } catch (RuntimeException e) {
            failed("onTimeout", e);
        }
    }

    @Override
    public void onInvalidate(C c, String reason) {
        try {
            delegate.onInvalidate(c, reason);
        } catch (RuntimeException e) {
            failed("onInvalidate", e);
        }
    }

    @Override
    public void onClose(C c, String reason) {
        try {
            delegate.onClose(c, reason);
        } catch (RuntimeException e) {
            failed("onClose", e);
        }
    }

    @Override
    public void onLeak(C c, StackTraceElement[] borrowerStack, Duration heldFor) {
        try {
            delegate.onLeak(c, borrowerStack, heldFor);
        } catch (RuntimeException e) {
            failed("onLeak", e);
        }
    }
}
