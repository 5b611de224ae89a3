package io.sluice.core.spi;

import io.sluice.core.result.Result;
import java.io.InputStream;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One physical connection as the engine and pool use it. Implementations serialize concurrent
 * callers themselves; the engine normally gives a connection to one borrower at a time.
 *
 * <p>SQL handed to {@link #execute} and friends already uses the driver's placeholder syntax
 * ({@link Dialect#placeholder(int)}); the engine's SQL-text layer has translated {@code :name}.
 */
public interface DriverConnection extends AutoCloseable {
    /** SQL text without values (MySQL COM_QUERY / PostgreSQL simple query). */
    List<Result> query(String sql);

    /** SQL with bound values; every result (e.g. of a CALL). */
    List<Result> execute(String sql, List<?> params);

    /** SQL with bound values, rows read as consumed (unbuffered). Close the cursor. */
    RowCursor stream(String sql, List<?> params);

    /**
     * Runs one statement for many parameter rows without a round trip per row (multi-row rewrite,
     * pipelining or COPY, as the driver sees fit). Returns the total affected rows.
     * {@code progress} receives the number of rows done so far after each batch sent.
     */
    long executeBatch(String sql, List<? extends List<?>> rows, LongConsumer progress);

    /** LOAD DATA LOCAL / COPY FROM STDIN with the caller's data, where the dialect supports it. */
    default Result load(String sql, InputStream data) {
        throw new UnsupportedOperationException("bulk load from a stream is not supported by this driver");
    }

    /**
     * True when concurrent callers' statements are pipelined on this connection (each its own
     * request, answered in order, an error confined to its own statement) rather than serialized:
     * the engine may then let several autocommit statements share it (pipelineDepth).
     */
    default boolean pipelinesConcurrentCalls() {
        return false;
    }

    /** A cheap round trip proving the connection works. */
    void ping();

    /** Clears server session state (variables, temporary tables, prepared statements) and re-applies the configured settings. */
    void resetSession();

    /** True when session state was changed since connect / the last reset (SET, USE, temporary tables...). */
    boolean sessionStateChanged();

    /** Stops the statement running on this connection, from another thread; the connection stays usable. */
    void cancel();

    /** Closes the socket at once from any thread; the connection becomes unusable. */
    void abort();

    boolean isUsable();

    /** True while the server reports an open transaction. */
    boolean inTransaction();

    ConnectionMeta meta();

    Dialect dialect();

    /** Graceful close (quit message); never throws. */
    @Override
    void close();
}
