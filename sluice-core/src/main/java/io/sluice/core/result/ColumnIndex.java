package io.sluice.core.result;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Column list plus a name lookup shared by all rows of one result. Exact-name matches win;
 * otherwise the lookup is case-insensitive (SQL identifiers usually are). With duplicate labels the
 * first column wins, as in JDBC.
 */
public final class ColumnIndex {
    private final List<Column> columns;
    private final Map<String, Integer> exact;
    private final Map<String, Integer> folded;

    public ColumnIndex(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.exact = new HashMap<>(columns.size() * 2);
        this.folded = new HashMap<>(columns.size() * 2);
        for (int i = 0; i < columns.size(); i++) {
            String n = columns.get(i).name();
            exact.putIfAbsent(n, i);
            folded.putIfAbsent(n.toLowerCase(Locale.ROOT), i);
        }
    }

    public List<Column> columns() {
        return columns;
    }

    public int size() {
        return columns.size();
    }

    /** The index of the named column, or -1. */
    public int find(String name) {
        Integer i = exact.get(name);
        if (i == null) {
            i = folded.get(name.toLowerCase(Locale.ROOT));
        }
        return i == null ? -1 : i;
    }

    /** The index of the named column; throws naming the available columns when it is absent. */
    public int indexOf(String name) {
        int i = find(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column named '" + name + "' in result; columns are "
                    + columns.stream().map(Column::name).toList());
        }
        return i;
    }
}
