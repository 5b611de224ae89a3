package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session_state_info of an OK packet (sent with SERVER_SESSION_STATE_CHANGED under
 * CLIENT_SESSION_TRACK): a sequence of {@code int<1> type, string<lenenc> data} entries. Only
 * SESSION_TRACK_SYSTEM_VARIABLES (type 0) is read here, whose data is {@code string<lenenc> name,
 * string<lenenc> value} pairs: the server reports the variables named in
 * {@code session_track_system_variables} (by default character_set_client / _connection / _results,
 * time_zone and autocommit) whenever a statement changes them, which is how a driver learns of a
 * caller's {@code SET NAMES} or {@code SET time_zone}. Other entry types (schema, state change,
 * GTIDs, transaction state) are skipped by their length.
 */
public final class SessionStateInfo {
    /** SESSION_TRACK_SYSTEM_VARIABLES. */
    static final int SYSTEM_VARIABLES = 0;

    private SessionStateInfo() {
    }

    /**
     * The system variables reported in {@code info}, by lower-cased name, in order (a later value
     * for the same name wins). Empty when there are none.
     *
     * @throws ProtocolException when a length runs past the data
     */
    public static Map<String, String> systemVariables(byte[] info) {
        Map<String, String> vars = new LinkedHashMap<>();
        ByteReader r = new ByteReader(info);
        while (r.hasRemaining()) {
            int type = r.u8();
            byte[] data = Lenenc.readBytes(r);
            if (type != SYSTEM_VARIABLES) {
                continue;
            }
            ByteReader d = new ByteReader(data);
            while (d.hasRemaining()) {
                String name = Lenenc.readString(d, StandardCharsets.UTF_8);
                String value = Lenenc.readString(d, StandardCharsets.UTF_8);
                vars.put(name.toLowerCase(java.util.Locale.ROOT), value);
            }
        }
        return vars;
    }
}
