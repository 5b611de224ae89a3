package io.sluice.mysql;

import io.sluice.core.result.ColumnIndex;
import io.sluice.core.result.Row;
import io.sluice.mysql.session.ResultCursor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Rows of a result read from the socket as the caller consumes them (unbuffered): memory stays
 * bounded by one row whatever the result size. The connection is held until the stream is
 * exhausted or closed; closing early reads and discards the rest, keeping the protocol in step.
 * Always use it in try-with-resources.
 */
public final class RowStream implements io.sluice.core.spi.RowCursor {
    private final ResultCursor cursor;
    private final ColumnIndex columns;
    private final Runnable onClose;
    private Row next;
    private boolean finished;
    private boolean closed;

    RowStream(ResultCursor cursor, ColumnIndex columns, Runnable onClose) {
        this.cursor = cursor;
        this.columns = columns;
        this.onClose = onClose;
        this.finished = columns == null;
    }

    /** Columns of the streamed result (empty when the statement returned no rows). */
    @Override
    public ColumnIndex columns() {
        return columns == null ? new ColumnIndex(java.util.List.of()) : columns;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            close();
            return false;
        }
        Object[] values;
        try {
            values = cursor.nextRow();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (values == null) {
            finished = true;
            close();
            return false;
        }
        next = new Row(columns, values);
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
    }

    /** A sequential Stream over the rows; closing the Stream closes this. */
    public Stream<Row> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!cursor.done()) {
                cursor.drain();
            }
        } finally {
            onClose.run();
        }
    }
}
