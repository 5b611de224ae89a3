package io.sluice.mysql.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Bit values from group__group__cs__capabilities__flags.html and SERVER_STATUS_flags_enum. */
class CapabilityTest {

    @Test
    void bitsMatchTheDocs() {
        assertEquals(1L, Capability.LONG_PASSWORD.bit());
        assertEquals(2L, Capability.FOUND_ROWS.bit());
        assertEquals(8L, Capability.CONNECT_WITH_DB.bit());
        assertEquals(128L, Capability.LOCAL_FILES.bit());
        assertEquals(512L, Capability.PROTOCOL_41.bit());
        assertEquals(2048L, Capability.SSL.bit());
        assertEquals(8192L, Capability.TRANSACTIONS.bit());
        assertEquals(32768L, Capability.SECURE_CONNECTION.bit());
        assertEquals(1L << 16, Capability.MULTI_STATEMENTS.bit());
        assertEquals(1L << 17, Capability.MULTI_RESULTS.bit());
        assertEquals(1L << 18, Capability.PS_MULTI_RESULTS.bit());
        assertEquals(1L << 19, Capability.PLUGIN_AUTH.bit());
        assertEquals(1L << 20, Capability.CONNECT_ATTRS.bit());
        assertEquals(1L << 21, Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA.bit());
        assertEquals(1L << 23, Capability.SESSION_TRACK.bit());
        assertEquals(1L << 24, Capability.DEPRECATE_EOF.bit());
        assertEquals(1L << 31, Capability.REMEMBER_OPTIONS.bit());
    }

    @Test
    void maskAndOfRoundTrip() {
        EnumSet<Capability> set = EnumSet.of(Capability.PROTOCOL_41, Capability.SSL, Capability.DEPRECATE_EOF);
        long m = Capability.mask(set);
        assertEquals(0x1000A00L, m);
        assertEquals(set, Capability.of(m));
        assertEquals(EnumSet.allOf(Capability.class), Capability.of(0xFFFF_FFFFL));
        assertEquals(EnumSet.noneOf(Capability.class), Capability.of(1L << 40), "unknown bits dropped");
        assertTrue(Capability.SSL.in(m));
        assertFalse(Capability.COMPRESS.in(m));
    }

    @Test
    void serverStatusBits() {
        assertEquals(0x0001, ServerStatus.IN_TRANS.bit());
        assertEquals(0x0002, ServerStatus.AUTOCOMMIT.bit());
        assertEquals(0x0008, ServerStatus.MORE_RESULTS_EXISTS.bit());
        assertEquals(0x0200, ServerStatus.NO_BACKSLASH_ESCAPES.bit());
        assertEquals(0x2000, ServerStatus.IN_TRANS_READONLY.bit());
        assertEquals(0x4000, ServerStatus.SESSION_STATE_CHANGED.bit());
        assertTrue(ServerStatus.IN_TRANS.in(0x0003));
        assertFalse(ServerStatus.IN_TRANS.in(0x0002));
        assertEquals(EnumSet.of(ServerStatus.AUTOCOMMIT, ServerStatus.SESSION_STATE_CHANGED), ServerStatus.of(0x4002));
    }
}
