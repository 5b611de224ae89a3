package io.sluice.postgres.session;

import io.sluice.core.transport.Transport;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.wire.BackendDecoder;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.Framing;

/**
 * PostgreSQL message framing over a {@link Transport} (protocol docs: "Message Formats"): a type
 * byte, an int32 length that counts itself, then the body. The length is bounded by
 * {@code maxMessageSize} before the body buffer is allocated.
 */
final class PgChannel {
    private final Transport transport;
    private final int maxMessageSize;
    private final byte[] header = new byte[5];

    PgChannel(Transport transport, int maxMessageSize) {
        this.transport = transport;
        this.maxMessageSize = maxMessageSize;
    }

    Transport transport() {
        return transport;
    }

    BackendMessage read() {
        transport.readFully(header, 0, 5);
        int declared = (header[1] & 0xff) << 24 | (header[2] & 0xff) << 16 | (header[3] & 0xff) << 8 | (header[4] & 0xff);
        int len = Framing.bodyLength(declared, maxMessageSize);
        byte[] body = new byte[len];
        transport.readFully(body, 0, len);
        return BackendDecoder.decode(header[0], body);
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
