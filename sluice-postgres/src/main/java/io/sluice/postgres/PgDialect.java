package io.sluice.postgres;

import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.IsolationLevel;
import io.sluice.core.sql.Syntax;
import java.util.List;
import java.util.Locale;

/** PostgreSQL SQL for the engine: {@code $n} placeholders, BEGIN with transaction characteristics. */
public final class PgDialect implements Dialect {
    public static final PgDialect INSTANCE = new PgDialect();

    private PgDialect() {
    }

    @Override
    public String placeholder(int index) {
        return "$" + index;
    }

    @Override
    public List<String> begin(IsolationLevel isolation, boolean readOnly) {
        StringBuilder sb = new StringBuilder("BEGIN");
        if (isolation != null) {
            sb.append(" ISOLATION LEVEL ").append(isolation.sql());
        }
        if (readOnly) {
            sb.append(isolation != null ? "," : "").append(" READ ONLY");
        }
        return List.of(sb.toString());
    }

    @Override
    public Syntax sqlSyntax() {
        return Syntax.POSTGRES;
    }

    @Override
    public String sleep(double seconds) {
        return "SELECT pg_sleep(" + String.format(Locale.ROOT, "%.3f", seconds) + ")";
    }
}
