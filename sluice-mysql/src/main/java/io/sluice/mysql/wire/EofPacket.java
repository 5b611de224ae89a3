package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;

/**
 * EOF_Packet (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_eof_packet.html):
 * {@code 0xFE, int<2> warnings, int<2> status_flags} (the last two only with CLIENT_PROTOCOL_41).
 * Ends column definitions and rows when CLIENT_DEPRECATE_EOF is not negotiated.
 *
 * <p>An EOF is told apart from a row or an OK by its length: the docs' rule is "header 0xFE and
 * length &lt; 9" (a text row starting with 0xFE would be an 8-byte length prefix, so at least 9
 * bytes).
 */
public record EofPacket(int warnings, int statusFlags) {

    /** Header 0xFE and payload shorter than 9 bytes. */
    public static boolean isEof(byte[] payload) {
        return payload.length > 0 && payload.length < 9 && (payload[0] & 0xFF) == 0xFE;
    }

    public static EofPacket decode(byte[] payload) {
        return decode(payload, payload.length);
    }

    /** Decodes the payload {@code buf[0, length)} (a reused read buffer). */
    public static EofPacket decode(byte[] buf, int length) {
        if (length <= 0 || length >= 9 || length > buf.length || (buf[0] & 0xFF) != 0xFE) {
            throw new ProtocolException("not an EOF packet (" + length + " bytes)");
        }
        ByteReader r = new ByteReader(buf, 0, length);
        r.skip(1);
        if (!r.hasRemaining()) {
            return new EofPacket(0, 0); // pre-4.1 form
        }
        int warnings = r.u16le();
        int status = r.u16le();
        return new EofPacket(warnings, status);
    }

    public boolean has(ServerStatus flag) {
        return flag.in(statusFlags);
    }
}
