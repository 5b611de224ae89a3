package io.sluice.docs;

import io.sluice.core.engine.Engine;
import io.sluice.core.result.Row;
import io.sluice.testkit.TestServers;
import java.util.List;

/**
 * Where the snippets of one database run: a MySQL database or a PostgreSQL schema of their own
 * ({@code sluice_docs_<pid>}), so they cannot collide with other tests or another build using the
 * same server, and so anything a snippet leaves behind can be seen (and is reported as a failure).
 * Dropped with everything in it on close.
 */
final class SnippetTarget implements AutoCloseable {
    private final String db;
    private final String url;
    private final String name;
    private final Engine admin;

    private SnippetTarget(String db, String url, String name, Engine admin) {
        this.db = db;
        this.url = url;
        this.name = name;
        this.admin = admin;
    }

    static SnippetTarget open(String db) {
        String name = "sluice_docs_" + ProcessHandle.current().pid();
        return switch (db) {
            case "mysql" -> {
                String base = TestServers.mariadb().mysqlUrl(); // mysql://user@host:port/database
                Engine admin = Engine.create(base + "?sslMode=disable&poolSize=1");
                admin.execute("drop database if exists " + name);
                admin.execute("create database " + name + " character set utf8mb4");
                yield new SnippetTarget(db, base.substring(0, base.lastIndexOf('/') + 1) + name + "?sslMode=disable",
                        name, admin);
            }
            case "postgresql" -> {
                String base = TestServers.postgres().postgresUrl();
                String sep = base.contains("?") ? "&" : "?";
                Engine admin = Engine.create(base + sep + "sslMode=disable&poolSize=1");
                admin.execute("drop schema if exists " + name + " cascade");
                admin.execute("create schema " + name);
                yield new SnippetTarget(db, base + sep + "sslMode=disable&searchPath=" + name, name, admin);
            }
            default -> throw new IllegalArgumentException(db);
        };
    }

    String db() {
        return db;
    }

    /** The URL handed to snippets; it always has a query part, so {@code url + "&poolSize=2"} works. */
    String url() {
        return url;
    }

    /** Tables in the snippets' database/schema right now. */
    List<String> tables() {
        String sql = db.equals("mysql")
                ? "select table_name from information_schema.tables where table_schema = ? order by 1"
                : "select tablename from pg_tables where schemaname = ? order by 1";
        return admin.execute(sql, name).rows().stream().map((Row r) -> r.getString(0)).toList();
    }

    void drop(List<String> tables) {
        for (String t : tables) {
            admin.execute(db.equals("mysql") ? "drop table if exists " + name + ".`" + t + "`"
                    : "drop table if exists " + name + ".\"" + t + "\" cascade");
        }
    }

    @Override
    public void close() {
        try {
            admin.execute(db.equals("mysql") ? "drop database if exists " + name : "drop schema if exists " + name + " cascade");
        } finally {
            admin.close();
        }
    }
}
