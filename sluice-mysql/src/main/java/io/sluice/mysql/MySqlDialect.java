package io.sluice.mysql;

import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.IsolationLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** MySQL/MariaDB SQL for the engine: {@code ?} placeholders, START TRANSACTION with characteristics. */
public final class MySqlDialect implements Dialect {
    public static final MySqlDialect INSTANCE = new MySqlDialect();

    private MySqlDialect() {
    }

    @Override
    public String placeholder(int index) {
        return "?";
    }

    /**
     * SET TRANSACTION (without SESSION) applies to the next transaction only, so nothing leaks into
     * later transactions on the same pooled connection.
     */
    @Override
    public List<String> begin(IsolationLevel isolation, boolean readOnly) {
        List<String> out = new ArrayList<>(2);
        if (isolation != null) {
            out.add("SET TRANSACTION ISOLATION LEVEL " + isolation.sql());
        }
        out.add(readOnly ? "START TRANSACTION READ ONLY" : "START TRANSACTION");
        return out;
    }

    @Override
    public io.sluice.core.sql.Syntax sqlSyntax() {
        return io.sluice.core.sql.Syntax.MYSQL;
    }

    @Override
    public String sleep(double seconds) {
        return "SELECT SLEEP(" + String.format(Locale.ROOT, "%.3f", seconds) + ")";
    }
}
