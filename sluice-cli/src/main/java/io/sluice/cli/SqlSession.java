package io.sluice.cli;

import io.sluice.core.result.Result;

import java.util.List;

/**
 * What the CLI needs from a database connection: run one SQL string over the text protocol and
 * hand back every result it produced. Kept this small so each driver can be adapted in a few lines
 * (see {@link MySqlSessions}) and tests can supply fakes.
 */
public interface SqlSession extends AutoCloseable {

    /**
     * Runs {@code sql} and returns its results in server order (one per statement or procedure
     * result). Throws a {@link io.sluice.core.error.SluiceException} subtype on failure.
     */
    List<Result> execute(String sql);

    @Override
    void close();
}
