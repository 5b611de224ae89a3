package io.sluice.postgres.types;

/** The two PostgreSQL wire formats of a value (protocol "format codes"). */
public enum PgFormat {
    TEXT(0),
    BINARY(1);

    private final int code;

    PgFormat(int code) {
        this.code = code;
    }

    /** The int16 format code written in Bind / read in RowDescription. */
    public int code() {
        return code;
    }
}
