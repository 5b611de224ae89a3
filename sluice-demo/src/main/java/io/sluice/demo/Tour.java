package io.sluice.demo;

import io.sluice.core.engine.Engine;
import io.sluice.core.error.IntegrityViolationException;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.core.spi.ConnectionMeta;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The guided tour, section by section, through the Engine API only: the same statements with
 * {@code :name} parameters on MySQL/MariaDB and PostgreSQL (only the DDL and the sleep function
 * differ, see {@link DemoDialect}). This class holds the shared state and the first four
 * sections; {@link TourLoad} and {@link TourMonitor} hold the rest.
 */
final class Tour {
    /** Pool options the tour sets on the URL: 20 connections so 50 sleeps queue visibly. */
    static final Map<String, String> ENGINE_OPTIONS = Map.of("poolSize", "20", "maxOverflow", "0",
            "poolTimeout", "10s", "slowQueryThreshold", "250ms");
    static final String[] NAMES = {"Ann Archer", "Bo Berg", "Cy Chen", "Di Dorsey", "Ed Evans", "Fay Fox",
        "Gus Grant", "Hal Hart", "Ivy Ito", "Jo Jensen", "Kim Kato", "Lu Lind"};

    final Terminal term;
    final DemoDialect dialect;
    final String url;
    final LogCapture logs;
    final int bulkRows;
    Engine engine;

    Tour(Terminal term, DemoDialect dialect, String url, LogCapture logs, int bulkRows) {
        this.term = term;
        this.dialect = dialect;
        this.url = url;
        this.logs = logs;
        this.bulkRows = bulkRows;
    }

    /** Runs every section; tables are dropped and the engine disposed even when one fails. */
    void run() {
        boolean cleaned = false;
        try {
            engineFromUrl(withOptions(url));
            schema();
            users();
            transfers();
            TourLoad load = new TourLoad(this);
            load.concurrentSleeps();
            load.bulkInsert();
            load.streamBack();
            TourMonitor monitor = new TourMonitor(this);
            monitor.slowQueriesAndStats();
            monitor.healthAndInfo();
            cleaned = true;
            monitor.dispose();
        } finally {
            if (!cleaned && engine != null) {
                TourMonitor.dropQuietly(this);
                engine.dispose();
            }
        }
    }

    // ------------------------------------------------------------------ 1. engine

    private void engineFromUrl(String fullUrl) {
        term.section("Engine and pool from a URL");
        term.code("Engine engine = Engine.create(\"" + Demo.redact(fullUrl) + "\");");
        engine = Engine.create(fullUrl);
        term.kv("target", engine.describe());
        term.kv("pool", "poolSize 20, maxOverflow 0 (at most 20 connections), poolTimeout 10s; "
                + "connections open on first use");
        term.kv("pool status", engine.poolStatus() + "   (nothing opened yet)");
        ConnectionMeta meta = engine.info();
        term.kv("server", meta.product() + " " + meta.serverVersion() + " (connection id " + meta.connectionId()
                + ", user " + meta.user() + ", database " + meta.database() + ")");
        term.kv("pool status", engine.poolStatus() + "   (after engine.info() borrowed one)");
    }

