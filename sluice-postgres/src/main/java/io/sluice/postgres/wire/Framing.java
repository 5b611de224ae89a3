package io.sluice.postgres.wire;

import io.sluice.core.error.ProtocolException;

/**
 * The backend message frame (protocol-overview "Messaging Overview"): one type byte, then an int32
 * length that counts itself and the body but not the type byte. The transport reads the 5-byte
 * header, asks {@link #bodyLength} how many body bytes follow (bounded before any allocation), reads
 * them and hands type and body to {@link BackendDecoder#decode}.
 */
public final class Framing {
    /** Type byte plus int32 length. */
    public static final int HEADER_SIZE = 5;

    /** A sensible default bound for {@code maxMessageSize}: 1 GiB, PostgreSQL's own field-size limit. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 30;

    private Framing() {
    }

    /**
     * The body length for a declared frame length.
     *
     * @param declared       the int32 from the header (includes its own 4 bytes)
     * @param maxMessageSize the largest declared length accepted
     * @return {@code declared - 4}
     * @throws ProtocolException when {@code declared < 4} (a lying or desynchronized peer) or above the limit
     */
    public static int bodyLength(int declared, int maxMessageSize) {
        if (declared < 4) {
            throw new ProtocolException("invalid message length " + declared + " (must be >= 4)");
        }
        if (declared > maxMessageSize) {
            throw new ProtocolException("message length " + declared + " exceeds the limit of " + maxMessageSize
                    + " bytes");
        }
        return declared - 4;
    }

    /**
     * The body length from a received header.
     *
     * @param header at least {@link #HEADER_SIZE} bytes from {@code offset}: type byte then big-endian length
     */
    public static int bodyLength(byte[] header, int offset, int maxMessageSize) {
        if (offset < 0 || header.length - offset < HEADER_SIZE) {
            throw new IllegalArgumentException("need " + HEADER_SIZE + " header bytes at " + offset);
        }
        int declared = (header[offset + 1] & 0xff) << 24 | (header[offset + 2] & 0xff) << 16
                | (header[offset + 3] & 0xff) << 8 | (header[offset + 4] & 0xff);
        return bodyLength(declared, maxMessageSize);
    }

    /** A printable name for a type byte, for error messages: {@code 'D' (DataRow)}. */
    public static String describe(byte type) {
        String name = BackendDecoder.nameOf(type);
        char c = (char) (type & 0xff);
        String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : "0x" + Integer.toHexString(type & 0xff);
        return name == null ? shown : shown + " (" + name + ")";
    }
}
