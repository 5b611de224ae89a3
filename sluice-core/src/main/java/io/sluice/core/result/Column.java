package io.sluice.core.result;

/**
 * Metadata of one result column, dialect-neutral.
 *
 * @param name      the column label as the query named it ({@code AS} alias or column name)
 * @param table     the table alias it came from, empty for expressions
 * @param typeName  the server's type name, e.g. {@code BIGINT UNSIGNED}, {@code int4}
 * @param javaType  the Java class values of this column decode to ({@code Object.class} when varying)
 * @param nullable  false only when the server guarantees NOT NULL
 * @param precision display length / precision as reported by the server
 * @param scale     decimals / scale as reported by the server
 */
public record Column(String name, String table, String typeName, Class<?> javaType, boolean nullable,
                     long precision, int scale) {
}
