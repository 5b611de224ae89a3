package io.sluice.core.result;

/** Turns one row into a value; used by {@link Result#map(RowMapper)} and the streaming APIs. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(Row row);
}
