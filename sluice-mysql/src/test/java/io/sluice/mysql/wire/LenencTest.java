package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.HexBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Vectors from page_protocol_basic_dt_integers.html#sect_protocol_basic_dt_int_le. */
class LenencTest {

    private static long read(String hex) {
        return Lenenc.readInt(new ByteReader(hex(hex)));
    }

    private static byte[] write(long v) {
        ByteWriter w = new ByteWriter();
        Lenenc.writeInt(w, v);
        return w.toByteArray();
    }

    @Test
    void readsEachPrefixForm() {
        assertEquals(0, read("00"));
        assertEquals(250, read("fa"));
        assertEquals(251, read("fc fb00"));
        assertEquals(0xFFFF, read("fc ffff"));
        assertEquals(0x10000, read("fd 000001"));
        assertEquals(0x1000000, read("fe 0000000100000000"));
        assertEquals(Long.MAX_VALUE, read("fe ffffffffffffff7f"));
    }

    @Test
    void writesShortestForm() {
        assertArrayEquals(hex("00"), write(0));
        assertArrayEquals(hex("fa"), write(250));
        assertArrayEquals(hex("fc fb00"), write(251));
        assertArrayEquals(hex("fc ffff"), write(0xFFFF));
        assertArrayEquals(hex("fd 000001"), write(0x10000));
        assertArrayEquals(hex("fd ffffff"), write(0xFFFFFF));
        assertArrayEquals(hex("fe 0000000100000000"), write(0x1000000));
        assertArrayEquals(hex("fe ffffffffffffffff"), write(-1), "unsigned 2^64-1");
        for (long v : new long[] {0, 250, 251, 0xFFFF, 0x10000, 0xFFFFFF, 0x1000000, -1}) {
            assertEquals(write(v).length, Lenenc.sizeOf(v));
        }
    }

    @Test
    void nullMarkerAndInvalidPrefixes() {
        ByteReader r = new ByteReader(hex("fb 05"));
        assertTrue(Lenenc.readNullMarker(r));
        assertFalse(Lenenc.readNullMarker(r));
        assertEquals(5, Lenenc.readInt(r));
        assertThrows(ProtocolException.class, () -> read("fb"));
        assertThrows(ProtocolException.class, () -> read("ff"));
        assertThrows(ProtocolException.class, () -> read("fe ffffffffffffffff"), "above Long range");
        assertEquals(-1, Lenenc.readUnsigned(new ByteReader(hex("fe ffffffffffffffff"))));
        assertThrows(ProtocolException.class, () -> read("fc ff"));
        assertThrows(ProtocolException.class, () -> read("fd 0000"));
        assertThrows(ProtocolException.class, () -> read("fe 00000000000000"));
        assertThrows(ProtocolException.class, () -> read(""));
    }

    @Test
    void lengthsAreBoundedByRemainingBytes() {
        ByteReader r = new ByteReader(hex("03 616263"));
        assertEquals("abc", Lenenc.readString(r, StandardCharsets.UTF_8));
        assertThrows(ProtocolException.class, () -> Lenenc.readBytes(new ByteReader(hex("04 616263"))));
        // a lying 8-byte length of 2^62 must fail before any allocation
        assertThrows(ProtocolException.class,
                () -> Lenenc.readBytes(new ByteReader(hex("fe 0000000000000040 00"))));
        assertThrows(ProtocolException.class, () -> Lenenc.readLength(new ByteReader(hex("fd ffffff"))));
        ByteReader s = new ByteReader(hex("02 6162 01 63"));
        Lenenc.skipString(s);
        assertArrayEquals(hex("63"), Lenenc.readBytes(s));
    }

    @Test
    void stringRoundTrip() {
        ByteWriter w = new ByteWriter();
        Lenenc.writeString(w, "é", StandardCharsets.UTF_8);
        Lenenc.writeBytes(w, new byte[300]);
        byte[] b = w.toByteArray();
        assertArrayEquals(hex("02 c3a9"), java.util.Arrays.copyOf(b, 3));
        assertArrayEquals(hex("fc 2c01"), java.util.Arrays.copyOfRange(b, 3, 6));
        ByteReader r = new ByteReader(b);
        assertEquals("é", Lenenc.readString(r, StandardCharsets.UTF_8));
        assertEquals(300, Lenenc.readBytes(r).length);
        assertFalse(r.hasRemaining());
    }
}
