package io.sluice.core.sql;

import java.util.List;

/**
 * SQL text with dialect placeholders ({@code ?} or {@code $n}) and the values to bind to them, in
 * placeholder order. Values are never spliced into the text.
 *
 * @param sql    the statement text to send
 * @param values one value per placeholder ({@code ?} dialects) or per distinct {@code $n}; may hold
 *               nulls; unmodifiable
 */
public record BoundSql(String sql, List<Object> values) {
    @Override
    public String toString() {
        // values may be secrets (passwords in an UPDATE): show only how many there are
        return "BoundSql[sql=" + sql + ", values=" + values.size() + "]";
    }
}
