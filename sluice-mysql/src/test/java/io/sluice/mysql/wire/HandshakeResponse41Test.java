package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.HexBytes.hex;
import static io.sluice.mysql.wire.HexBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte-exact encodings written out by hand from page_protocol_connection_phase_packets_protocol_handshake_response.html. */
class HandshakeResponse41Test {
    /** mysql_native_password("sluicepw") for the captured MariaDB seed, computed with Python hashlib. */
    private static final byte[] NATIVE_TOKEN = hex("b8174f3b8ea3062cac565c5f10df2cd40d66d50d");

    private static byte[] encode(HandshakeResponse41 r) {
        ByteWriter w = new ByteWriter(8);
        r.encode(w);
        return w.toByteArray();
    }

    @Test
    void fullResponseWithLenencAuthDatabasePluginAndAttributes() {
        long caps = Capability.mask(Capability.LONG_PASSWORD, Capability.CONNECT_WITH_DB, Capability.PROTOCOL_41,
                Capability.TRANSACTIONS, Capability.SECURE_CONNECTION, Capability.MULTI_RESULTS,
                Capability.PLUGIN_AUTH, Capability.CONNECT_ATTRS, Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA,
                Capability.DEPRECATE_EOF);
        assertEquals(0x013AA209L, caps);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("_client_name", "sluice");
        attrs.put("_os", "linux");
        HandshakeResponse41 r = new HandshakeResponse41(caps, 16 * 1024 * 1024, 45, "sluice", NATIVE_TOKEN, "t",
                "mysql_native_password", attrs);
        String expected = ""
                + "09a23a01" // client_flag 0x013aa209
                + "00000001" // max_packet_size 16 MiB
                + "2d" // collation 45 utf8mb4_general_ci
                + "0000000000000000000000000000000000000000000000" // 23-byte filler
                + "736c7569636500" // "sluice\0"
                + "14" + "b8174f3b8ea3062cac565c5f10df2cd40d66d50d" // lenenc auth response, 20 bytes
                + "7400" // database "t\0"
                + "6d7973716c5f6e61746976655f70617373776f726400" // plugin name
                + "1e" // 30 bytes of attributes
                + "0c5f636c69656e745f6e616d65" + "06736c75696365" // _client_name=sluice
                + "035f6f73" + "056c696e7578"; // _os=linux
        assertEquals(expected, toHex(encode(r)));
    }

