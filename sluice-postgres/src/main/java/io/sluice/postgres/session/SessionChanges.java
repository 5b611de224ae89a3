package io.sluice.postgres.session;

import java.util.Locale;
import java.util.Set;

/**
 * Tracks, from CommandComplete tags, whether statements changed session state, and chooses the
 * cheapest statement that undoes it: {@code RESET ALL} for SET, {@code UNLISTEN *} for LISTEN,
 * {@code DISCARD TEMP} for possibly-temporary tables, {@code DISCARD ALL} for anything else
 * (PREPARE, DECLARE, session-level changes we cannot name). Tags of ordinary DML, queries and
 * transaction control change nothing.
 */
final class SessionChanges {
    private static final Set<String> HARMLESS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "COPY", "FETCH",
            "MOVE", "BEGIN", "START TRANSACTION", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SHOW", "NOTIFY",
            "CALL", "EXPLAIN", "VALUES", "DROP TABLE", "ALTER TABLE", "CREATE INDEX", "DROP INDEX", "TRUNCATE TABLE",
            "CREATE SCHEMA", "DROP SCHEMA", "CREATE FUNCTION", "CREATE PROCEDURE", "DROP FUNCTION", "DROP PROCEDURE",
            "CREATE TYPE", "DROP TYPE", "CREATE VIEW", "DROP VIEW", "CREATE EXTENSION", "GRANT", "REVOKE",
            "CREATE ROLE", "DROP ROLE", "ALTER ROLE", "CREATE DATABASE", "DROP DATABASE", "ANALYZE", "VACUUM",
            "COMMENT", "DO", "LOCK TABLE", "CREATE SEQUENCE", "DROP SEQUENCE", "ALTER SEQUENCE", "PREPARE TRANSACTION",
            "COMMIT PREPARED", "ROLLBACK PREPARED", "");
    private volatile boolean set;
    private volatile boolean listen;
    private volatile boolean temp;
    private volatile boolean other;

    void observe(String tag) {
        if (commonDml(tag)) {
            return; // the per-statement case, decided without building the verb
        }
        String t = verb(tag);
        if (HARMLESS.contains(t)) {
            return;
        }
        switch (t) {
            case "SET", "RESET" -> set = true;
            case "LISTEN", "UNLISTEN" -> listen = true;
            case "CREATE TABLE", "CREATE TABLE AS", "SELECT INTO" -> temp = true;
            default -> other = true;
        }
    }

    /** "SELECT n", "INSERT oid n", "UPDATE n", "DELETE n" exactly as the server writes them (upper case, counts). */
    private static boolean commonDml(String tag) {
        if (tag.length() < 8 || tag.charAt(6) != ' ') {
            return false;
        }
        for (int i = 7; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c != ' ' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return tag.startsWith("SELECT") || tag.startsWith("INSERT") || tag.startsWith("UPDATE")
                || tag.startsWith("DELETE");
    }

    /** The tag without its row counts: "INSERT 0 5" -> "INSERT", "CREATE TABLE" stays. */
    static String verb(String tag) {
        String t = tag.toUpperCase(Locale.ROOT).trim();
        int end = t.length();
        while (end > 0 && (Character.isDigit(t.charAt(end - 1)) || t.charAt(end - 1) == ' ')) {
            end--;
        }
        return t.substring(0, end);
    }

    boolean changed() {
        return set || listen || temp || other;
    }

    String resetStatement() {
        if (other || (set && listen && temp)) {
            return "DISCARD ALL";
        }
        StringBuilder sb = new StringBuilder();
        if (set) {
            sb.append("RESET ALL;");
        }
        if (listen) {
            sb.append("UNLISTEN *;");
        }
        if (temp) {
            sb.append("DISCARD TEMP;");
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    void clear() {
        set = false;
        listen = false;
        temp = false;
        other = false;
    }
}
