package io.sluice.bench.target;

import io.asyncer.r2dbc.mysql.MySqlConnectionConfiguration;
import io.asyncer.r2dbc.mysql.MySqlConnectionFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import io.sluice.bench.Db;
import io.sluice.bench.Query;
import io.sluice.bench.RowGen;
import io.sluice.bench.RowSink;
import io.sluice.bench.Servers;
import io.sluice.bench.Sql;
import io.sluice.bench.Target;
import io.sluice.bench.Versions;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * r2dbc-mysql / r2dbc-postgresql behind r2dbc-pool. r2dbc-mysql is switched to server-side
 * prepared statements with its prepare cache; r2dbc-postgresql caches prepared statements by
 * default. Bulk: bound batches ({@code bind().add()}) on MySQL, {@code copyIn} on PostgreSQL.
 * Callers block ({@code block()}) on virtual threads.
 */
public final class R2dbcTarget implements Target {
    static final int BATCH_ROWS = 1_000;

    private final Db db;
    private final Servers.Server server;
    private ConnectionPool pool;

    public R2dbcTarget(Db db, Servers.Server server) {
        this.db = db;
        this.server = server;
    }

    @Override
    public String name() {
        return db == Db.MYSQL ? "r2dbc-mysql+pool" : "r2dbc-pg+pool";
    }

    @Override
    public Db db() {
        return db;
    }

    @Override
    public String version() {
        String driver = db == Db.MYSQL ? "r2dbc-mysql " + Versions.of("io.asyncer", "r2dbc-mysql")
                : "r2dbc-postgresql " + Versions.of("org.postgresql", "r2dbc-postgresql");
        return driver + ", r2dbc-pool " + Versions.of("io.r2dbc", "r2dbc-pool");
    }

    @Override
    public String settings() {
        return "r2dbc-pool(initialSize=N, maxSize=N); " + (db == Db.MYSQL
                ? "useServerPrepareStatement(), prepareCacheSize=256, tcpNoDelay=true"
                : "preparedStatementCacheQueries=256, tcpNoDelay=true, fetchSize=0 (default: no cursor)");
    }

    @Override
    public void setup(int connections) {
        ConnectionFactory f;
        if (db == Db.MYSQL) {
            f = MySqlConnectionFactory.from(MySqlConnectionConfiguration.builder().host(server.host())
                    .port(server.port()).user(server.user()).password(server.password()).database(Servers.DATABASE)
                    .sslMode(io.asyncer.r2dbc.mysql.constant.SslMode.DISABLED)
                    .useServerPrepareStatement().prepareCacheSize(256).tcpNoDelay(true).build());
        } else {
            f = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder().host(server.host())
                    .port(server.port()).username(server.user()).password(server.password())
                    .database(Servers.DATABASE).sslMode(io.r2dbc.postgresql.client.SSLMode.DISABLE)
                    .preparedStatementCacheQueries(256).tcpNoDelay(true).build());
        }
        pool = new ConnectionPool(ConnectionPoolConfiguration.builder(f).initialSize(connections).maxSize(connections)
                .build());
        pool.warmup().block();
    }

    private String sql(String s) {
        return db == Db.MYSQL ? s : Sql.dollar(s);
    }

    @Override
    public Object pointSelect(Query q, int id) {
        String sql = db == Db.MYSQL ? q.sql() : q.dollar();
        return Mono.usingWhen(pool.create(),
                c -> Mono.from(c.createStatement(sql).bind(0, id).execute())
                        .flatMap(r -> Mono.from(r.map((row, md) -> row.get(0)))),
                Connection::close).block();
    }

    @Override
    public List<String> bulkMethods() {
        return List.of(db == Db.MYSQL ? "Statement.bind().add() batches of 1000, one transaction" : "PostgresqlConnection.copyIn");
    }

    @Override
    public long bulkInsert(String method, int rows, long deadlineNanos) {
        Connection c = pool.create().block();
        try {
            return db == Db.MYSQL ? batches(c, rows, deadlineNanos) : copyIn(c, rows, deadlineNanos);
        } finally {
            Mono.from(c.close()).block();
        }
    }

    /** One transaction (as for every target), a bound batch of {@link #BATCH_ROWS} rows per execute. */
    private long batches(Connection c, int rows, long deadlineNanos) {
        long done = 0;
        Mono.from(c.beginTransaction()).block();
        for (int from = 0; from < rows; from += BATCH_ROWS) {
            int to = Math.min(rows, from + BATCH_ROWS);
            Statement st = c.createStatement(Sql.INSERT);
            for (int i = from; i < to; i++) {
                if (i > from) {
                    st.add();
                }
                st.bind(0, RowGen.id(i)).bind(1, RowGen.a(i)).bind(2, RowGen.b(i)).bind(3, RowGen.c(i))
                        .bind(4, RowGen.d(i)).bind(5, RowGen.e(i));
            }
            Flux.from(st.execute()).flatMap(Result::getRowsUpdated).then().block();
            done = to;
            if (System.nanoTime() > deadlineNanos) {
                break;
            }
        }
        Mono.from(c.commitTransaction()).block();
        return done;
    }

    @SuppressWarnings("unchecked")
    private long copyIn(Connection c, int rows, long deadlineNanos) {
        PostgresqlConnection pc = (PostgresqlConnection) ((Wrapped<Connection>) c).unwrap();
        int chunk = 512;
        Flux<ByteBuf> data = Flux.range(0, (rows + chunk - 1) / chunk)
                .takeWhile(k -> k % 32 != 0 || System.nanoTime() < deadlineNanos)
                .map(k -> {
                    StringBuilder sb = new StringBuilder(chunk * 64);
                    for (int i = k * chunk, end = Math.min(rows, i + chunk); i < end; i++) {
                        sb.append(RowGen.tsv(i));
                    }
                    return Unpooled.wrappedBuffer(sb.toString().getBytes(StandardCharsets.UTF_8));
                });
        Long n = pc.copyIn("copy " + Sql.COLUMNS + " from stdin", data).block();
        return n == null ? 0 : n;
    }

    @Override
    public void fetchAll(int maxId, RowSink sink) {
        String sql = sql(Sql.FETCH);
        Flux.usingWhen(pool.create(),
                c -> Flux.from(c.createStatement(sql).bind(0, maxId).execute())
                        .flatMap(r -> r.map((row, md) -> {
                            sink.row(row.get(0, Long.class), row.get(1, Integer.class), row.get(2, Long.class),
                                    row.get(3, String.class), row.get(4, Double.class),
                                    row.get(5, LocalDateTime.class));
                            return Boolean.TRUE;
                        })),
                Connection::close).then().block();
    }

    @Override
    public String fetchSettings() {
        return db == Db.MYSQL ? "Result.map over the streamed (backpressured) result"
                : "Result.map, fetchSize 0 (default: no cursor)";
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.disposeLater().block();
        }
    }
}