    /** The user's URL with the tour's pool options replacing any of the same name. */
    static String withOptions(String url) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        List<String> params = new ArrayList<>();
        if (q >= 0) {
            for (String p : url.substring(q + 1).split("&")) {
                String key = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                if (!p.isEmpty() && !ENGINE_OPTIONS.containsKey(key)) {
                    params.add(p);
                }
            }
        }
        for (String key : List.of("poolSize", "maxOverflow", "poolTimeout", "slowQueryThreshold")) {
            params.add(key + "=" + ENGINE_OPTIONS.get(key));
        }
        return base + "?" + String.join("&", params);
    }

    // ------------------------------------------------------------------ 2. schema

    private void schema() {
        term.section("Schema");
        List<String> old = new ArrayList<>();
        for (Row r : engine.execute(dialect.existingTables(), Map.of("names", DemoDialect.TABLES)).rows()) {
            old.add(r.getString(0));
        }
        for (String t : DemoDialect.TABLES) { // children first: the order of TABLES
            if (old.stream().anyMatch(t::equalsIgnoreCase)) {
                engine.execute("drop table " + t);
                term.note("dropped " + t + " left over from an earlier run");
            }
        }
        List<String> ddl = dialect.createSchema();
        term.code("engine.execute(\"" + SqlLog.oneLine(ddl.get(0)).substring(0, 60) + "...\");");
        for (int i = ddl.size() - 1; i >= 0; i--) { // parents first
            engine.execute(ddl.get(i));
        }
        for (String t : DemoDialect.TABLES.reversed()) {
            term.ok("created " + t);
        }
    }

    // ------------------------------------------------------------------ 3. users CRUD

    private void users() {
        term.section("Users: create, get, list, update, delete");
        term.code("long id = engine.execute(\"" + dialect.insertUser() + "\",\n"
                + "        Map.of(\"email\", email, \"name\", name, \"age\", age))" + (dialect == DemoDialect.POSTGRES
                ? ".scalar(Long.class);" : ".lastInsertId();"));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            String name = NAMES[i];
            Result r = engine.execute(dialect.insertUser(), Map.of("email", email(name), "name", name,
                    "age", 21 + (i * 7) % 40));
            ids.add(dialect.insertedId(r));
        }
        term.ok("created " + ids.size() + " users, ids " + ids.get(0) + ".." + ids.get(ids.size() - 1));

        long first = ids.get(0);
        term.blank();
        term.code("User u = engine.queryAs(User.class, \"select id, email, full_name, age from sluice_demo_users "
                + "where id = :id\",\n        Map.of(\"id\", id)).get(0);   // full_name fills fullName");
        User u = get(first);
        term.ok("get " + first + ": " + u);

        term.blank();
        String page = "select id, email, full_name, age from sluice_demo_users order by id limit :limit offset :offset";
        term.code("engine.execute(\"" + page + "\",\n        Map.of(\"limit\", 5, \"offset\", 5));   // page 2 of 5 per page");
        long total = engine.execute("select count(*) from sluice_demo_users").scalar(Long.class);
        term.text("page 2 of " + (total + 4) / 5 + " (" + total + " users, 5 per page):");
        term.table(TablePrinter.render(engine.execute(page, Map.of("limit", 5, "offset", 5))));

        term.blank();
        String update = "update sluice_demo_users set full_name = :name, age = age + 1 where id = :id";
        term.code("engine.execute(\"" + update + "\", Map.of(\"name\", \"Ann Archer-Lee\", \"id\", id)).affectedRows();");
        long n = engine.execute(update, Map.of("name", "Ann Archer-Lee", "id", first)).affectedRows();
        term.ok("update: " + n + " row affected; now " + get(first));

        term.blank();
        long last = ids.get(ids.size() - 1);
        term.code("engine.execute(\"delete from sluice_demo_users where id = :id\", Map.of(\"id\", id)).affectedRows();");
        n = engine.execute("delete from sluice_demo_users where id = :id", Map.of("id", last)).affectedRows();
        List<User> gone = engine.queryAs(User.class, "select id, email, full_name, age from sluice_demo_users where id = :id",
                Map.of("id", last));
        term.ok("delete " + last + ": " + n + " row affected; get " + last + " now finds " + gone.size() + " rows");

        term.blank();
        term.text("a second user with an existing email (unique constraint):");
        term.code("try { engine.execute(insert, Map.of(\"email\", \"" + email(NAMES[1]) + "\", ...)); }\n"
                + "catch (IntegrityViolationException e) { e.kind(); e.sqlState(); e.getMessage(); }");
        try {
            engine.execute(dialect.insertUser(), Map.of("email", email(NAMES[1]), "name", "Bo Again", "age", 30));
            term.failed("the duplicate email was accepted");
            throw new IllegalStateException("duplicate email accepted: the unique constraint did not fire");
        } catch (IntegrityViolationException e) {
            term.ok(e.getClass().getSimpleName() + " (kind " + e.kind() + ", SQLSTATE " + e.sqlState() + ")");
            term.kv("message", e.getMessage());
        }
    }

    private User get(long id) {
        return engine.queryAs(User.class, "select id, email, full_name, age from sluice_demo_users where id = :id",
                Map.of("id", id)).get(0);
    }

    static String email(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com";
    }

    // ------------------------------------------------------------------ 4. transfers

    private void transfers() {
        term.section("Money transfer: a transaction with savepoints");
        engine.execute("insert into sluice_demo_accounts (id, owner, balance) values (1, 'alice', 100.00), "
                + "(2, 'bob', 50.00), (3, 'carol', 10.00)");
        showBalances("balances before");
        term.code("""
                engine.inTransaction(tx -> {
                    BigDecimal balance = tx.execute("select balance ... where id = :id for update", ...).scalar(BigDecimal.class);
                    if (balance.compareTo(amount) < 0) throw new InsufficientFunds(...);   // -> ROLLBACK
                    tx.execute("update ... set balance = balance - :amount where id = :id", ...);
                    tx.execute("update ... set balance = balance + :amount where id = :id", ...);
                    tx.inTransaction(sp -> sp.execute("insert into sluice_demo_transfers ...", ...));   // a SAVEPOINT
                    return null;
                });""");

        term.blank();
        term.text("transfer T-1: alice -> bob 30.00 (the transfer record is written inside a savepoint)");
        transfer("T-1", 1, 2, new BigDecimal("30.00"), false);

        term.blank();
        term.text("transfer T-2: bob -> carol 20.00, and the same request recorded twice: the duplicate ref fails");
        term.text("inside its own savepoint, which is rolled back alone; the transfer still commits");
        transfer("T-2", 2, 3, new BigDecimal("20.00"), true);

        term.blank();
        term.text("transfer T-3: carol -> alice 500.00, more than carol has");
        transfer("T-3", 3, 1, new BigDecimal("500.00"), false);

        term.blank();
        showBalances("balances after");
        Object sum = engine.execute("select sum(balance) from sluice_demo_accounts").scalar();
        long recorded = ((Number) engine.execute("select count(*) from sluice_demo_transfers").scalar()).longValue();
        term.ok("total still " + TablePrinter.text(sum) + "; " + recorded + " transfers recorded (T-1, T-2)");
    }

    private void transfer(String ref, int from, int to, BigDecimal amount, boolean duplicateStep) {
        try (SqlLog log = SqlLog.attach(engine)) {
            try {
                engine.inTransaction(tx -> {
                    BigDecimal balance = tx.execute("select balance from sluice_demo_accounts where id = :id for update",
                            Map.of("id", from)).scalar(BigDecimal.class);
                    if (balance.compareTo(amount) < 0) {
                        throw new InsufficientFunds("insufficient funds: account " + from + " has " + balance
                                + ", needs " + amount);
                    }
                    tx.execute("update sluice_demo_accounts set balance = balance - :amount where id = :id",
                            Map.of("amount", amount, "id", from));
                    tx.execute("update sluice_demo_accounts set balance = balance + :amount where id = :id",
                            Map.of("amount", amount, "id", to));
                    Map<String, Object> rec = Map.of("ref", ref, "from", from, "to", to, "amount", amount);
                    String insert = "insert into sluice_demo_transfers (ref, from_id, to_id, amount) "
                            + "values (:ref, :from, :to, :amount)";
                    tx.inTransaction(sp -> sp.execute(insert, rec));
                    if (duplicateStep) {
                        try {
                            tx.inTransaction(sp -> sp.execute(insert, rec));
                        } catch (IntegrityViolationException dup) {
                            // expected: only the savepoint is rolled back; the transaction goes on
                        }
                    }
                    return null;
                });
                term.table(log.lines());
                term.ok(ref + " committed");
            } catch (InsufficientFunds e) {
                term.table(log.lines());
                term.ok(ref + " rolled back: " + e.getMessage());
            }
        }
    }

    private void showBalances(String label) {
        term.text(label + ":");
        term.table(TablePrinter.render(engine.execute("select id, owner, balance from sluice_demo_accounts order by id")));
    }

    /** Thrown inside the transaction lambda; the engine rolls back and rethrows it. */
    static final class InsufficientFunds extends RuntimeException {
        InsufficientFunds(String message) {
            super(message);
        }
    }
}
