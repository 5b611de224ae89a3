package io.sluice.postgres.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.types.CodecRegistry;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bind messages whose values are encoded straight into the request buffer, against bytes written
 * by hand (protocol-message-formats, Bind): the format codes must still precede the values.
 */
class BindInPlaceTest {
    private static String bind(int[] oids, List<?> params, short[] resultFormats) {
        ByteWriter w = new ByteWriter(8);
        Extended.bind(CodecRegistry.defaults(), w, "s1", oids, params, resultFormats);
        return HexFormat.of().formatHex(w.toByteArray());
    }

    @Test
    void typedParametersAreBinaryAndNullHasNoBytes() {
        // 'B' len 40 | portal "" | "s1" | 3 formats: 1 1 0 | 3 values: int4 42, text "ab", NULL | 1 result format: 1
        String expected = "42 00000028 00 733100 0003 0001 0001 0000 0003 00000004 0000002a 00000002 6162 ffffffff"
                + " 0001 0001";
        assertEquals(expected.replace(" ", ""), bind(new int[] {23, 25, 0}, Arrays.asList(42, "ab", null),
                new short[] {1}));
    }

    @Test
    void untypedParametersUseTheValuesOwnType() {
        // 'B' len 32 | "" | "s1" | formats 0 (text the server types), 1 (int4) | "hi", 7 | no result formats
        String expected = "42 00000020 00 733100 0002 0000 0001 0002 00000002 6869 00000004 00000007 0000";
        assertEquals(expected.replace(" ", ""), bind(new int[] {0, 0}, List.of("hi", 7), null));
    }

    @Test
    void aWrongValueCountIsRefusedBeforeAnythingIsWritten() {
        ByteWriter w = new ByteWriter(8);
        assertThrows(UsageException.class,
                () -> Extended.bind(CodecRegistry.defaults(), w, "s1", new int[] {23}, List.of(), null));
        assertEquals(0, w.size());
        assertThrows(UsageException.class,
                () -> Extended.bind(CodecRegistry.defaults(), w, "s1", new int[] {23}, List.of(new Object()), null));
    }
}
