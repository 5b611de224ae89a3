package io.sluice.cli;

import io.sluice.core.error.ConfigurationException;

/**
 * Adapts the MySQL/MariaDB driver (module sluice-mysql) to {@link SqlSession}. Registered for the
 * {@code mysql://} and {@code mariadb://} schemes by {@link SessionRegistry#defaults()}.
 */
final class MySqlSessions {
    private MySqlSessions() {
    }

    // MERGE: the driver (io.sluice.mysql.MySqlConnection) is not on this branch yet. At merge time
    // replace the lambda below with:
    //
    //     static final SessionFactory FACTORY = url -> {
    //         io.sluice.mysql.MySqlConnection c = io.sluice.mysql.MySqlConnection.connect(url);
    //         return new SqlSession() {
    //             @Override public java.util.List<io.sluice.core.result.Result> execute(String sql) {
    //                 return c.query(sql);
    //             }
    //             @Override public void close() {
    //                 c.close();
    //             }
    //         };
    //     };
    static final SessionFactory FACTORY = url -> {
        throw new ConfigurationException("mysql driver not available");
    };
}
