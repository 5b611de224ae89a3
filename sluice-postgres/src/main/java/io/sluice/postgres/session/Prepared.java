package io.sluice.postgres.session;

/**
 * A named server-side prepared statement with what Describe told us: the parameter types (so values
 * are encoded the way the server expects) and the result layout (so rows decode without lookups).
 *
 * @param name          statement name on the server ("" for unnamed)
 * @param paramOids     parameter type OIDs from ParameterDescription
 * @param resultFormats format codes to request in Bind (null when the statement returns no rows)
 * @param layout        decoders for the rows, or null
 */
record Prepared(String sql, String name, int[] paramOids, short[] resultFormats, RowLayout layout) {
}
