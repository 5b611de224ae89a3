package io.sluice.postgres.types;

import io.sluice.core.wire.ByteWriter;

/**
 * Converts one PostgreSQL type between its wire forms and a Java value.
 *
 * <p>Codecs are resolved once per statement column ({@link CodecRegistry#forOid}) so decoding a row
 * is an array lookup plus one call per field. Implementations are stateless and thread-safe.
 *
 * <p>Contract for decoders: {@code buf[off, off+len)} is exactly one field value (never the SQL
 * NULL, which the caller handles as length -1). Any malformed or truncated input must raise
 * {@link io.sluice.core.error.ProtocolException} naming the type, never another exception type.
 * Binary and text decoding of the same server value must produce equal Java values.
 */
public interface PgCodec {
    /** The type OID this codec handles. */
    int oid();

    /** The type's SQL name, for messages ({@code "int4"}, {@code "_text"}). */
    String name();

    /**
     * The Java class of decoded values (for arrays: the one-dimensional array class; a
     * multi-dimensional value is a nested array of it).
     */
    Class<?> javaType();

    /** Decodes the binary (format code 1) form, as produced by the type's {@code *_send} function. */
    Object decodeBinary(byte[] buf, int off, int len);

    /** Decodes the text (format code 0) form: UTF-8 text as the type's {@code *_out} function prints it. */
    Object decodeText(byte[] buf, int off, int len);

    /** True when {@link #encodeBinary}/{@link #encodeText} accept this (non-null) Java value. */
    boolean canEncode(Object value);

    /**
     * Writes the binary form of {@code value} (just the value bytes; the caller writes the int32
     * length prefix). Throws {@link io.sluice.core.error.UsageException} for a value it cannot encode
     * (wrong class, out of range for the type).
     */
    void encodeBinary(ByteWriter w, Object value);

    /** The text form of {@code value}, as the type's {@code *_in} function accepts it. */
    String encodeText(Object value);

    /**
     * True when this codec handles the binary format (both directions). False for the text fallback
     * used for unknown types: the session must then ask for text results and send text parameters.
     */
    default boolean supportsBinary() {
        return true;
    }
}
