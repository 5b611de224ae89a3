package io.sluice.examples.users;

import io.sluice.core.engine.Engine;
import io.sluice.core.engine.Transaction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SQL of the service, one method per operation, each running inside the caller's transaction.
 * The statements are dialect-neutral SQL text with {@code :name} parameters (Sluice renders them as
 * {@code ?} for MySQL and {@code $n} for PostgreSQL); only the table definition and the way a new id
 * comes back differ.
 */
public final class UserStore {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String table;
    private final boolean postgres;
    private final String columns;

    /**
     * @param table    the table to use (letters, digits, underscore); tests pass their own
     * @param postgres true for PostgreSQL, false for MySQL/MariaDB
     */
    public UserStore(String table, boolean postgres) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must match " + TABLE_NAME + ", was '" + table + "'");
        }
        this.table = table;
        this.postgres = postgres;
        this.columns = "id, email, name, balance, created_at";
    }

    /** For an engine: PostgreSQL or MySQL is read from the URL scheme. */
    public static UserStore forEngine(Engine engine, String table) {
        String scheme = engine.config().driverUrl().scheme();
        return new UserStore(table, scheme.startsWith("postgres"));
    }

    public String table() {
        return table;
    }

    public void createTable(Engine engine) {
        engine.execute(postgres
                ? "create table if not exists " + table + " (id bigint generated always as identity primary key,"
                  + " email varchar(200) not null unique, name varchar(100) not null,"
                  + " balance numeric(12,2) not null default 0, created_at timestamptz not null default now())"
                : "create table if not exists " + table + " (id bigint auto_increment primary key,"
                  + " email varchar(200) not null unique, name varchar(100) not null,"
                  + " balance decimal(12,2) not null default 0,"
                  + " created_at timestamp(6) not null default current_timestamp(6))");
    }

    public void dropTable(Engine engine) {
        engine.execute("drop table if exists " + table);
    }

    /** Inserts and returns the new row; a duplicate email raises IntegrityViolationException. */
    public User create(Transaction tx, String email, String name, BigDecimal balance) {
        Map<String, Object> p = Map.of("email", email, "name", name, "balance", balance);
        long id;
        if (postgres) {
            id = tx.execute("insert into " + table + " (email, name, balance) values (:email, :name, :balance)"
                    + " returning id", p).scalar(Long.class);
        } else {
            id = tx.execute("insert into " + table + " (email, name, balance) values (:email, :name, :balance)", p)
                    .lastInsertId();
        }
        return find(tx, id).orElseThrow();
    }

    public Optional<User> find(Transaction tx, long id) {
        return tx.queryAs(User.class, "select " + columns + " from " + table + " where id = :id", Map.of("id", id))
                .stream().findFirst();
    }

    /** Locks the row until the transaction ends, so a concurrent update waits (SELECT ... FOR UPDATE). */
    public Optional<User> findForUpdate(Transaction tx, long id) {
        return tx.queryAs(User.class, "select " + columns + " from " + table + " where id = :id for update",
                Map.of("id", id)).stream().findFirst();
    }

    public List<User> page(Transaction tx, int limit, long offset) {
        return tx.queryAs(User.class, "select " + columns + " from " + table + " order by id limit :limit offset :offset",
                Map.of("limit", limit, "offset", offset));
    }

    public long count(Transaction tx) {
        return tx.execute("select count(*) from " + table).scalar(Long.class);
    }

    /** Sets the given columns (email, name, balance); the row must exist. */
    public void update(Transaction tx, long id, Map<String, Object> changes) {
        StringBuilder set = new StringBuilder();
        for (String column : changes.keySet()) {
            if (!List.of("email", "name", "balance").contains(column)) {
                throw new IllegalArgumentException("not an updatable column: " + column);
            }
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = :").append(column);
        }
        Map<String, Object> p = new java.util.HashMap<>(changes);
        p.put("id", id);
        tx.execute("update " + table + " set " + set + " where id = :id", p);
    }

    /** True when a row was deleted. */
    public boolean delete(Transaction tx, long id) {
        return tx.execute("delete from " + table + " where id = :id", Map.of("id", id)).affectedRows() > 0;
    }
}
