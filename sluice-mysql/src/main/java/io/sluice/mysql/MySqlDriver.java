package io.sluice.mysql;

import io.sluice.core.config.ConnectionUrl;
import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.Driver;
import io.sluice.core.spi.DriverConnection;
import io.sluice.core.spi.DriverConnector;
import java.util.Set;

/** The MySQL/MariaDB driver as the engine sees it; registered with ServiceLoader. */
public final class MySqlDriver implements Driver {
    @Override
    public Set<String> schemes() {
        return Set.of("mysql", "mariadb");
    }

    @Override
    public DriverConnector configure(ConnectionUrl url) {
        MySqlConfig cfg = MySqlConfig.from(url);
        return new DriverConnector() {
            @Override
            public DriverConnection connect() {
                return new MySqlDriverConnection(MySqlConnection.connect(cfg));
            }

            @Override
            public String describe() {
                return cfg.describe();
            }

            @Override
            public Dialect dialect() {
                return MySqlDialect.INSTANCE;
            }
        };
    }
}
