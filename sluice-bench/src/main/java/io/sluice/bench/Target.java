package io.sluice.bench;

import java.util.List;

/**
 * One client under test (Sluice or a peer) on one server. A target is opened with {@link #setup()}
 * for one workload and closed after it, so no idle pool or event loop of another target runs (and
 * burns CPU) while a cell is measured. Every method may be called from many virtual threads at once
 * except {@link #bulkInsert} and {@link #fetchAll}, which run alone.
 */
public interface Target extends AutoCloseable {

    /** Short name used in tables, e.g. {@code sluice}, {@code mysql-cj+hikari}. */
    String name();

    Db db();

    /** The driver and pool artifacts and versions, e.g. {@code mysql-connector-j 9.7.0, HikariCP 6.3.3}. */
    String version();

    /** How it is configured for speed, for the report. */
    String settings();

    /** Opens the pool ({@code connections} connections, all created up front). */
    void setup(int connections) throws Exception;

    /** Runs {@code q} for one id and returns the selected value (read, so it is decoded). */
    Object pointSelect(Query q, int id) throws Exception;

    /** The bulk-insert methods this driver documents as fast; the fastest one counts. */
    List<String> bulkMethods();

    /**
     * Inserts rows 0..rows-1 of {@link RowGen} into the empty {@code bench_insert} with {@code method};
     * a method that works in chunks or from a stream stops at {@code deadlineNanos}.
     *
     * @return the rows inserted
     */
    long bulkInsert(String method, int rows, long deadlineNanos) throws Exception;

    /** Streams {@link Sql#FETCH} for ids 1..maxId into {@code sink} with bounded memory. */
    void fetchAll(int maxId, RowSink sink) throws Exception;

    /** How the fetch streams (fetch size, cursor...), for the report. */
    String fetchSettings();

    @Override
    void close();
}
