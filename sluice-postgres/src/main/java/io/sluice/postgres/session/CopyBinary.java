package io.sluice.postgres.session;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.types.CodecRegistry;
import io.sluice.postgres.types.PgCodec;
import java.util.Iterator;
import java.util.List;

/**
 * Rows of Java values in COPY binary format (protocol docs: COPY, "Binary Format"): a signature
 * header, then per row a field count and each field as an int32 length (-1 for NULL) and the
 * type's binary send form, then a -1 trailer. The server then runs each column's binary receive
 * function instead of parsing text, which costs it noticeably less per row for numbers and
 * timestamps (the bulk of most loads), so a server-bound load gets faster.
 *
 * <p>Binary fields must be exactly the column type's form, so each column is encoded with the
 * codec of the type the server gave for the matching INSERT parameter. {@link #codecsFor} decides
 * from the first row whether that works; a later value of another Java type that the column's
 * codec cannot take fails the whole COPY with a {@link UsageException} (the copy is all or nothing,
 * so nothing of it is applied).
 */
final class CopyBinary implements Copy.Source {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final Iterator<? extends List<?>> rows;
    private final PgCodec[] codecs;
    private boolean headerSent;
    private boolean trailerSent;
    private long rowNumber;

    CopyBinary(Iterable<? extends List<?>> rows, PgCodec[] codecs) {
        this.rows = rows.iterator();
        this.codecs = codecs;
    }

    /**
     * One binary codec per column when the first row's values all have the binary form of their
     * column's type (a null needs only a codec that has one), else null: COPY then goes as text,
     * where the server's input functions take any value's text form.
     */
    static PgCodec[] codecsFor(CodecRegistry reg, int[] columnOids, List<?> firstRow) {
        if (firstRow.size() != columnOids.length) {
            return null; // the text COPY lets the server say what is wrong with the row
        }
        PgCodec[] codecs = new PgCodec[columnOids.length];
        for (int i = 0; i < codecs.length; i++) {
            if (columnOids[i] == 0) {
                return null;
            }
            PgCodec c = reg.forOid(columnOids[i]);
            Object v = firstRow.get(i);
            if (!c.supportsBinary() || c.oid() != columnOids[i] || v != null && !c.canEncode(v)) {
                return null;
            }
            codecs[i] = c;
        }
        return codecs;
    }

    @Override
    public int fill(ByteWriter w, int max) {
        int start = w.size();
        if (!headerSent) {
            headerSent = true;
            w.bytes(SIGNATURE).i32be(0).i32be(0); // flags (no OIDs), no header extension
        }
        while (w.size() - start < max && rows.hasNext()) {
            writeRow(w, rows.next());
        }
        if (!rows.hasNext() && !trailerSent && w.size() - start < max) {
            trailerSent = true;
            w.u16be(0xffff); // the int16 -1 that ends the data
        }
        return w.size() - start;
    }

    private void writeRow(ByteWriter w, List<?> row) {
        rowNumber++;
        int n = row.size();
        if (n != codecs.length) {
            throw new UsageException("row " + rowNumber + " has " + n + " value(s), the INSERT has " + codecs.length
                    + " column(s)");
        }
        w.u16be(n);
        for (int i = 0; i < n; i++) {
            Object v = row.get(i);
            if (v == null) {
                w.i32be(-1);
                continue;
            }
            PgCodec c = codecs[i];
            if (!c.canEncode(v)) {
                throw new UsageException("row " + rowNumber + ", column " + (i + 1) + ": a " + v.getClass().getName()
                        + " cannot be sent as " + c.name() + " (binary COPY takes the Java types of the first row's"
                        + " values; use one type per column)");
            }
            int at = w.skip(4);
            c.encodeBinary(w, v);
            w.putI32be(at, w.size() - at - 4);
        }
    }
}
