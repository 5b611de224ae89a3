package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.wire.ByteReader;
import java.nio.charset.StandardCharsets;

/**
 * ERR_Packet (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_err_packet.html;
 * mariadb.com/kb/en/err_packet/):
 *
 * <pre>
 * int&lt;1&gt;   0xFF header
 * int&lt;2&gt;   error_code
 * if next byte == '#':  string[1] '#', string[5] sql_state     (4.1 form)
 * string&lt;EOF&gt; error_message
 * </pre>
 *
 * The '#' marker is tested rather than CLIENT_PROTOCOL_41 because servers send the pre-4.1 form
 * (no SQLSTATE) before capabilities are agreed, e.g. "Too many connections" in place of the
 * greeting. Error code 0xFFFF is not an error but a MariaDB progress report
 * ({@link ProgressReport}); {@link #decode} refuses it so it is never mistaken for a failure.
 *
 * @param sqlState the five-character SQLSTATE, or {@code null} for the pre-4.1 form
 */
public record ErrPacket(int errorCode, String sqlState, String message) {
    /** The MariaDB progress-report pseudo error code. */
    static final int PROGRESS_REPORT_CODE = 0xFFFF;

    /** True when the payload starts with the ERR header 0xFF (including progress reports). */
    public static boolean isErr(byte[] payload) {
        return payload.length > 0 && (payload[0] & 0xFF) == 0xFF;
    }

    /** True for a MariaDB progress report: an ERR header with error code 0xFFFF. */
    public static boolean isProgressReport(byte[] payload) {
        return payload.length >= 3 && (payload[0] & 0xFF) == 0xFF && (payload[1] & 0xFF) == 0xFF
                && (payload[2] & 0xFF) == 0xFF;
    }

    public static ErrPacket decode(byte[] payload) {
        ByteReader r = new ByteReader(payload);
        int header = r.u8();
        if (header != 0xFF) {
            throw new ProtocolException("ERR packet must start with 0xFF, got 0x" + Integer.toHexString(header));
        }
        int code = r.u16le();
        if (code == PROGRESS_REPORT_CODE) {
            throw new ProtocolException("packet is a MariaDB progress report, not an error");
        }
        String state = null;
        if (r.hasRemaining() && r.peek() == '#') {
            r.skip(1);
            state = r.string(5, StandardCharsets.US_ASCII);
        }
        // Messages arrive in character_set_results; Sluice always runs utf8mb4. Malformed input is
        // replaced, never thrown.
        String message = r.restString(StandardCharsets.UTF_8);
        return new ErrPacket(code, state, message);
    }

    /** The typed exception for this error (see {@link ErrorMapper}); returned, not thrown. */
    public SluiceException toException() {
        return ErrorMapper.map(errorCode, sqlState, message);
    }
}
