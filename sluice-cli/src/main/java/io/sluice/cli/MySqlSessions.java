package io.sluice.cli;

import io.sluice.core.result.Result;
import io.sluice.mysql.MySqlConnection;
import java.util.List;

/**
 * Adapts the MySQL/MariaDB driver (module sluice-mysql) to {@link SqlSession}. Registered for the
 * {@code mysql://} and {@code mariadb://} schemes by {@link SessionRegistry#defaults()}.
 */
final class MySqlSessions {
    private MySqlSessions() {
    }

    static final SessionFactory FACTORY = url -> {
        MySqlConnection c = MySqlConnection.connect(url);
        return new SqlSession() {
            @Override
            public List<Result> execute(String sql) {
                return c.query(sql);
            }

            @Override
            public void close() {
                c.close();
            }
        };
    };
}
