package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import java.nio.charset.StandardCharsets;

/**
 * OK_Packet (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_ok_packet.html):
 *
 * <pre>
 * int&lt;1&gt;      header: 0x00, or 0xFE when it ends a result set under CLIENT_DEPRECATE_EOF
 * int&lt;lenenc&gt; affected_rows
 * int&lt;lenenc&gt; last_insert_id
 * if PROTOCOL_41: int&lt;2&gt; status_flags, int&lt;2&gt; warnings
 * if SESSION_TRACK: string&lt;lenenc&gt; info;
 *                   if status has SESSION_STATE_CHANGED: string&lt;lenenc&gt; session_state_info
 * else: info
 * </pre>
 *
 * The docs call the non-SESSION_TRACK info {@code string<EOF>}, but both MySQL and MariaDB servers
 * actually write it length-prefixed (observed on MariaDB 10.11: {@code 26 "Records: 3 ..."}). It is
 * read as a length-encoded string when the prefix exactly spans the rest, else as the rest.
 *
 * @param affectedRows unsigned 64-bit (negative means above 2^63)
 * @param lastInsertId unsigned 64-bit (negative means above 2^63; BIGINT UNSIGNED keys)
 * @param sessionStateInfo the raw session_state_info bytes (empty when absent); see
 *     page_protocol_basic_ok_packet.html#sect_protocol_basic_ok_packet_sessinfo
 */
