package io.sluice.core.engine;

import io.sluice.core.pool.PoolListener;
import io.sluice.core.pool.ResourceManager;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.DriverConnector;
import java.time.Duration;

/**
 * What the protocol-free pool asks of connections: create, validate (ping), reset on return and
 * close; and the pool's events turned into engine events.
 *
 * <p>Reset on return: roll back an open transaction, then reset server session state only when the
 * driver reports it changed (SET, USE, temporary tables...). The engine starts transactions with
 * per-transaction characteristics (SET TRANSACTION / START TRANSACTION READ ONLY), so isolation and
 * read-only never outlive a transaction. Any failure here makes the pool close the connection.
 */
final class EngineResources implements ResourceManager<DriverConnection>, PoolListener<DriverConnection> {
    private final Engine engine;
    private final DriverConnector connector;

    EngineResources(Engine engine, DriverConnector connector) {
        this.engine = engine;
        this.connector = connector;
    }

    @Override
    public DriverConnection create() {
        DriverConnection dc = connector.connect();
        for (EngineListener l : engine.listeners()) {
            Engine.safe(() -> l.onConnect(dc.meta()));
        }
        return dc;
    }

    @Override
    public boolean validate(DriverConnection dc, Duration timeout) {
        try {
            dc.ping();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void reset(DriverConnection dc) {
        if (dc.inTransaction()) {
            dc.query(dc.dialect().rollback());
        }
        if (dc.sessionStateChanged()) {
            dc.resetSession();
        }
    }

    @Override
    public void close(DriverConnection dc) {
        dc.close();
    }

    @Override
    public boolean isBroken(DriverConnection dc) {
        return !dc.isUsable();
    }

    @Override
    public void onInvalidate(DriverConnection dc, String reason) {
        for (EngineListener l : engine.listeners()) {
            Engine.safe(() -> l.onInvalidate(dc.meta(), reason));
        }
    }

    @Override
    public void onLeak(DriverConnection dc, StackTraceElement[] borrowerStack, Duration heldFor) {
        for (EngineListener l : engine.listeners()) {
            Engine.safe(() -> l.onLeak(dc.meta(), heldFor, borrowerStack));
        }
    }
}
