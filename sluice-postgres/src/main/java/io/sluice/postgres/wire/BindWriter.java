package io.sluice.postgres.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;

/**
 * Writes one Bind message (protocol-message-formats 'B') whose parameter values go straight into
 * the output buffer: {@link #beginValue()} reserves the value's int32 length, the caller's codec
 * writes the bytes into {@link #out()}, and {@link #endValue()} backpatches the length. This avoids a
 * {@code byte[]} per value on the hot path.
 *
 * <pre>{@code
 * BindWriter b = Frontend.beginBind(w, "", "s1", new short[] {1}, 2);
 * b.beginValue().i64be(42L); b.endValue();
 * b.nullValue();
 * b.finish(new short[] {1});
 * }</pre>
 *
 * <p>Layout: portal, statement, int16 format count + int16 formats, int16 value count, per value
 * int32 length (-1 = NULL) + bytes, int16 result-format count + int16 formats. The value count is
 * declared up front and {@link #finish} refuses a different number of values, so a miscounted
 * caller cannot produce a message the server would misparse. After a {@link UsageException} from
 * this class the writer holds a partial message: discard (reset) it rather than send it.
 */
public final class BindWriter {
    private final ByteWriter w;
    private final int messageLengthAt;
    private final int expected;
    private int written;
    /** Offset of the open value's length field, or -1 when no value is open. */
    private int valueAt = -1;
    private boolean finished;

    private BindWriter(ByteWriter w, int messageLengthAt, int expected) {
        this.w = w;
        this.messageLengthAt = messageLengthAt;
        this.expected = expected;
    }

    static BindWriter begin(ByteWriter w, String portal, String statement, short[] paramFormats, int paramCount) {
        Frontend.checkNoNul(Frontend.require(portal, "portal name"), "portal name");
        Frontend.checkNoNul(Frontend.require(statement, "statement name"), "statement name");
        if (paramCount < 0) {
            throw new UsageException("paramCount must be >= 0, was " + paramCount);
        }
        Frontend.checkCount(paramCount, "parameters");
        checkFormats(paramFormats, paramCount, "parameter");
        int at = Frontend.begin(w, 'B');
        w.cString(portal, UTF_8);
        w.cString(statement, UTF_8);
        writeFormats(w, paramFormats);
        w.u16be(paramCount);
        return new BindWriter(w, at, paramCount);
    }

    /** The buffer to write the open value's bytes into. */
    public ByteWriter out() {
        return w;
    }

    /** Opens the next value: reserves its length and returns the buffer to write it into. */
    public ByteWriter beginValue() {
        checkOpen();
        if (valueAt >= 0) {
            throw new UsageException("beginValue() called twice without endValue()");
        }
        if (written == expected) {
            throw new UsageException("Bind declared " + expected + " parameter(s); no room for another");
        }
        valueAt = w.skip(4);
        return w;
    }

    /** Closes the open value, writing its length (bytes written since {@link #beginValue()}). */
    public BindWriter endValue() {
        checkOpen();
        if (valueAt < 0) {
            throw new UsageException("endValue() without beginValue()");
        }
        w.putI32be(valueAt, w.size() - valueAt - 4);
        valueAt = -1;
        written++;
        return this;
    }

    /** Writes SQL NULL (length -1, no bytes). */
    public BindWriter nullValue() {
        beginValue();
        w.putI32be(valueAt, -1);
        valueAt = -1;
        written++;
        return this;
    }

    /** Writes an encoded value; {@code null} writes SQL NULL. */
    public BindWriter value(byte[] v) {
        if (v == null) {
            return nullValue();
        }
        return value(v, 0, v.length);
    }

    /** Writes {@code len} bytes of {@code v} from {@code off} as the next value. */
    public BindWriter value(byte[] v, int off, int len) {
        if (off < 0 || len < 0 || off > v.length - len) {
            throw new UsageException("bad slice " + off + "+" + len + " of " + v.length + " bytes");
        }
        beginValue();
        w.bytes(v, off, len);
        return endValue();
    }

    /** Parameters written so far. */
    public int written() {
        return written;
    }

    /**
     * Writes the result-column formats and closes the message.
     *
     * @param resultFormats null/empty (all text), one entry (all columns) or one per column; 0 text, 1 binary
     */
    public void finish(short[] resultFormats) {
        checkOpen();
        if (valueAt >= 0) {
            throw new UsageException("finish() with a value still open (missing endValue())");
        }
        if (written != expected) {
            throw new UsageException("Bind declared " + expected + " parameter(s) but " + written + " were written");
        }
        checkFormats(resultFormats, -1, "result");
        writeFormats(w, resultFormats);
        Frontend.end(w, messageLengthAt);
        finished = true;
    }

    private void checkOpen() {
        if (finished) {
            throw new UsageException("Bind message already finished");
        }
    }

    /** Format codes must be 0/1; a parameter format list must have 0, 1 or {@code count} entries. */
    static void checkFormats(short[] formats, int count, String what) {
        if (formats == null) {
            return;
        }
        Frontend.checkCount(formats.length, what + " format codes");
        if (count >= 0 && formats.length > 1 && formats.length != count) {
            throw new UsageException(formats.length + " " + what + " format codes for " + count
                    + " parameters: give 0, 1 or one per parameter");
        }
        for (short f : formats) {
            if (f != 0 && f != 1) {
                throw new UsageException(what + " format code must be 0 (text) or 1 (binary), was " + f);
            }
        }
    }

    private static void writeFormats(ByteWriter w, short[] formats) {
        int n = formats == null ? 0 : formats.length;
        w.u16be(n);
        for (int i = 0; i < n; i++) {
            w.u16be(formats[i]);
        }
    }
}
