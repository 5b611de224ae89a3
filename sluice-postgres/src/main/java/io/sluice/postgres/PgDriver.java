package io.sluice.postgres;

import io.sluice.core.config.ConnectionUrl;
import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.Driver;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.DriverConnector;
import java.util.Set;

/** The PostgreSQL driver as the engine sees it; registered with ServiceLoader. */
public final class PgDriver implements Driver {
    @Override
    public Set<String> schemes() {
        return Set.of("postgresql", "postgres");
    }

    @Override
    public DriverConnector configure(ConnectionUrl url) {
        PgConfig cfg = PgConfig.from(url);
        return new DriverConnector() {
            @Override
            public DriverConnection connect() {
                return new PgDriverConnection(PgConnection.connect(cfg));
            }

            @Override
            public String describe() {
                return cfg.describe();
            }

            @Override
            public Dialect dialect() {
                return PgDialect.INSTANCE;
            }

            @Override
            public AutoCloseable listen(java.util.Collection<String> channels,
                                        java.util.function.Consumer<io.sluice.core.spi.Notification> handler) {
                return PgListener.start(cfg, channels,
                        n -> handler.accept(new io.sluice.core.spi.Notification(n.channel(), n.payload(), n.pid())));
            }
        };
    }
}