public record OkPacket(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info,
        byte[] sessionStateInfo) {

    private static final byte[] NONE = new byte[0];

    /**
     * True for a payload that starts with 0x00 and is long enough (7 bytes) to be a 4.1 OK. Only
     * meaningful where a row cannot appear (a binary row also starts with 0x00).
     */
    public static boolean isOk(byte[] payload) {
        return payload.length >= 7 && payload[0] == 0x00;
    }

    /**
     * True when {@code payload} ends a result set: with DEPRECATE_EOF an OK with header 0xFE (any
     * length below the 16 MiB packet limit; a text row starting 0xFE would be a full packet), else an
     * {@link EofPacket#isEof EOF packet}.
     */
    public static boolean isResultSetTerminator(byte[] payload, boolean deprecateEof) {
        if (payload.length == 0 || (payload[0] & 0xFF) != 0xFE) {
            return false;
        }
        return deprecateEof ? payload.length < 0xFFFFFF : payload.length < 9;
    }

    /**
     * Decodes assuming PROTOCOL_41 and SESSION_TRACK; correct for servers whether or not
     * SESSION_TRACK was negotiated, because session_state_info is only read when the status says so.
     */
    public static OkPacket decode(byte[] payload) {
        return decode(payload, Capability.mask(Capability.PROTOCOL_41, Capability.SESSION_TRACK));
    }

    /**
     * Decodes an OK with header 0x00 or 0xFE.
     *
     * @param capabilities the negotiated capability flags
     */
    public static OkPacket decode(byte[] payload, long capabilities) {
        return decode(payload, payload.length, capabilities);
    }

    /** Decodes the payload {@code buf[0, length)} (a reused read buffer; nothing keeps a reference to it). */
    public static OkPacket decode(byte[] buf, int length, long capabilities) {
        ByteReader r = new ByteReader(buf, 0, length);
        int header = r.u8();
        if (header != 0x00 && header != 0xFE) {
            throw new ProtocolException("OK packet must start with 0x00 or 0xFE, got 0x" + Integer.toHexString(header));
        }
        long affected = Lenenc.readUnsigned(r);
        long insertId = Lenenc.readUnsigned(r);
        int status = 0;
        int warnings = 0;
        if (Capability.PROTOCOL_41.in(capabilities)) {
            status = r.u16le();
            warnings = r.u16le();
        } else if (Capability.TRANSACTIONS.in(capabilities)) {
            status = r.u16le();
        }
        String info = "";
        byte[] state = NONE;
        if (r.hasRemaining()) {
            if (Capability.SESSION_TRACK.in(capabilities) && ServerStatus.SESSION_STATE_CHANGED.in(status)) {
                info = Lenenc.readString(r, StandardCharsets.UTF_8);
                if (r.hasRemaining()) {
                    state = Lenenc.readBytes(r);
                }
            } else {
                info = lenencOrRest(r);
            }
        }
        return new OkPacket(affected, insertId, status, warnings, info, state);
    }

    /**
     * The status flags and warning count of the OK packet in {@code buf[0, length)}, packed as
     * {@code statusFlags | warnings << 16}, without building the packet. For the OK that ends every
     * result set under DEPRECATE_EOF: its info and session-state fields are not used there, and a
     * point query should not pay for a reader and a record to learn two shorts. Checks the header
     * and every length like {@link #decode(byte[], int, long)} up to the warnings.
     */
    public static int statusAndWarnings(byte[] buf, int length, long capabilities) {
        if (length < 1 || length > buf.length) {
            throw new ProtocolException("OK packet of " + length + " bytes");
        }
        int header = buf[0] & 0xFF;
        if (header != 0x00 && header != 0xFE) {
            throw new ProtocolException("OK packet must start with 0x00 or 0xFE, got 0x" + Integer.toHexString(header));
        }
        int pos = skipLenenc(buf, skipLenenc(buf, 1, length), length); // affected_rows, last_insert_id
        int fields = Capability.PROTOCOL_41.in(capabilities) ? 2 : Capability.TRANSACTIONS.in(capabilities) ? 1 : 0;
        if (length - pos < 2 * fields) {
            throw new ProtocolException("truncated message: need " + 2 * fields + " bytes, " + (length - pos) + " left");
        }
        int status = fields > 0 ? (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 : 0;
        int warnings = fields > 1 ? (buf[pos + 2] & 0xFF) | (buf[pos + 3] & 0xFF) << 8 : 0;
        return status | warnings << 16;
    }

    /** The position after the length-encoded integer at {@code pos} (see {@link Lenenc#readUnsigned}). */
    private static int skipLenenc(byte[] buf, int pos, int end) {
        if (pos >= end) {
            throw new ProtocolException("truncated message: need 1 bytes, 0 left");
        }
        int first = buf[pos] & 0xFF;
        int size = first < 0xFB ? 1 : first == 0xFC ? 3 : first == 0xFD ? 4 : first == 0xFE ? 9 : 0;
        if (size == 0) {
            throw new ProtocolException("invalid length-encoded integer prefix 0x" + Integer.toHexString(first));
        }
        if (end - pos < size) {
            throw new ProtocolException("truncated message: need " + size + " bytes, " + (end - pos) + " left");
        }
        return pos + size;
    }

    /** The info field: a length-encoded string when its prefix spans exactly the rest, else the rest. */
    private static String lenencOrRest(ByteReader r) {
        int start = r.position();
        int first = r.peek();
        int prefix = first < 0xFB ? 1 : first == 0xFC ? 3 : first == 0xFD ? 4 : -1;
        if (prefix > 0 && r.remaining() >= prefix) {
            long n = Lenenc.readInt(r);
            if (n == r.remaining()) {
                return r.restString(StandardCharsets.UTF_8);
            }
            r.position(start);
        }
        return r.restString(StandardCharsets.UTF_8);
    }

    public boolean has(ServerStatus flag) {
        return flag.in(statusFlags);
    }

    @Override
    public String toString() {
        return "OkPacket[affectedRows=" + Long.toUnsignedString(affectedRows) + ", lastInsertId="
                + Long.toUnsignedString(lastInsertId) + ", status=0x" + Integer.toHexString(statusFlags) + ", warnings="
                + warnings + ", info=" + info + ", sessionStateInfo=<" + sessionStateInfo.length + " bytes>]";
    }

    /** The affected-row count as an unsigned decimal string. */
    public String affectedRowsUnsigned() {
        return Long.toUnsignedString(affectedRows);
    }
}
