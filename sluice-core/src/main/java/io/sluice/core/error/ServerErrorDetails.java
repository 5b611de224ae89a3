package io.sluice.core.error;

/**
 * The structured fields a server may attach to an error beyond code and message. PostgreSQL sends
 * them in ErrorResponse (protocol "Error and Notice Message Fields"); MySQL has no equivalent, so its
 * exceptions carry none. Every component may be null when the server did not send it.
 *
 * @param severity   non-localized severity (ERROR, FATAL, PANIC), or the localized one when absent
 * @param detail     secondary message with more detail (e.g. "Key (email)=(a@x) already exists.")
 * @param hint       a suggestion what to do about the problem
 * @param position   1-based character offset into the statement text where the error was found
 * @param where      call stack context (PL/pgSQL function, SQL statement inside a function)
 * @param schema     schema of the object involved
 * @param table      table involved
 * @param column     column involved
 * @param dataType   data type involved
 * @param constraint constraint involved
 * @param routine    server source routine that reported the error
 */
public record ServerErrorDetails(
        String severity,
        String detail,
        String hint,
        Integer position,
        String where,
        String schema,
        String table,
        String column,
        String dataType,
        String constraint,
        String routine) {
}
