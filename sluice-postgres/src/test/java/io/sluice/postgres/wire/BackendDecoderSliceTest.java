package io.sluice.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import io.sluice.postgres.wire.BackendMessage.CommandComplete;
import io.sluice.postgres.wire.BackendMessage.ErrorResponse;
import io.sluice.postgres.wire.BackendMessage.ReadyForQuery;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Decoding from the front of a reused buffer: only {@code length} bytes count (stale bytes behind
 * them are never read), and the decoded message keeps nothing of the buffer.
 */
class BackendDecoderSliceTest {
    private static byte[] buffer(String hex) {
        byte[] body = HexFormat.of().parseHex(hex.replace(" ", ""));
        byte[] buf = new byte[64];
        java.util.Arrays.fill(buf, (byte) 0x5a); // stale bytes of an earlier message
        System.arraycopy(body, 0, buf, 0, body.length);
        return buf;
    }

    @Test
    void commandCompleteIsCopiedOutOfTheBuffer() {
        byte[] buf = buffer("53454c4543542031 00"); // "SELECT 1\0"
        CommandComplete cc = (CommandComplete) BackendDecoder.decode((byte) 'C', buf, 9);
        java.util.Arrays.fill(buf, (byte) 0);
        assertEquals("SELECT 1", cc.tag());
        assertEquals(1, cc.rows());
    }

    @Test
    void readyForQueryIsOneSharedInstancePerStatus() {
        ReadyForQuery a = (ReadyForQuery) BackendDecoder.decode((byte) 'Z', buffer("49"), 1);
        ReadyForQuery b = (ReadyForQuery) BackendDecoder.decode((byte) 'Z', buffer("49"), 1);
        assertSame(a, b);
        assertEquals(TxStatus.IDLE, a.status());
        assertEquals(TxStatus.FAILED, ((ReadyForQuery) BackendDecoder.decode((byte) 'Z', buffer("45"), 1)).status());
    }

    @Test
    void bytesPastTheLengthAreNotPartOfTheMessage() {
        // ReadyForQuery of length 2 would have a byte left over: refused, however the buffer continues
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'Z', buffer("49 49"), 2));
        // an ErrorResponse whose terminating NUL lies beyond the length is truncated, not read on
        byte[] buf = buffer("53 4552524f52 00 00"); // S "ERROR" \0 \0
        assertTrue(BackendDecoder.decode((byte) 'E', buf, 8) instanceof ErrorResponse);
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'E', buf, 7));
    }

    @Test
    void messagesThatKeepTheirBodyNeedAnExactArray() {
        assertTrue(BackendDecoder.retainsBody((byte) 'D'));
        assertTrue(BackendDecoder.retainsBody((byte) 'd'));
        assertThrows(IllegalArgumentException.class, () -> BackendDecoder.decode((byte) 'D', new byte[8], 6));
    }
}
