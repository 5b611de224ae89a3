package io.sluice.bench.target;

import io.sluice.bench.Db;
import io.sluice.bench.Query;
import io.sluice.bench.RowGen;
import io.sluice.bench.RowSink;
import io.sluice.bench.Servers;
import io.sluice.bench.Sql;
import io.sluice.bench.Target;
import io.sluice.bench.Versions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collector;

/**
 * The Vert.x reactive SQL client, as its documentation advises for throughput: the pipelined
 * pooled client ({@code PgBuilder.client()} / {@code MySQLBuilder.client()}, requests pipelined on
 * each connection), prepared-statement cache on, connections spread over the event loops, native
 * transport. Callers block on the returned futures from virtual threads, the same concurrency
 * every other target sees.
 */
public final class VertxTarget implements Target {
    static final int PIPELINING = 256;
    static final int BATCH_ROWS = 10_000;

    private final Db db;
    private final Servers.Server server;
    private Vertx vertx;
    private SqlClient client;
    private String insert;
    private String fetch;

    public VertxTarget(Db db, Servers.Server server) {
        this.db = db;
        this.server = server;
    }

    @Override
    public String name() {
        return db == Db.MYSQL ? "vertx-mysql" : "vertx-pg";
    }

    @Override
    public Db db() {
        return db;
    }

    @Override
    public String version() {
        return (db == Db.MYSQL ? "vertx-mysql-client " + Versions.of("io.vertx", "vertx-mysql-client")
                : "vertx-pg-client " + Versions.of("io.vertx", "vertx-pg-client"));
    }

    @Override
    public String settings() {
        return "pipelined client (" + (db == Db.MYSQL ? "MySQLBuilder" : "PgBuilder") + ".client()), maxSize=N, "
                + "eventLoopSize=" + cores() + ", pipeliningLimit=" + PIPELINING
                + ", cachePreparedStatements=true, preparedStatementCacheMaxSize=256, preferNativeTransport=true";
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void setup(int connections) {
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        PoolOptions po = new PoolOptions().setMaxSize(connections).setEventLoopSize(cores());
        if (db == Db.MYSQL) {
            client = MySQLBuilder.client().with(po).connectingTo(mysqlOptions()).using(vertx).build();
            insert = Sql.INSERT;
            fetch = Sql.FETCH;
        } else {
            client = PgBuilder.client().with(po).connectingTo(pgOptions()).using(vertx).build();
            insert = Sql.dollar(Sql.INSERT);
            fetch = Sql.dollar(Sql.FETCH);
        }
        // open the connections now: as many concurrent queries as connections
        List<Future<?>> warm = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            warm.add(client.query("select 1").execute());
        }
        warm.forEach(VertxTarget::await);
    }

    private MySQLConnectOptions mysqlOptions() {
        return new MySQLConnectOptions().setHost(server.host()).setPort(server.port()).setUser(server.user())
                .setPassword(server.password()).setDatabase(Servers.DATABASE).setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(256).setPipeliningLimit(PIPELINING);
    }

    private PgConnectOptions pgOptions() {
        return new PgConnectOptions().setHost(server.host()).setPort(server.port()).setUser(server.user())
                .setPassword(server.password()).setDatabase(Servers.DATABASE).setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(256).setPipeliningLimit(PIPELINING);
    }

    static <T> T await(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().join();
    }

    @Override
    public Object pointSelect(Query q, int id) {
        RowSet<Row> rs = await(client.preparedQuery(db == Db.MYSQL ? q.sql() : q.dollar()).execute(Tuple.of(id)));
        return rs.iterator().next().getValue(0);
    }

    @Override
    public List<String> bulkMethods() {
        return List.of("preparedQuery.executeBatch, 10k tuples per batch, one transaction");
    }

    /**
     * executeBatch in one transaction: the pipelined client has no transactions, so a one-connection
     * {@code Pool} is opened for it ({@code withTransaction}).
     */
    @Override
    public long bulkInsert(String method, int rows, long deadlineNanos) {
        Pool pool = db == Db.MYSQL
                ? MySQLBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(mysqlOptions()).using(vertx).build()
                : PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(pgOptions()).using(vertx).build();
        try {
            return await(pool.withTransaction(conn -> {
                java.util.concurrent.CompletableFuture<Long> done = new java.util.concurrent.CompletableFuture<>();
                // run the chunks on a virtual thread: blocking an event loop would deadlock
                Thread.ofVirtual().start(() -> {
                    try {
                        done.complete(chunks(conn, rows, deadlineNanos));
                    } catch (Throwable e) {
                        done.completeExceptionally(e);
                    }
                });
                return Future.fromCompletionStage(done);
            }));
        } finally {
            await(pool.close());
        }
    }

    private long chunks(SqlClient conn, int rows, long deadlineNanos) {
        long done = 0;
        for (int from = 0; from < rows; from += BATCH_ROWS) {
            int to = Math.min(rows, from + BATCH_ROWS);
            List<Tuple> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(Tuple.of(RowGen.id(i), RowGen.a(i), RowGen.b(i), RowGen.c(i), RowGen.d(i), RowGen.e(i)));
            }
            await(conn.preparedQuery(insert).executeBatch(batch));
            done = to;
            if (System.nanoTime() > deadlineNanos) {
                break;
            }
        }
        return done;
    }

    @Override
    public void fetchAll(int maxId, RowSink sink) {
        // A Collector consumes rows as they are decoded, so the result is never materialised.
        Collector<Row, RowSink, RowSink> c = Collector.of(() -> sink, (s, r) -> s.row(r.getLong(0), r.getInteger(1),
                r.getLong(2), r.getString(3), r.getDouble(4), r.getLocalDateTime(5)), (a, b) -> a);
        await(client.preparedQuery(fetch).collecting(c).execute(Tuple.of(maxId)));
    }

    @Override
    public String fetchSettings() {
        return "preparedQuery(...).collecting(Collector) (rows consumed as decoded, no RowSet)";
    }

    @Override
    public void close() {
        if (client != null) {
            await(client.close());
        }
        if (vertx != null) {
            await(vertx.close());
        }
    }
}
