package io.sluice.mysql.wire;

/**
 * What to do with a DATE / DATETIME / TIMESTAMP value that {@code java.time} cannot represent:
 * {@code '0000-00-00'}, partial zero dates such as {@code '2020-00-15'} (possible unless NO_ZERO_DATE /
 * NO_ZERO_IN_DATE are in sql_mode), and calendar-invalid dates stored under ALLOW_INVALID_DATES.
 */
public enum ZeroDateBehavior {
    /** Throw a {@link io.sluice.core.error.DataException} (SQLSTATE 22007) naming the column. */
    ERROR,
    /** Return {@code null}, as Connector/J's {@code zeroDateTimeBehavior=convertToNull} does. */
    NULL
}
