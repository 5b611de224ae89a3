package io.sluice.bench.pool;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource whose connections do nothing, so HikariCP can be measured without a database: every
 * method answers at once with the value a healthy, idle connection would give.
 */
public final class DummyJdbc {
    private DummyJdbc() {
    }

    public static Connection connection() {
        return (Connection) Proxy.newProxyInstance(DummyJdbc.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "isValid", "getAutoCommit" -> true;
                    case "isClosed", "isReadOnly", "isWrapperFor" -> false;
                    case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
                    case "getNetworkTimeout", "getHoldability" -> 0;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "DummyConnection@" + Integer.toHexString(System.identityHashCode(proxy));
                    default -> null;
                });
    }

    public static DataSource dataSource() {
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return connection();
            }

            @Override
            public Connection getConnection(String user, String password) {
                return connection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) {
                return null;
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