    @Test
    void secureConnectionUsesOneByteLengthAndOmitsAbsentFields() {
        long caps = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION);
        HandshakeResponse41 r = new HandshakeResponse41(caps, 0x00FFFFFF, 0xFF, "root", hex("0102"), null, null, null);
        assertEquals("00820000" + "ffffff00" + "ff" + "00".repeat(23) + "726f6f7400" + "02" + "0102", toHex(encode(r)));
    }

    @Test
    void mariaDbExtendedCapabilitiesFillTheLastFourFillerBytes() {
        // CLIENT_MYSQL (bit 0) clear: MariaDB reads int<4> extended capabilities at offset 28
        long caps = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION);
        long ext = MariaDbCapability.CACHE_METADATA.bit() | MariaDbCapability.STMT_BULK_OPERATIONS.bit();
        assertEquals(0x14L, ext, "MARIADB_CLIENT_CACHE_METADATA = 1 << 36, STMT_BULK_OPERATIONS = 1 << 34");
        HandshakeResponse41 r = new HandshakeResponse41(caps, 1024, 45, "u", null, null, null, null, ext);
        assertEquals("00820000" + "00040000" + "2d" + "00".repeat(19) + "14000000" + "7500" + "00", toHex(encode(r)));
        ByteWriter w = new ByteWriter(8);
        new SslRequest(caps | Capability.SSL.bit(), 1024, 45, ext).encode(w);
        assertEquals("008a0000" + "00040000" + "2d" + "00".repeat(19) + "14000000", toHex(w.toByteArray()));
        assertThrows(UsageException.class, () -> new HandshakeResponse41(caps | Capability.LONG_PASSWORD.bit(), 1024, 45,
                "u", null, null, null, null, ext), "a MySQL server (CLIENT_MYSQL) would not read them");
    }

    @Test
    void emptyAuthResponse() {
        long caps = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION, Capability.PLUGIN_AUTH,
                Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA);
        HandshakeResponse41 r = new HandshakeResponse41(caps, 1024, 45, "u", new byte[0], null,
                "caching_sha2_password", Map.of());
        byte[] b = encode(r);
        assertEquals("7500" + "00" + "63616368696e675f736861325f70617373776f726400",
                toHex(java.util.Arrays.copyOfRange(b, 32, b.length)));
    }

    @Test
    void oldStyleNulTerminatedAuthResponse() {
        long caps = Capability.mask(Capability.PROTOCOL_41);
        HandshakeResponse41 r = new HandshakeResponse41(caps, 1024, 8, "u", hex("4142"), null, null, null);
        byte[] b = encode(r);
        assertEquals("7500" + "414200", toHex(java.util.Arrays.copyOfRange(b, 32, b.length)));
        assertThrows(UsageException.class,
                () -> new HandshakeResponse41(caps, 1024, 8, "u", hex("4100"), null, null, null));
    }

    @Test
    void longAuthResponseNeedsLenencCapability() {
        long secure = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION);
        assertThrows(UsageException.class,
                () -> new HandshakeResponse41(secure, 1024, 45, "u", new byte[256], null, null, null));
        long lenenc = secure | Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA.bit();
        byte[] b = encode(new HandshakeResponse41(lenenc, 1024, 45, "u", new byte[256], null, null, null));
        assertEquals("fc0001", toHex(java.util.Arrays.copyOfRange(b, 34, 37)));
        assertEquals(32 + 2 + 3 + 256, b.length);
    }

    @Test
    void flagsAndOptionalFieldsMustAgree() {
        long base = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION);
        assertThrows(UsageException.class, () -> new HandshakeResponse41(base, 1024, 45, "u", null, "db", null, null));
        assertThrows(UsageException.class, () -> new HandshakeResponse41(
                base | Capability.CONNECT_WITH_DB.bit(), 1024, 45, "u", null, null, null, null));
        assertThrows(UsageException.class,
                () -> new HandshakeResponse41(base, 1024, 45, "u", null, null, "mysql_native_password", null));
        assertThrows(UsageException.class, () -> new HandshakeResponse41(
                base | Capability.PLUGIN_AUTH.bit(), 1024, 45, "u", null, null, null, null));
        assertThrows(UsageException.class,
                () -> new HandshakeResponse41(base, 1024, 45, "u", null, null, null, Map.of("a", "b")));
        assertThrows(UsageException.class, () -> new HandshakeResponse41(
                Capability.SECURE_CONNECTION.bit(), 1024, 45, "u", null, null, null, null), "no PROTOCOL_41");
        assertThrows(UsageException.class, () -> new HandshakeResponse41(base, 1024, 45, "a\0b", null, null, null, null));
        assertThrows(UsageException.class, () -> new HandshakeResponse41(base, 1024, 0, "u", null, null, null, null));
        assertThrows(UsageException.class, () -> new HandshakeResponse41(base, 0, 45, "u", null, null, null, null));
    }

    @Test
    void connectAttrsFlagWithNoAttributesWritesZeroLength() {
        long caps = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION, Capability.CONNECT_ATTRS);
        byte[] b = encode(new HandshakeResponse41(caps, 1024, 45, "u", null, null, null, null));
        assertEquals("7500" + "00" + "00", toHex(java.util.Arrays.copyOfRange(b, 32, b.length)));
    }

    @Test
    void toStringHidesTheAuthResponse() {
        long caps = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION);
        String s = new HandshakeResponse41(caps, 1024, 45, "u", "hunter2".getBytes(), null, null, null).toString();
        assertFalse(s.contains("hunter2"));
        assertTrue(s.contains("7 bytes"));
    }

    @Test
    void sslRequestIsTheFirst32Bytes() {
        long caps = Capability.mask(Capability.PROTOCOL_41, Capability.SECURE_CONNECTION, Capability.SSL,
                Capability.PLUGIN_AUTH);
        ByteWriter w = new ByteWriter();
        new SslRequest(caps, 16 * 1024 * 1024, 45).encode(w);
        assertEquals("008a0800" + "00000001" + "2d" + "00".repeat(23), toHex(w.toByteArray()));
        assertEquals(SslRequest.LENGTH, w.size());
        assertThrows(UsageException.class,
                () -> new SslRequest(Capability.mask(Capability.PROTOCOL_41), 1024, 45), "SSL bit required");
    }

    @Test
    void fillerIsZeroEvenInAReusedWriter() {
        ByteWriter w = new ByteWriter(64);
        w.bytes(hex("ff".repeat(64)));
        w.reset();
        long caps = Capability.mask(Capability.PROTOCOL_41, Capability.SSL);
        new SslRequest(caps, 1024, 45).encode(w);
        assertEquals("00".repeat(23), toHex(java.util.Arrays.copyOfRange(w.toByteArray(), 9, 32)));
    }
}
