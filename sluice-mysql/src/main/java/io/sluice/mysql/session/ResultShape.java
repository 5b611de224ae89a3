package io.sluice.mysql.session;

import io.sluice.core.result.Column;
import io.sluice.core.result.ColumnIndex;
import io.sluice.mysql.wire.ColumnDefinition;
import io.sluice.mysql.wire.DecodeContext;
import io.sluice.mysql.wire.RowDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A result set's columns in every form a cursor needs: the raw column definition packets, their
 * decoded {@link ColumnDefinition}s, the API's {@link ColumnIndex} and a {@link RowDecoder}. A
 * prepared statement keeps the shape of its last result so that a repeated execution reuses all of
 * it: when the server skips the definitions (MariaDB's CACHE_METADATA), or when it resends packets
 * byte-identical to the cached ones (MySQL, or a MariaDB without the capability). A changed shape is
 * a new object, so a cursor still reading rows never sees its columns change under it. Used by one
 * session at a time (decoders are built lazily without locking).
 */
final class ResultShape {
    private final byte[][] raw;
    private final ColumnDefinition[] defs;
    private final ColumnIndex columns;
    private final DecodeContext context;
    private RowDecoder binary;
    private RowDecoder text;
    private ResultCursor.Header header;

    private ResultShape(byte[][] raw, ColumnDefinition[] defs, DecodeContext context) {
        this.raw = raw;
        this.defs = defs;
        List<Column> cols = new ArrayList<>(defs.length);
        for (ColumnDefinition d : defs) {
            cols.add(d.toColumn());
        }
        this.columns = new ColumnIndex(cols);
        this.context = context;
    }

    /** Decodes the column definition packets {@code raw} (kept, not copied: they are this shape's own). */
    static ResultShape decode(byte[][] raw, Charset metadataCharset, DecodeContext context) {
        ColumnDefinition[] defs = new ColumnDefinition[raw.length];
        for (int i = 0; i < raw.length; i++) {
            defs[i] = ColumnDefinition.decode(raw[i], metadataCharset);
        }
        return new ResultShape(raw, defs, context);
    }

    int columnCount() {
        return defs.length;
    }

    ColumnDefinition[] definitions() {
        return defs.clone();
    }

    ColumnIndex columns() {
        return columns;
    }

    /** True when definition packet {@code i} is exactly {@code buf[0, len)}. */
    boolean sameAt(int i, byte[] buf, int len) {
        return Arrays.equals(raw[i], 0, raw[i].length, buf, 0, len);
    }

    /** The (immutable) result header of a row set of this shape, built once. */
    ResultCursor.Header header() {
        if (header == null) {
            header = new ResultCursor.Header(columns, 0, 0, 0, "");
        }
        return header;
    }

    /** Definition packet {@code i} as received (shared: never modify). */
    byte[] raw(int i) {
        return raw[i];
    }

    /** This shape for the session's current decode context (the decoders capture its time zone). */
    ResultShape in(DecodeContext ctx) {
        return ctx == context ? this : new ResultShape(raw, defs, ctx);
    }

    /** The row decoder for the binary (COM_STMT_EXECUTE) or text (COM_QUERY) protocol, built once. */
    RowDecoder decoder(boolean binaryProtocol) {
        if (binaryProtocol) {
            if (binary == null) {
                binary = RowDecoder.binary(defs, context);
            }
            return binary;
        }
        if (text == null) {
            text = RowDecoder.text(defs, context);
        }
        return text;
    }
}
