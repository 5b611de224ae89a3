package io.sluice.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Encoders against hand-written bytes (protocol-message-formats). Expected values are spelled out
 * field by field: type byte, int32 length (counting itself), body; ASCII noted alongside.
 */
class FrontendTest {

    private static String encode(Consumer<ByteWriter> c) {
        ByteWriter w = new ByteWriter();
        c.accept(w);
        return HexFormat.of().formatHex(w.toByteArray());
    }

    private static void assertBytes(String expected, Consumer<ByteWriter> c) {
        assertEquals(expected.replace(" ", ""), encode(c));
    }

    @Test
    void startup() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("user", "postgres");
        p.put("database", "test");
        // len 37 | 3.0 | "user\0" "postgres\0" "database\0" "test\0" | "\0"
        assertBytes("00000025 00030000 7573657200 706f73746772657300 646174616261736500 7465737400 00",
                w -> Frontend.startup(w, p));
    }

    @Test
    void startupRefusesBadParameters() {
        assertThrows(UsageException.class, () -> Frontend.startup(new ByteWriter(), Map.of("database", "x")));
        assertThrows(UsageException.class, () -> Frontend.startup(new ByteWriter(), Map.of("user", "a\0b")));
        assertThrows(UsageException.class, () -> Frontend.startup(new ByteWriter(), Map.of("user", "u", "", "x")));
    }

    @Test
    void sslAndCancelRequests() {
        assertBytes("00000008 04d2162f", Frontend::sslRequest);
        assertBytes("00000010 04d2162e 000024d5 5f59f3cb", w -> Frontend.cancelRequest(w, 0x24d5, 0x5f59f3cb));
    }

    @Test
    void passwordMessages() {
        assertBytes("70 0000000b 73656372657400", w -> Frontend.password(w, "secret"));
        assertBytes("70 0000000b 73656372657400", w -> Frontend.password(w, new byte[] {'s', 'e', 'c', 'r', 'e', 't'}));
        // "SCRAM-SHA-256\0", int32 11, "n,,n=,r=abc"
        assertBytes("70 00000021 5343 52414d2d5348412d32353600 0000000b 6e2c2c6e3d2c723d616263",
                w -> Frontend.saslInitialResponse(w, "SCRAM-SHA-256", "n,,n=,r=abc".getBytes()));
        assertBytes("70 00000016 5343 52414d2d5348412d32353600 ffffffff",
                w -> Frontend.saslInitialResponse(w, "SCRAM-SHA-256", null));
        assertBytes("70 0000000a 633d62697773", w -> Frontend.saslResponse(w, "c=biws".getBytes()));
        assertThrows(UsageException.class, () -> Frontend.password(new ByteWriter(), new byte[] {'a', 0}));
    }

    @Test
    void simpleQuery() {
        assertBytes("51 0000000d 73656c6563742031 00", w -> Frontend.query(w, "select 1")); // "select 1"
        assertBytes("51 00000005 00", w -> Frontend.query(w, ""));
    }

    @Test
    void parse() {
        // "s1\0" "select $1\0" int16 1 int32 23
        assertBytes("50 00000017 733100 73656c656374202431 00 0001 00000017",
                w -> Frontend.parse(w, "s1", "select $1", new int[] {23}));
        assertBytes("50 00000010 00 73656c6563742031 00 0000", w -> Frontend.parse(w, "", "select 1", null));
    }

    @Test
    void bindWithArrays() {
        // portal "" | statement "s1" | 1 format: binary | 2 values: int4 42, NULL | 1 result format: binary
        String expected = "42 0000001e 00 733100 0001 0001 0002 00000004 0000002a ffffffff 0001 0001";
        assertBytes(expected, w -> Frontend.bind(w, "", "s1", new short[] {1},
                new byte[][] {{0, 0, 0, 42}, null}, new short[] {1}));
        // the same message written in place through BindWriter
        assertBytes(expected, w -> {
            BindWriter b = Frontend.beginBind(w, "", "s1", new short[] {1}, 2);
            b.beginValue().i32be(42);
            b.endValue();
            b.nullValue();
            b.finish(new short[] {1});
        });
        // no parameters, all defaults: "p1\0" "\0" 0 formats, 0 values, 0 result formats
        assertBytes("42 0000000e 703100 00 0000 0000 0000", w -> Frontend.bind(w, "p1", "", null, null, null));
        // an empty (not NULL) value has length 0
        assertBytes("42 00000010 00 00 0000 0001 00000000 0000",
                w -> Frontend.bind(w, "", "", null, new byte[][] {{}}, null));
    }

    @Test
    void bindWriterRefusesMiscounts() {
        ByteWriter w = new ByteWriter();
        BindWriter b = Frontend.beginBind(w, "", "", null, 1);
        assertThrows(UsageException.class, () -> b.finish(null)); // 0 of 1 written
        b.value(new byte[] {1});
        assertThrows(UsageException.class, b::beginValue); // 2 of 1
        assertThrows(UsageException.class, b::endValue);
        b.finish(null);
        assertThrows(UsageException.class, () -> b.finish(null));
        BindWriter c = Frontend.beginBind(new ByteWriter(), "", "", null, 2);
        c.beginValue();
        assertThrows(UsageException.class, c::beginValue);
        assertThrows(UsageException.class, () -> Frontend.beginBind(new ByteWriter(), "", "", new short[] {0, 1}, 3));
        assertThrows(UsageException.class, () -> Frontend.beginBind(new ByteWriter(), "", "", new short[] {2}, 1));
        assertThrows(UsageException.class, () -> Frontend.bind(new ByteWriter(), "", "", null, null, new short[] {3}));
        assertThrows(UsageException.class, () -> Frontend.beginBind(new ByteWriter(), "", "", null, 65536));
    }

    @Test
    void describeExecuteCloseSyncFlush() {
        assertBytes("44 00000008 53 733100", w -> Frontend.describeStatement(w, "s1"));
        assertBytes("44 00000006 50 00", w -> Frontend.describePortal(w, ""));
        assertBytes("45 00000009 00 00000000", w -> Frontend.execute(w, "", 0));
        assertBytes("45 0000000b 703100 000003e8", w -> Frontend.execute(w, "p1", 1000));
        assertBytes("53 00000004", Frontend::sync);
        assertBytes("48 00000004", Frontend::flush);
        assertBytes("43 00000008 53 733100", w -> Frontend.closeStatement(w, "s1"));
        assertBytes("43 00000007 50 7000", w -> Frontend.closePortal(w, "p"));
        assertBytes("58 00000004", Frontend::terminate);
        assertThrows(UsageException.class, () -> Frontend.execute(new ByteWriter(), "", -1));
    }

    @Test
    void copyMessages() {
        byte[] data = "xxabc\nyy".getBytes();
        assertBytes("64 00000008 6162630a", w -> Frontend.copyData(w, data, 2, 4));
        assertBytes("63 00000004", Frontend::copyDone);
        assertBytes("66 00000009 6f6f707300", w -> Frontend.copyFail(w, "oops"));
        assertThrows(UsageException.class, () -> Frontend.copyData(new ByteWriter(), data, 5, 4));
    }

    @Test
    void pipelinedMessagesAppend() {
        assertBytes("53 00000004 48 00000004", w -> {
            Frontend.sync(w);
            Frontend.flush(w);
        });
    }

    @Test
    void utf8Strings() {
        // "é" is c3 a9 in UTF-8: length counts bytes, not chars
        assertBytes("51 00000007 c3a9 00", w -> Frontend.query(w, "é"));
    }

    @Test
    void nulInsideStringsIsRefusedBeforeWriting() {
        ByteWriter w = new ByteWriter();
        assertThrows(UsageException.class, () -> Frontend.query(w, "select 1\0; drop table t"));
        assertThrows(UsageException.class, () -> Frontend.parse(w, "s\0", "select 1", null));
        assertThrows(UsageException.class, () -> Frontend.parse(w, "s", "select\0 1", null));
        assertThrows(UsageException.class, () -> Frontend.bind(w, "p\0", "", null, null, null));
        assertThrows(UsageException.class, () -> Frontend.describeStatement(w, "a\0"));
        assertThrows(UsageException.class, () -> Frontend.closePortal(w, "a\0"));
        assertThrows(UsageException.class, () -> Frontend.execute(w, "a\0", 0));
        assertThrows(UsageException.class, () -> Frontend.copyFail(w, "a\0"));
        assertThrows(UsageException.class, () -> Frontend.password(w, "pw\0"));
        assertThrows(UsageException.class, () -> Frontend.saslInitialResponse(w, "SCRAM\0", null));
        assertThrows(UsageException.class, () -> Frontend.query(w, null));
        assertEquals(0, w.size());
    }
}
