package io.sluice.bench.target;

import io.sluice.bench.Db;
import io.sluice.bench.Query;
import io.sluice.bench.RowGen;
import io.sluice.bench.RowSink;
import io.sluice.bench.Servers;
import io.sluice.bench.Sql;
import io.sluice.bench.Target;
import io.sluice.bench.Versions;
import io.sluice.core.engine.Engine;
import io.sluice.core.result.Row;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Sluice through its public face, the {@link Engine}: {@code execute} with {@code ?} parameters
 * (prepared once per connection and cached), {@code executeMany} for bulk (multi-row INSERT
 * rewriting or MariaDB's bulk execute, binary COPY FROM STDIN on PostgreSQL) and {@code stream} for the fetch.
 */
public final class SluiceTarget implements Target {
    /**
     * Up to this many autocommit statements share a connection, pipelined (the documented setting
     * for many concurrent short statements; Vert.x runs with a pipelining limit of 256). Callers pack
     * depth / 2 onto a connection before an idle one is used, so 64 puts the 32-thread cell on one
     * connection and the 256-thread cell on all 8. Measured against 32 (two connections at 32
     * threads): MariaDB 32vt ~60k -> ~66-70k/s with p99 4.3 -> ~1 ms, 256vt ~65k -> ~65-72k;
     * PostgreSQL 32vt ~88k -> ~91-97k, 256vt ~105k -> ~106-113k.
     */
    static final int PIPELINE_DEPTH = 64;

    private final Db db;
    private final Servers.Server server;
    private Engine engine;

    public SluiceTarget(Db db, Servers.Server server) {
        this.db = db;
        this.server = server;
    }

    @Override
    public String name() {
        return "sluice";
    }

    @Override
    public Db db() {
        return db;
    }

    @Override
    public String version() {
        return "sluice " + Versions.of("io.sluice", "sluice-core");
    }

    @Override
    public String settings() {
        return "Engine(poolSize=N, maxOverflow=0, minIdle=N, pipelineDepth=" + PIPELINE_DEPTH
                + "); driver defaults: per-connection prepared-statement cache, binary results,"
                + " automatic pipelining (autocommit statements share connections)";
    }

    @Override
    public void setup(int connections) {
        String url = server.url(db == Db.MYSQL ? "mysql" : "postgresql")
                + "?poolSize=" + connections + "&maxOverflow=0&minIdle=" + connections
                + "&pipelineDepth=" + PIPELINE_DEPTH;
        engine = Engine.create(url);
        // open every connection now, as the peers' pools do, so no cell pays for connecting
        List<io.sluice.core.engine.Connection> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                held.add(engine.connect());
            }
        } finally {
            held.forEach(io.sluice.core.engine.Connection::close);
        }
    }

    @Override
    public Object pointSelect(Query q, int id) {
        return engine.execute(q.sql(), id).rows().get(0).get(0);
    }

    @Override
    public List<String> bulkMethods() {
        return List.of(db == Db.MYSQL ? "executeMany (MariaDB bulk execute; multi-row INSERT on MySQL), one transaction"
                : "executeMany (binary COPY), one transaction");
    }

    @Override
    public long bulkInsert(String method, int rows, long deadlineNanos) {
        // one transaction, as for every target (a commit per statement would measure fsyncs)
        return engine.inTransaction(tx -> tx.executeMany(Sql.INSERT, RowGen.lazyList(rows), n -> { }));
    }

    @Override
    public void fetchAll(int maxId, RowSink sink) {
        engine.stream(Sql.FETCH, new Object[] {maxId}, s -> {
            s.forEach(r -> consume(r, sink));
            return null;
        });
    }

    private static void consume(Row r, RowSink sink) {
        sink.row(r.getLong(0), r.getInt(1), r.getLong(2), r.getString(3), r.getDouble(4), r.get(5, LocalDateTime.class));
    }

    @Override
    public String fetchSettings() {
        return db == Db.MYSQL ? "Engine.stream (unbuffered binary result)" : "Engine.stream (portal, fetchSize 1000 growing to 8000, next fetch in flight)";
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.dispose();
        }
    }
}
