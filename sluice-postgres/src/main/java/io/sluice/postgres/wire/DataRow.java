package io.sluice.postgres.wire;

import io.sluice.core.error.ProtocolException;
import java.util.Arrays;

/**
 * 'D': one row (protocol-message-formats DataRow: int16 column count, then per column an int32
 * length, -1 for NULL, followed by that many bytes).
 *
 * <p>Hot path: the body array is kept as is and the value positions are indexed once, at decode
 * time, into a single {@code int[]} of (offset, length) pairs; type codecs then read values in place
 * from {@link #buffer()} without a copy per column. Every length was checked against the bytes
 * actually present, so {@code offset(i) + length(i) <= buffer().length} always holds.
 */
public final class DataRow implements BackendMessage {
    private final byte[] buffer;
    /** offset of value i at [2i], its length (-1 for NULL) at [2i+1]. */
    private final int[] slots;

    private DataRow(byte[] buffer, int[] slots) {
        this.buffer = buffer;
        this.slots = slots;
    }

    /**
     * Indexes a DataRow body. The array is retained, not copied.
     *
     * @throws ProtocolException when a count or length disagrees with the bytes present
     */
    public static DataRow parse(byte[] body) {
        int n = body.length;
        if (n < 2) {
            throw new ProtocolException("truncated DataRow: no column count");
        }
        int count = (body[0] & 0xff) << 8 | (body[1] & 0xff);
        // each column needs at least its 4-byte length: bound the count before allocating
        if ((long) count * 4 > n - 2) {
            throw new ProtocolException("DataRow declares " + count + " columns but has only " + (n - 2)
                    + " bytes");
        }
        int[] slots = new int[count * 2];
        int pos = 2;
        for (int i = 0; i < count; i++) {
            if (n - pos < 4) {
                throw new ProtocolException("truncated DataRow: column " + i + " length missing");
            }
            int len = (body[pos] & 0xff) << 24 | (body[pos + 1] & 0xff) << 16 | (body[pos + 2] & 0xff) << 8
                    | (body[pos + 3] & 0xff);
            pos += 4;
            if (len == -1) {
                slots[2 * i] = pos;
                slots[2 * i + 1] = -1;
                continue;
            }
            if (len < 0 || len > n - pos) {
                throw new ProtocolException("DataRow column " + i + " length " + len + " but " + (n - pos)
                        + " bytes left");
            }
            slots[2 * i] = pos;
            slots[2 * i + 1] = len;
            pos += len;
        }
        if (pos != n) {
            throw new ProtocolException("DataRow has " + (n - pos) + " trailing bytes after " + count + " columns");
        }
        return new DataRow(body, slots);
    }

    /** Number of columns. */
    public int count() {
        return slots.length >> 1;
    }

    public boolean isNull(int i) {
        return slots[check(i) * 2 + 1] < 0;
    }

    /** Start of value {@code i} in {@link #buffer()}. */
    public int offset(int i) {
        return slots[check(i) * 2];
    }

    /** Length of value {@code i} in bytes, or -1 for NULL. */
    public int length(int i) {
        return slots[check(i) * 2 + 1];
    }

    /** The message body the offsets point into. Shared, not copied: do not modify. */
    public byte[] buffer() {
        return buffer;
    }

    /** A copy of value {@code i}, or {@code null} for NULL. Convenience off the hot path. */
    public byte[] value(int i) {
        int len = length(i);
        return len < 0 ? null : Arrays.copyOfRange(buffer, offset(i), offset(i) + len);
    }

    private int check(int i) {
        if (i < 0 || i >= slots.length >> 1) {
            throw new IndexOutOfBoundsException("column " + i + " of " + (slots.length >> 1));
        }
        return i;
    }

    @Override
    public String toString() {
        // values may be sensitive (and large): show only the shape
        StringBuilder sb = new StringBuilder("DataRow[");
        for (int i = 0; i < count(); i++) {
            sb.append(i == 0 ? "" : ", ").append(isNull(i) ? "NULL" : length(i) + "B");
        }
        return sb.append(']').toString();
    }
}
