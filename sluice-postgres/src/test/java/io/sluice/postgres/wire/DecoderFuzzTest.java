package io.sluice.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.error.ProtocolException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every prefix and many random mutations of every captured message body must either decode or
 * raise {@link ProtocolException}; any other exception (index, negative size, number format, OOM)
 * would escape a decoder into the session.
 */
class DecoderFuzzTest {
    private static final byte[] EXTRA_TYPES = "RDTEtvGHWAK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static void decodeSafely(byte type, byte[] body, String what) {
        try {
            BackendMessage m = BackendDecoder.decode(type, body);
            if (m instanceof DataRow row) {
                for (int i = 0; i < row.count(); i++) {
                    assertTrue(row.isNull(i) || row.offset(i) + row.length(i) <= row.buffer().length, what);
                }
            }
        } catch (ProtocolException expected) {
            // fine
        } catch (Throwable t) {
            fail(what + ": " + t + " for type " + (char) type + " body " + HexFormat.of().formatHex(body), t);
        }
    }

    @Test
    void everyPrefixDecodesOrFailsCleanly() {
        int frames = 0;
        for (String capture : Captured.ALL) {
            for (Captured.Frame f : Captured.frames(capture)) {
                frames++;
                for (int n = 0; n <= f.body().length; n++) {
                    decodeSafely(f.type(), Arrays.copyOf(f.body(), n), "prefix " + n);
                }
            }
        }
        assertTrue(frames > 40, "captures yielded " + frames + " frames");
    }

    @Test
    void randomMutationsDecodeOrFailCleanly() {
        Random rnd = new Random(0x5eed_b0d1L);
        for (String capture : Captured.ALL) {
            for (Captured.Frame f : Captured.frames(capture)) {
                for (int round = 0; round < 400; round++) {
                    byte[] body = f.body().clone();
                    int edits = 1 + rnd.nextInt(4);
                    for (int e = 0; e < edits && body.length > 0; e++) {
                        int at = rnd.nextInt(body.length);
                        body[at] = switch (rnd.nextInt(4)) {
                            case 0 -> (byte) 0xff;
                            case 1 -> 0;
                            case 2 -> (byte) 0x7f;
                            default -> (byte) rnd.nextInt(256);
                        };
                    }
                    if (rnd.nextInt(8) == 0 && body.length > 1) {
                        body = Arrays.copyOf(body, rnd.nextInt(body.length)); // truncate too
                    }
                    decodeSafely(f.type(), body, "mutation " + round);
                    // the same body under another type: a desynchronized stream
                    decodeSafely(EXTRA_TYPES[rnd.nextInt(EXTRA_TYPES.length)], body, "retyped " + round);
                }
            }
        }
    }

    @Test
    void randomBodiesForEveryType() {
        Random rnd = new Random(42);
        for (int t = 0; t < 256; t++) {
            for (int round = 0; round < 200; round++) {
                byte[] body = new byte[rnd.nextInt(24)];
                rnd.nextBytes(body);
                decodeSafely((byte) t, body, "random " + round);
            }
        }
    }
}
