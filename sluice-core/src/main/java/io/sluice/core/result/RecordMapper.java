package io.sluice.core.result;

import io.sluice.core.error.UsageException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps rows to a record through its canonical constructor, matching each component to a column by
 * name: exactly, then ignoring case, then as snake_case / camelCase ({@code created_at} fills
 * {@code createdAt} and the other way round). Values convert as the {@link Row} typed getters do
 * (Integer to long, String to enum by constant name, ...). Columns no component claims are ignored.
 *
 * <p>Column positions are resolved once per {@link ColumnIndex} (one per result) and remembered in a
 * one-entry cache, so mapping a row is an array loop. Instances are thread-safe.
 *
 * <p>No {@code setAccessible}: the constructor is reached through a {@link MethodHandles.Lookup}.
 * {@link #of(Class)} uses the public lookup, which suffices for public records; a record that is not
 * public needs {@link #of(Class, MethodHandles.Lookup)} with the caller's {@code MethodHandles.lookup()}.
 */
public final class RecordMapper<R extends Record> implements RowMapper<R> {
    private static final ClassValue<Object> PUBLIC = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return new RecordMapper<>(type.asSubclass(Record.class), MethodHandles.publicLookup());
            } catch (UsageException e) {
                return e;
            }
        }
    };

    private final Class<R> type;
    private final String[] names;
    private final Class<?>[] declared;
    private final Class<?>[] boxed;
    private final MethodHandle constructor; // (Object[]) -> Object
    private volatile Plan plan;

    /** Column positions for one result's columns, in component order. */
    private record Plan(ColumnIndex index, int[] columns) {
    }

    private RecordMapper(Class<R> type, MethodHandles.Lookup lookup) {
        if (!type.isRecord()) {
            throw new UsageException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] rc = type.getRecordComponents();
        names = new String[rc.length];
        declared = new Class<?>[rc.length];
        boxed = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            names[i] = rc[i].getName();
            declared[i] = rc[i].getType();
            boxed[i] = Conversions.boxed(declared[i]);
        }
        try {
            MethodHandle h = unreflect(type, declared, lookup);
            constructor = h.asSpreader(Object[].class, rc.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (NoSuchMethodException e) {
            throw new UsageException("record " + type.getName() + " has no canonical constructor", e);
        } catch (IllegalAccessException e) {
            throw new UsageException("cannot access the canonical constructor of record " + type.getName()
                    + " (" + e.getMessage() + "); make the record public or use "
                    + "RecordMapper.of(type, MethodHandles.lookup()) from code that can access it", e);
        }
    }

    /**
     * The canonical constructor through {@code lookup}; when that is the public lookup and the record
     * is not reachable publicly (a nested record in a test class, say), a private lookup is tried,
     * which the module system grants only where the record's package is open to Sluice (always on
     * the class path).
     */
    private static MethodHandle unreflect(Class<?> type, Class<?>[] declared, MethodHandles.Lookup lookup)
            throws NoSuchMethodException, IllegalAccessException {
        java.lang.reflect.Constructor<?> ctor = type.getDeclaredConstructor(declared);
        try {
            return lookup.unreflectConstructor(ctor);
        } catch (IllegalAccessException e) {
            if (lookup.lookupClass() != Object.class) {
                throw e;
            }
            return MethodHandles.privateLookupIn(type, MethodHandles.lookup()).unreflectConstructor(ctor);
        }
    }

    /** A mapper for a public record; cached per class. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> RecordMapper<R> of(Class<R> type) {
        Object m = PUBLIC.get(type);
        if (m instanceof UsageException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return (RecordMapper<R>) m;
    }

    /** A mapper whose constructor access is checked against {@code lookup} (not cached). */
    public static <R extends Record> RecordMapper<R> of(Class<R> type, MethodHandles.Lookup lookup) {
        return new RecordMapper<>(type, lookup);
    }

    public Class<R> type() {
        return type;
    }

    @Override
    public R map(Row row) {
        Plan p = plan;
        if (p == null || p.index() != row.columns()) {
            p = plan(row.columns());
            plan = p;
        }
        return map(row, p.columns());
    }

    /** Maps all rows, resolving columns once per distinct {@link ColumnIndex}. */
    public List<R> mapAll(List<Row> rows) {
        List<R> out = new ArrayList<>(rows.size());
        Plan p = null;
        for (Row row : rows) {
            if (p == null || p.index() != row.columns()) {
                p = plan(row.columns());
            }
            out.add(map(row, p.columns()));
        }
        return out;
    }

    private R map(Row row, int[] columns) {
        Object[] args = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Object v = row.get(columns[i]);
            if (v == null) {
                if (declared[i].isPrimitive()) {
                    throw new UsageException("column '" + columnName(row, columns[i]) + "' is NULL but component '"
                            + names[i] + "' of record " + type.getSimpleName() + " is a primitive "
                            + declared[i].getName() + "; declare it as " + boxed[i].getSimpleName()
                            + " or COALESCE the column");
                }
                continue;
            }
            try {
                args[i] = Conversions.convert(v, boxed[i], columnName(row, columns[i]));
            } catch (RuntimeException e) { // ClassCast / Arithmetic / NumberFormat from the conversion
                throw new UsageException("cannot map column '" + columnName(row, columns[i]) + "' to component "
                        + declared[i].getSimpleName() + " " + names[i] + " of record " + type.getSimpleName()
                        + ": " + e.getMessage(), e);
            }
        }
        try {
            return type.cast((Object) constructor.invokeExact(args));
        } catch (RuntimeException | Error e) {
            throw e; // the record's own validation, unchanged
        } catch (Throwable t) {
            throw new UsageException("constructor of record " + type.getSimpleName() + " failed: " + t, t);
        }
    }

    private static String columnName(Row row, int column) {
        return row.columns().columns().get(column).name();
    }

    private Plan plan(ColumnIndex index) {
        int[] columns = new int[names.length];
        List<String> missing = null;
        for (int i = 0; i < names.length; i++) {
            Set<String> tried = candidates(names[i]);
            int at = -1;
            for (String candidate : tried) {
                at = index.find(candidate);
                if (at >= 0) {
                    break;
                }
            }
            if (at < 0) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(tried.size() == 1 ? names[i] : names[i] + " (tried " + String.join(", ", tried) + ")");
            }
            columns[i] = at;
        }
        if (missing != null) {
            throw new UsageException("no column for component(s) " + String.join("; ", missing) + " of record "
                    + type.getSimpleName() + "; columns are "
                    + index.columns().stream().map(Column::name).toList());
        }
        return new Plan(index, columns);
    }

    /** The names to look up for a component, in order: as is, snake_case, camelCase. */
    static Set<String> candidates(String name) {
        Set<String> s = new LinkedHashSet<>(4);
        s.add(name);
        s.add(toSnake(name));
        s.add(toCamel(name));
        return s;
    }

    /** {@code createdAt} -> {@code created_at}; {@code httpURLValue} -> {@code http_url_value}. */
    static String toSnake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (prev != '_' && (Character.isLowerCase(prev) || Character.isDigit(prev)
                        || (Character.isUpperCase(prev) && nextLower))) {
                    sb.append('_');
                }
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** {@code created_at} -> {@code createdAt}. */
    static String toCamel(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean up = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && sb.length() > 0) {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "RecordMapper[" + type.getName() + "]";
    }
}
