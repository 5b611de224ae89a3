package io.sluice.core.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteReaderTest {
    @Test
    void readsLittleAndBigEndian() {
        byte[] b = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
        assertEquals(0x0201, new ByteReader(b).u16le());
        assertEquals(0x030201, new ByteReader(b).u24le());
        assertEquals(0x04030201L, new ByteReader(b).u32le());
        assertEquals(0x0807060504030201L, new ByteReader(b).i64le());
        assertEquals(0x01020304, new ByteReader(b).i32be());
        assertEquals(0x0102030405060708L, new ByteReader(b).i64be());
        assertEquals(0x0102, new ByteReader(b).u16be());
        assertEquals(0x030201L, new ByteReader(b).uNle(3));
    }

    @Test
    void unsignedHighBytes() {
        byte[] b = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertEquals(0xffffffffL, new ByteReader(b).u32le());
        assertEquals(-1, new ByteReader(b).i32be());
    }

    @Test
    void underflowIsProtocolError() {
        ByteReader r = new ByteReader(new byte[] {1, 2, 3});
        assertThrows(ProtocolException.class, r::u32le);
        assertEquals(3, r.remaining(), "a failed read consumes nothing");
        assertThrows(ProtocolException.class, () -> r.bytes(Integer.MAX_VALUE + 10L));
        assertThrows(ProtocolException.class, () -> r.bytes(-1));
        assertThrows(ProtocolException.class, () -> r.skip(4));
    }

    @Test
    void cStrings() {
        byte[] b = "abc\0de".getBytes(StandardCharsets.UTF_8);
        ByteReader r = new ByteReader(b);
        assertEquals("abc", r.cString());
        assertThrows(ProtocolException.class, r::cString);
        assertEquals("de", r.cStringOrRest(StandardCharsets.UTF_8));
    }

    @Test
    void sliceBounds() {
        byte[] b = {9, 8, 7, 6};
        ByteReader r = new ByteReader(b, 1, 2);
        assertArrayEquals(new byte[] {8, 7}, r.rest());
        assertThrows(IllegalArgumentException.class, () -> new ByteReader(b, 3, 2));
    }

    @Test
    void writerRoundTrip() {
        ByteWriter w = new ByteWriter(1);
        int at = w.skip(3);
        w.u8(0xab).u16le(0x1234).u32le(0xdeadbeefL).i64le(-2).i32be(7).cString("hé", StandardCharsets.UTF_8);
        w.putU24le(at, w.size());
        ByteReader r = new ByteReader(w.toByteArray());
        assertEquals(w.size(), r.u24le());
        assertEquals(0xab, r.u8());
        assertEquals(0x1234, r.u16le());
        assertEquals(0xdeadbeefL, r.u32le());
        assertEquals(-2, r.i64le());
        assertEquals(7, r.i32be());
        assertEquals("hé", r.cString());
        assertEquals(0, r.remaining());
    }
}
