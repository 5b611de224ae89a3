package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.HexBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.AccessDeniedException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeV10Test {

    /** Captured from MariaDB 10.11.19 (Debian 12) on 127.0.0.1:3306: the first packet's payload. */
    static final byte[] MARIADB_10_11 = hex("""
            0a
            352e352e352d31302e31312e31392d4d6172696144422d302b6465623132753100
            0a000000
            4b24712e2f423e50 00
            fef7 2d 0200 ff81 15
            000000000000 1d000000
            57473a2d70706175494d277800
            6d7973716c5f6e61746976655f70617373776f726400""");

    /**
     * MySQL 8.0 greeting written by hand from the HandshakeV10 layout: version "8.0.36", connection
     * 13, scramble "12345678" + "abcdefghijkl", capabilities 0xdfffffff, collation 255
     * (utf8mb4_0900_ai_ci), status AUTOCOMMIT, plugin caching_sha2_password.
     */
    static final byte[] MYSQL_8 = hex("""
            0a
            382e302e333600
            0d000000
            3132333435363738 00
            ffff ff 0200 ffdf 15
            00000000000000000000
            6162636465666768696a6b6c00
            63616368696e675f736861325f70617373776f726400""");

    /**
     * A pre-PLUGIN_AUTH 5.5-era greeting (the docs' 5.5.2-m2 example shape): SECURE_CONNECTION but
     * no PLUGIN_AUTH, auth data length byte 0, 13-byte part 2, no plugin name.
     */
    static final byte[] MYSQL_55_NO_PLUGIN = hex("""
            0a
            352e352e322d6d3200
            52000000
            223d4e5029753956 00
            ffff 08 0200 0000 00
            00000000000000000000
            2964405c5c55787a7c21294b00""");

    @Test
    void decodesRealMariaDbGreeting() {
        HandshakeV10 h = HandshakeV10.decode(MARIADB_10_11);
        assertEquals("5.5.5-10.11.19-MariaDB-0+deb12u1", h.serverVersion());
        assertEquals("10.11.19-MariaDB-0+deb12u1", h.displayVersion());
        assertTrue(h.isMariaDb());
        assertEquals(10, h.connectionId());
        assertEquals("K$q./B>PWG:-ppauIM'x", new String(h.seed(), StandardCharsets.US_ASCII));
        assertEquals(20, h.seed().length);
        assertEquals(0x81fff7feL, h.capabilities());
        assertFalse(h.has(Capability.LONG_PASSWORD), "MariaDB clears CLIENT_MYSQL");
        assertFalse(h.has(Capability.SSL));
        assertTrue(h.has(Capability.PROTOCOL_41));
        assertTrue(h.has(Capability.DEPRECATE_EOF));
        assertTrue(h.has(Capability.SESSION_TRACK));
        assertTrue(h.has(Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA));
        assertEquals(0x1d, h.mariaDbExtendedCapabilities());
        assertEquals(45, h.collationId());
        assertEquals(ServerStatus.AUTOCOMMIT.bit(), h.statusFlags());
        assertEquals("mysql_native_password", h.authPluginName());
    }

    @Test
    void decodesMySql8Greeting() {
        HandshakeV10 h = HandshakeV10.decode(MYSQL_8);
        assertEquals("8.0.36", h.serverVersion());
        assertEquals("8.0.36", h.displayVersion());
        assertFalse(h.isMariaDb());
        assertEquals(13, h.connectionId());
        assertArrayEquals("12345678abcdefghijkl".getBytes(StandardCharsets.US_ASCII), h.seed());
        assertEquals(0xdfffffffL, h.capabilities());
        assertEquals(0, h.mariaDbExtendedCapabilities(), "CLIENT_MYSQL set: reserved bytes are not MariaDB caps");
        assertEquals(255, h.collationId());
        assertEquals("caching_sha2_password", h.authPluginName());
        assertTrue(h.capabilitySet().contains(Capability.SSL));
    }

    @Test
    void greetingWithoutPluginNameDefaultsToNativePassword() {
        HandshakeV10 h = HandshakeV10.decode(MYSQL_55_NO_PLUGIN);
        assertEquals("5.5.2-m2", h.serverVersion());
        assertNull(h.authPluginName());
        assertEquals("mysql_native_password", h.authPluginNameOrDefault());
        assertEquals(20, h.seed().length);
        assertArrayEquals(hex("223d4e5029753956 2964405c5c55787a7c21294b"), h.seed());
        assertEquals(0xffffL, h.capabilities());
    }

    @Test
    void preFourOneGreetingEndingAfterLowerCapabilities() {
        byte[] p = hex("0a 332e32332e353800 01000000 6162636465666768 00 2c82");
        HandshakeV10 h = HandshakeV10.decode(p);
        assertEquals("3.23.58", h.serverVersion());
        assertEquals(0x822cL, h.capabilities());
        assertEquals(8, h.seed().length);
        assertNull(h.authPluginName());
    }

    @Test
    void pluginNameWithoutTerminatorIsAccepted() {
        // MySQL 5.5.7-5.5.9 sent the plugin name without its NUL.
        byte[] p = java.util.Arrays.copyOf(MYSQL_8, MYSQL_8.length - 1);
        assertEquals("caching_sha2_password", HandshakeV10.decode(p).authPluginName());
    }

    @Test
    void errInPlaceOfGreetingIsThrownAsMappedError() {
        // Pre-4.1 ERR (no '#'): 1040 "Too many connections".
        byte[] tooMany = hex("ff 1004 546f6f206d616e7920636f6e6e656374696f6e73");
        assertTrue(ErrPacket.isErr(tooMany));
        SluiceException e = assertThrows(SluiceException.class, () -> HandshakeV10.decode(tooMany));
        assertInstanceOf(ConnectionException.class, e);
        assertEquals(1040, e.vendorCode());
        assertTrue(e.getMessage().contains("Too many connections"));

        // 1130 (0x046a) "Host 'x' is not allowed ..." also comes before any capabilities.
        byte[] host = hex("ff 6a04 486f73742027782720697320 6e6f7420616c6c6f776564");
        assertInstanceOf(AccessDeniedException.class,
                assertThrows(SluiceException.class, () -> HandshakeV10.decode(host)));
    }

    @Test
    void otherProtocolVersionsAreRejected() {
        byte[] v9 = MYSQL_8.clone();
        v9[0] = 9;
        ProtocolException e = assertThrows(ProtocolException.class, () -> HandshakeV10.decode(v9));
        assertTrue(e.getMessage().contains("9"));
        HexBytes.assertProtocolError(new byte[0], HandshakeV10::decode);
    }

    @Test
    void everyPrefixAndMutationDecodesOrThrowsProtocolException() {
        HexBytes.assertOnlyProtocolErrors(MARIADB_10_11, HandshakeV10::decode);
        HexBytes.assertOnlyProtocolErrors(MYSQL_8, HandshakeV10::decode);
        HexBytes.assertOnlyProtocolErrors(MYSQL_55_NO_PLUGIN, HandshakeV10::decode);
    }

    @Test
    void toStringCarriesNoSeed() {
        String s = HandshakeV10.decode(MYSQL_8).toString();
        assertFalse(s.contains("12345678"));
    }
}
