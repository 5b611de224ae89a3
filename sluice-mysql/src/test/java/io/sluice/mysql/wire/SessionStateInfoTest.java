package io.sluice.mysql.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** session_state_info entries: system variables read, other entry types skipped, bad lengths refused. */
class SessionStateInfoTest {

    private static byte[] lenenc(byte[] b) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(b.length); // every piece here is shorter than 251 bytes: a one-byte length
        o.writeBytes(b);
        return o.toByteArray();
    }

    private static byte[] str(String s) {
        return lenenc(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] entry(int type, byte[]... parts) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            data.writeBytes(p);
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(type);
        o.writeBytes(lenenc(data.toByteArray()));
        return o.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    @Test
    void systemVariablesAreReadAndOtherEntriesSkipped() {
        byte[] info = concat(
                entry(5, str("________")),                                           // transaction state
                entry(0, str("character_set_client"), str("latin1")),
                entry(1, str("other_schema")),                                       // schema
                entry(0, str("TIME_ZONE"), str("+5:00"), str("autocommit"), str("OFF")), // two pairs in one entry
                entry(2, str("1")),                                                  // state change
                entry(0, str("character_set_client"), str("utf8mb4")));              // a later value wins
        Map<String, String> vars = SessionStateInfo.systemVariables(info);
        assertEquals(Map.of("character_set_client", "utf8mb4", "time_zone", "+5:00", "autocommit", "OFF"), vars);
    }

    @Test
    void nothingToReadIsNoVariables() {
        assertTrue(SessionStateInfo.systemVariables(new byte[0]).isEmpty());
        assertTrue(SessionStateInfo.systemVariables(entry(2, str("1"))).isEmpty());
    }

    @Test
    void aLengthPastTheDataIsAProtocolError() {
        byte[] good = entry(0, str("time_zone"), str("UTC"));
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
        assertThrows(ProtocolException.class, () -> SessionStateInfo.systemVariables(cut));
        // the entry's own length is right, but the pair inside claims more than the entry holds
        byte[] inner = entry(0, new byte[] {9, 't', 'i', 'm', 'e'});
        assertThrows(ProtocolException.class, () -> SessionStateInfo.systemVariables(inner));
    }
}
