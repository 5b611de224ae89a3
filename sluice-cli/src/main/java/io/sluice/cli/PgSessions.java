package io.sluice.cli;

import io.sluice.core.result.Result;
import io.sluice.postgres.PgConnection;
import java.util.List;

/**
 * Adapts the PostgreSQL driver (module sluice-postgres) to {@link SqlSession}: each statement runs
 * through the simple query protocol, as psql does.
 */
final class PgSessions {
    private PgSessions() {
    }

    static final SessionFactory FACTORY = url -> {
        PgConnection c = PgConnection.connect(url);
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
