package io.sluice.mysql.wire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.error.ProtocolException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;

/** Test helpers: golden vectors as hex text, and the "every prefix decodes or throws ProtocolException" loop. */
final class HexBytes {
    private HexBytes() {
    }

    /** Hex digits; whitespace and {@code |} separators ignored. */
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]+", ""));
    }

    static String toHex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /**
     * Every strict prefix of {@code valid} and {@code rounds} random mutations of it must decode or
     * throw ProtocolException; any other exception type fails the test.
     */
    static void assertOnlyProtocolErrors(byte[] valid, Consumer<byte[]> decoder) {
        for (int n = 0; n <= valid.length; n++) {
            run(Arrays.copyOf(valid, n), decoder, "prefix of " + n + " bytes");
        }
        Random rnd = new Random(42);
        for (int round = 0; round < 2000; round++) {
            byte[] b = Arrays.copyOf(valid, 1 + rnd.nextInt(valid.length));
            int flips = 1 + rnd.nextInt(4);
            for (int i = 0; i < flips; i++) {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            b[0] = valid[0]; // keep the header so the decoder gets past the first check
            run(b, decoder, "mutation " + toHex(b));
        }
    }

    private static void run(byte[] input, Consumer<byte[]> decoder, String what) {
        try {
            decoder.accept(input);
        } catch (ProtocolException expected) {
            // fine: malformed input must surface as a protocol error
        } catch (RuntimeException e) {
            fail(what + " threw " + e, e);
        }
    }

    static void assertProtocolError(byte[] input, Consumer<byte[]> decoder) {
        assertThrows(ProtocolException.class, () -> decoder.accept(input));
    }
}
