package io.sluice.postgres.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.transport.Transport;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.wire.BackendDecoder;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.Framing;
import java.util.Arrays;

/**
 * PostgreSQL message framing over a {@link Transport} (protocol docs: "Message Formats"): a type
 * byte, an int32 length that counts itself, then the body. The length is bounded by
 * {@code maxMessageSize} before the body buffer is allocated, and the buffer of a large body grows with
 * the bytes received rather than with the bytes claimed.
 */
final class PgChannel {
    private final Transport transport;
    private final int maxMessageSize;
    /** Bodies up to this size are allocated at once; larger ones grow as they arrive. */
    private static final int EAGER_BODY = 1 << 20;

    private static final byte[] EMPTY = new byte[0];

    private static final int REUSED_BODY = 1024;

    private final byte[] header = new byte[5];
    private final byte[] reused = new byte[REUSED_BODY];

    PgChannel(Transport transport, int maxMessageSize) {
        this.transport = transport;
        this.maxMessageSize = maxMessageSize;
    }

    Transport transport() {
        return transport;
    }

    BackendMessage read() {
        transport.readFully(header, 0, 5);
        if (BackendDecoder.nameOf(header[0]) == null) {
            // refuse on the type byte alone: waiting for the body a garbage length announces could
            // block forever (or allocate up to the limit) for a stream that is already out of step
            throw new ProtocolException("unknown backend message type " + Framing.describe(header[0]));
        }
        int declared = (header[1] & 0xff) << 24 | (header[2] & 0xff) << 16 | (header[3] & 0xff) << 8 | (header[4] & 0xff);
        int len = Framing.bodyLength(declared, maxMessageSize);
        if (len <= REUSED_BODY && !BackendDecoder.retainsBody(header[0])) {
            // CommandComplete, ReadyForQuery, ...: decoded into copies at once, so no array of their own
            transport.readFully(reused, 0, len);
            return BackendDecoder.decode(header[0], reused, len);
        }
        return BackendDecoder.decode(header[0], readBody(len));
    }

    /**
     * The declared length is only the peer's claim: above {@link #EAGER_BODY} the buffer grows as the
     * bytes actually arrive, so a peer that announces 1 GiB and sends five bytes costs a few MiB,
     * not the whole limit.
     */
    private byte[] readBody(int len) {
        if (len == 0) {
            return EMPTY; // BindComplete, ParseComplete, ...: nothing to read, nothing to allocate
        }
        if (len <= EAGER_BODY) {
            byte[] body = new byte[len];
            transport.readFully(body, 0, len);
            return body;
        }
        byte[] body = new byte[EAGER_BODY];
        int have = 0;
        while (have < len) {
            if (have == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(len, 2L * body.length));
            }
            int n = body.length - have;
            transport.readFully(body, have, n);
            have += n;
        }
        return body;
    }

    /** The single byte answering SSLRequest ('S' or 'N'; anything else is an error for the caller). */
    int readSslAnswer() {
        return transport.read();
    }

    void write(ByteWriter w) {
        transport.write(w.array(), 0, w.size());
    }

    void flush() {
        transport.flush();
    }
}
