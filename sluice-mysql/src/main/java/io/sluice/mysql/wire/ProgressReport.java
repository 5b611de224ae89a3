package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import java.nio.charset.StandardCharsets;

/**
 * A MariaDB progress report: an ERR-shaped packet with error code 0xFFFF that the server interleaves
 * with a long command's response when the client asked for MARIADB_CLIENT_PROGRESS
 * (mariadb.com/kb/en/err_packet/, mariadb.com/kb/en/progress-reporting/). Sluice does not request
 * it, but a session must still recognise it and keep reading instead of failing the command.
 *
 * <p>Layout after {@code FF FF FF}: the server writes a one-byte "number of strings" (always 1) that
 * the KB page omits, then {@code int<1> stage, int<1> max_stage, int<3> progress (per mille * 1000),
 * string<lenenc> progress_info}.
 *
 * @param progress progress within the stage, in thousandths of a percent (0..100000)
 */
public record ProgressReport(int stage, int maxStage, int progress, String info) {

    public static ProgressReport decode(byte[] payload) {
        if (!ErrPacket.isProgressReport(payload)) {
            throw new ProtocolException("not a progress report packet");
        }
        ByteReader r = new ByteReader(payload);
        r.skip(3);
        r.skip(1); // number of strings
        int stage = r.u8();
        int maxStage = r.u8();
        int progress = r.u24le();
        String info = r.hasRemaining() ? Lenenc.readString(r, StandardCharsets.UTF_8) : "";
        return new ProgressReport(stage, maxStage, progress, info);
    }
}
