package io.sluice.cli;

/**
 * Lexical rules that decide where one SQL statement ends. They differ in ways that matter for
 * splitting: MySQL treats {@code #} as a comment and backslash as an escape inside quotes and needs
 * a space after {@code --}; PostgreSQL has dollar quoting, nested block comments, {@code #} as an
 * operator, and backslash escapes only in {@code E'...'} strings.
 */
enum Dialect {
    /** MySQL and MariaDB (default {@code sql_mode}: backslash escapes on, ANSI_QUOTES off). */
    MYSQL,
    /** PostgreSQL with {@code standard_conforming_strings = on} (the default since 9.1). */
    POSTGRESQL;

    static Dialect forScheme(String scheme) {
        return switch (scheme) {
            case "postgresql", "postgres" -> POSTGRESQL;
            default -> MYSQL;
        };
    }
}
