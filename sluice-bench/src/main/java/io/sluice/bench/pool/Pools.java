package io.sluice.bench.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sluice.core.pool.Lease;
import io.sluice.core.pool.Pool;
import io.sluice.core.pool.PoolConfig;
import io.sluice.core.pool.ResourceManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** The two pools of workload (4), each over resources that cost nothing, and one borrow+return cycle. */
public final class Pools {
    private Pools() {
    }

    /** A borrow + return cycle of one pool. */
    public interface Cycler extends AutoCloseable {
        void cycle() throws Exception;

        @Override
        void close();
    }

    /** Resources that are plain objects: create/validate/reset/close do nothing. */
    static final class NoopManager implements ResourceManager<Object> {
        @Override
        public Object create() {
            return new Object();
        }

        @Override
        public boolean validate(Object c, Duration timeout) {
            return true;
        }

        @Override
        public void reset(Object c) {
        }

        @Override
        public void close(Object c) {
        }

        @Override
        public boolean isBroken(Object c) {
            return false;
        }
    }

    /** Sluice's pool with {@code size} resources, no overflow, no pre-ping, 30 s borrow timeout. */
    public static Cycler sluice(int size) {
        Pool<Object> pool = new Pool<>(PoolConfig.builder().poolSize(size).maxOverflow(0).minIdle(size)
                .prePingAfter(null).poolTimeout(Duration.ofSeconds(30)).name("bench").build(), new NoopManager());
        // fill it before measuring
        java.util.List<Lease<Object>> held = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            held.add(pool.borrow());
        }
        held.forEach(Lease::release);
        return new Cycler() {
            @Override
            public void cycle() {
                Lease<Object> l = pool.borrow();
                l.resource();
                l.release();
            }

            @Override
            public void close() {
                pool.dispose();
            }
        };
    }

    /** HikariCP with {@code size} dummy connections (fixed-size pool), 30 s connection timeout. */
    public static Cycler hikari(int size) {
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(DummyJdbc.dataSource());
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(size);
        hc.setConnectionTimeout(30_000);
        hc.setPoolName("bench-hikari");
        HikariDataSource ds = new HikariDataSource(hc);
        return new Cycler() {
            @Override
            public void cycle() throws SQLException {
                try (Connection c = ds.getConnection()) {
                    c.hashCode();
                }
            }

            @Override
            public void close() {
                ds.close();
            }
        };
    }
}
