package io.sluice.core.spi;

import io.sluice.core.result.ColumnIndex;
import io.sluice.core.result.Row;
import java.util.Iterator;

/** Rows read from the socket as they are consumed. Closing early discards the rest. */
public interface RowCursor extends Iterator<Row>, AutoCloseable {
    ColumnIndex columns();

    @Override
    void close();
}
