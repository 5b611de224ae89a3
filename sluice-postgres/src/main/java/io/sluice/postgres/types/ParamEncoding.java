package io.sluice.postgres.types;

/**
 * What {@link CodecRegistry#encode} wrote for one parameter: the type OID the bytes are meant for
 * (the server's when it gave one) and the format to declare for the parameter in Bind.
 */
public record ParamEncoding(int oid, PgFormat format) {
    public ParamEncoding {
        if (format == null) {
            throw new IllegalArgumentException("format is required");
        }
    }

    /** The Bind format code: 0 text, 1 binary. */
    public int formatCode() {
        return format.code();
    }
}
