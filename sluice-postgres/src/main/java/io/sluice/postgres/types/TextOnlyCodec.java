package io.sluice.postgres.types;

import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A codec that only speaks the text format. Two uses:
 * <ul>
 *   <li>the fallback for OIDs without a codec (enums, domains over unknown types, extension types):
 *       values decode to the server's text as a {@link String}; strings, characters and enum
 *       constants ({@link Enum#name()}) encode as their text;</li>
 *   <li>a parameter the server will parse itself: e.g. a String bound to a uuid or date parameter
 *       is sent in text format and the server's input function converts it.</li>
 * </ul>
 * {@link #supportsBinary()} is false, so the session asks for text results for such columns.
 * Binary decoding still returns the bytes as UTF-8 text, which is right for enums (their binary
 * form is the label) and harmless otherwise.
 */
final class TextOnlyCodec implements PgCodec {
    private final int oid;
    private final String name;
    private final Function<Object, String> text;

    TextOnlyCodec(int oid, String name, Function<Object, String> text) {
        this.oid = oid;
        this.name = name;
        this.text = text;
    }

    /** The fallback for a type without a registered codec. */
    static TextOnlyCodec fallback(int oid) {
        return new TextOnlyCodec(oid, PgTypes.name(oid), StringCodecs::textOf);
    }

    @Override public int oid() { return oid; }
    @Override public String name() { return name; }
    @Override public Class<?> javaType() { return String.class; }
    @Override public boolean supportsBinary() { return false; }

    @Override
    public Object decodeBinary(byte[] buf, int off, int len) {
        return Bin.utf8(buf, off, len);
    }

    @Override
    public Object decodeText(byte[] buf, int off, int len) {
        return Bin.utf8(buf, off, len);
    }

    @Override
    public boolean canEncode(Object value) {
        try {
            return value != null && text.apply(value) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void encodeBinary(ByteWriter w, Object value) {
        w.string(encodeText(value), StandardCharsets.UTF_8);
    }

    @Override
    public String encodeText(Object value) {
        String s = value == null ? null : text.apply(value);
        if (s == null) {
            throw Bin.cannotEncode(name, value);
        }
        return s;
    }

    @Override
    public String toString() {
        return "TextOnlyCodec[" + name + "]";
    }
}
