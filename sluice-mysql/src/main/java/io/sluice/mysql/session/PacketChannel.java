package io.sluice.mysql.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.transport.Transport;
import io.sluice.core.wire.ByteWriter;
import java.util.Arrays;

/**
 * MySQL packet framing over a {@link Transport} (protocol docs: "MySQL Packets"): a 3-byte
 * little-endian payload length and a 1-byte sequence id, then the payload. A payload of
 * 0xFFFFFF bytes or more is split into maximal packets followed by a shorter one (possibly empty);
 * on receipt the pieces are joined back. Sequence ids restart at 0 with every command and must
 * increase by one per packet; a gap means the stream is out of step and is a protocol error.
 *
 * <p>The joined size of one logical packet is capped by {@code maxPacketSize} before any buffer is
 * grown, so a lying length cannot allocate more than the bytes that actually arrive plus one chunk.
 */
final class PacketChannel {
    static final int MAX_CHUNK = 0xFFFFFF;

    private final Transport transport;
    private final long maxPacketSize;
    private static final int INITIAL_READ = 1024;
    private static final int MAX_KEPT_READ = 64 * 1024;

    private final byte[] header = new byte[4];
    private int sequence;
    private static final int MAX_KEPT_WRITER = 64 * 1024;
    private byte[] reuse = new byte[INITIAL_READ];
    private ByteWriter out;
    private int lastLength;

    PacketChannel(Transport transport, long maxPacketSize) {
        this.transport = transport;
        this.maxPacketSize = maxPacketSize;
    }

    Transport transport() {
        return transport;
    }

    /** Starts a new command: the next packet sent carries sequence id 0. */
    void resetSequence() {
        sequence = 0;
    }

    /** For pipelined commands: the next response starts at sequence id 1, as after a single command. */
    void expectResponse() {
        expectResponse(1);
    }

    /** For a pipelined command sent in {@code packetsSent} packets: its response continues the numbering. */
    void expectResponse(int packetsSent) {
        sequence = packetsSent;
    }

    /** Reads one logical packet (joining 16 MiB continuations). */
    byte[] read() {
        int len = readHeader();
        if (len < MAX_CHUNK) {
            byte[] payload = new byte[len];
            transport.readFully(payload, 0, len);
            return payload;
        }
        return readLong();
    }

    /**
     * Reads one logical packet into a buffer the channel reuses, so that row packets, which are
     * decoded into values at once, cost no allocation. Returns the buffer holding the payload from
     * offset 0, {@link #lastLength()} bytes long; it is overwritten by the next read. Packets above
     * 64 KiB get a buffer of their own, so one huge row does not pin memory for the connection's life.
     */
    byte[] readReused() {
        int len = readHeader();
        if (len >= MAX_CHUNK) {
            byte[] whole = readLong();
            lastLength = whole.length;
            return whole;
        }
        byte[] b = reuse;
        if (len > b.length) {
            b = new byte[Math.max(len, Math.min(2 * b.length, MAX_KEPT_READ))];
            if (b.length <= MAX_KEPT_READ) {
                reuse = b;
            }
        }
        transport.readFully(b, 0, len);
        lastLength = len;
        return b;
    }

    /** Payload length of the latest {@link #readReused()}. */
    int lastLength() {
        return lastLength;
    }

    private byte[] readLong() {
        // multi-packet payload: grow as chunks actually arrive, bounded by maxPacketSize
        byte[] buf = new byte[MAX_CHUNK];
        transport.readFully(buf, 0, MAX_CHUNK);
        int size = MAX_CHUNK;
        while (true) {
            int next = readHeader();
            long total = (long) size + next;
            if (total > maxPacketSize || total > Integer.MAX_VALUE - 16) {
                throw new ProtocolException("server packet exceeds maxPacketSize (" + maxPacketSize + " bytes)");
            }
            if (buf.length < total) {
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(total, (long) buf.length * 2),
                        Math.min(maxPacketSize, Integer.MAX_VALUE - 16)));
            }
            transport.readFully(buf, size, next);
            size += next;
            if (next < MAX_CHUNK) {
                return size == buf.length ? buf : Arrays.copyOf(buf, size);
            }
        }
    }

    private int readHeader() {
        transport.readFully(header, 0, 4);
        int len = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        int seq = header[3] & 0xff;
        if (seq != (sequence & 0xff)) {
            throw new ProtocolException("packet out of order: expected sequence " + (sequence & 0xff) + ", got " + seq);
        }
        sequence++;
        if (len > maxPacketSize) {
            throw new ProtocolException("server packet of " + len + " bytes exceeds maxPacketSize (" + maxPacketSize + ")");
        }
        return len;
    }

    /**
     * Sends a payload built in {@code w} whose first 4 bytes were reserved for the header
     * ({@link #newPayload}). Small payloads go out as one write with no copy.
     */
    void write(ByteWriter w) {
        sequence = writeFrom(w, sequence);
    }

    /**
     * Writes a whole command numbered from 0 without touching the read-side sequence, which a
     * pipelined reader may be using at the same time; returns the number of packets written, where
     * the numbering of the command's response starts ({@link #expectResponse(int)}).
     */
    int writeCommand(ByteWriter w) {
        return writeFrom(w, 0);
    }

    private int writeFrom(ByteWriter w, int seq) {
        int payloadLen = w.size() - 4;
        byte[] b = w.array();
        if (payloadLen < MAX_CHUNK) {
            w.putU24le(0, payloadLen);
            w.put(3, (byte) seq);
            transport.write(b, 0, w.size());
            return seq + 1;
        }
        int off = 4;
        int remaining = payloadLen;
        byte[] h = new byte[4];
        while (true) {
            int n = Math.min(remaining, MAX_CHUNK);
            h[0] = (byte) n;
            h[1] = (byte) (n >>> 8);
            h[2] = (byte) (n >>> 16);
            h[3] = (byte) seq++;
            transport.write(h, 0, 4);
            transport.write(b, off, n);
            off += n;
            remaining -= n;
            if (n < MAX_CHUNK) {
                return seq; // a final chunk shorter than the maximum ends the payload (may be empty)
            }
        }
    }

    /**
     * The channel's command writer, emptied, with the 4 header bytes reserved: one command is
     * encoded at a time and {@link #write} copies it out, so one buffer serves every command. A
     * buffer that a big statement grew is dropped rather than kept for the connection's life.
     */
    ByteWriter command(int sizeHint) {
        ByteWriter w = out;
        if (w == null || w.array().length > MAX_KEPT_WRITER) {
            w = new ByteWriter(Math.max(512, Math.min(sizeHint + 4, MAX_KEPT_WRITER)));
            out = w;
        }
        w.reset().skip(4);
        return w;
    }

    /** A writer with the 4 header bytes reserved. */
    static ByteWriter newPayload(int sizeHint) {
        ByteWriter w = new ByteWriter(sizeHint + 4);
        w.skip(4);
        return w;
    }

    void flush() {
        transport.flush();
    }
}
