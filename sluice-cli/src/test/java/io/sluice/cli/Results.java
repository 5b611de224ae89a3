package io.sluice.cli;

import io.sluice.core.result.Column;
import io.sluice.core.result.ColumnIndex;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;

import java.util.ArrayList;
import java.util.List;

/** Hand-built results for formatter and command tests. */
final class Results {
    private Results() {
    }

    static Column col(String name, Class<?> type) {
        return new Column(name, "", type.getSimpleName(), type, true, 0, 0);
    }

    static Result rows(List<Column> columns, Object[]... values) {
        ColumnIndex index = new ColumnIndex(columns);
        List<Row> rows = new ArrayList<>();
        for (Object[] v : values) {
            rows.add(new Row(index, v));
        }
        return new Result(index, rows, rows.size(), 0, 0, "");
    }

    static Object[] row(Object... values) {
        return values;
    }
}
