package io.sluice.core.sql;

import io.sluice.core.error.UsageException;
import io.sluice.core.spi.Dialect;
import io.sluice.core.sql.SqlScanner.InList;
import io.sluice.core.sql.SqlScanner.Param;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * SQL text with {@code :name} or {@code ?} parameters, parsed once and bound many times: the
 * counterpart of SQLAlchemy's {@code text()}.
 *
 * <h2>What is a parameter</h2>
 * {@code :name} where name is {@code [A-Za-z_][A-Za-z0-9_]*}, or a lone {@code ?}; never inside
 * quotes, identifiers or comments (see {@link Syntax}). Not parameters: {@code ::} casts (so
 * {@code :id::int} is parameter {@code id} cast to int), {@code :=}, a colon not followed by a name
 * start, and a colon glued to a preceding identifier character ({@code a[lo:hi]}, {@code label:}).
 * {@code \:} is a literal colon and {@code ??} a literal {@code ?} (for PostgreSQL jsonb
 * operators); both are unescaped in the rendered text. Native {@code $1} is not a parameter. One
 * statement uses one style: mixing {@code :name} and {@code ?} is a {@link UsageException}.
 *
 * <h2>Binding</h2>
 * Placeholders render with {@link Dialect#placeholder(int)}. With {@code ?} dialects a name used
 * twice binds its value twice. With numbered dialects ({@code $n}) every occurrence of a name reuses
 * one {@code $n}; PostgreSQL then infers one type for it, which is what makes
 * {@code :x IS NULL OR col = :x} work, but it rejects a name used in contexts of different types
 * ("inconsistent types deduced") - use two names there. Missing names are an error; extra names
 * are ignored, as in SQLAlchemy.
 *
 * <h2>IN lists</h2>
 * A {@link Collection} or an array (not {@code byte[]}) bound to a parameter that directly follows
 * {@code IN} / {@code NOT IN}, or is a member of an {@code IN ( ... )} list, expands to one
 * placeholder per element: {@code id IN :ids} and {@code id IN (:ids)} both become
 * {@code id IN (?, ?, ?)}. Anywhere else a collection binds as one value (the driver may send it as an
 * array, e.g. for PostgreSQL {@code = ANY(:ids)}). An empty collection renders as {@code (NULL)}
 * ({@code NULL} inside existing parentheses), so {@code IN} stays valid SQL and matches nothing. For
 * {@code NOT IN} that rendering would silently match nothing too, where the caller means
 * "everything", so an empty collection there is a {@link UsageException}. A scalar bound after a bare
 * {@code IN} renders as {@code (?)}.
 *
 * <h2>Threading and cost</h2>
 * Instances are immutable apart from a one-entry render cache (a volatile field holding an immutable
 * value; a race only recomputes it), so one instance may be cached and shared by all threads. When no
 * IN list expands, {@code bind} reuses the SQL rendered for the dialect and only arranges values.
 */
public final class SqlText {
    private static final int MAX_SQL_IN_MESSAGE = 200;

    private final String sql;
    private final Syntax syntax;
    private final String[] text;
    private final Param[] params;
    private final List<String> names;
    private final int positionalCount;
    private final boolean hasInList;
    private final String qmarkSql;
    private volatile Rendered rendered;

    /** The SQL rendered for one dialect with no IN-list expansion. */
    private record Rendered(Dialect dialect, boolean numbered, String sql) {
    }

    private SqlText(String sql, Syntax syntax) {
        this.sql = sql;
        this.syntax = syntax;
        SqlScanner.Parsed p = SqlScanner.scan(sql, syntax);
        this.text = p.text();
        this.params = p.params();
        this.names = p.names();
        this.positionalCount = p.positionalCount();
        boolean in = false;
        for (Param x : params) {
            in |= x.inList() != InList.NONE;
        }
        this.hasInList = in;
        this.qmarkSql = renderScalar("?", null, false);
    }

    /** Parses with {@link Syntax#GENERIC}; prefer {@link #of(String, Syntax)} when the database is known. */
    public static SqlText of(String sql) {
        return of(sql, Syntax.GENERIC);
    }

    public static SqlText of(String sql, Syntax syntax) {
        if (sql == null || syntax == null) {
            throw new UsageException("sql and syntax must not be null");
        }
        return new SqlText(sql, syntax);
    }

    /** The text as given. */
    public String sql() {
        return sql;
    }

    public Syntax syntax() {
        return syntax;
    }

    /** Distinct parameter names in order of first appearance; empty for positional text. */
    public List<String> parameterNames() {
        return names;
    }

    /** The number of {@code ?} parameters; 0 for named text. */
    public int positionalCount() {
        return positionalCount;
    }

    /** True when the text uses {@code :name} parameters. */
    public boolean isNamed() {
        return !names.isEmpty();
    }

    // ---- binding -------------------------------------------------------------------------------

    /** Binds by name; {@code params} may map names to null. Extra entries are ignored. */
    public BoundSql bind(Map<String, ?> params, Dialect dialect) {
        if (positionalCount > 0) {
            throw new UsageException("SQL uses " + positionalCount + " positional ? parameter(s); bind a List, "
                    + "not a Map: " + abbreviated());
        }
        Object[] vals = new Object[names.size()];
        List<String> missing = null;
        for (int i = 0; i < vals.length; i++) {
            String name = names.get(i);
            Object v = params.get(name);
            if (v == null && !params.containsKey(name)) {
                if (missing == null) {
                    missing = new ArrayList<>();
                }
                missing.add(name);
            }
            vals[i] = v;
        }
        if (missing != null) {
            throw new UsageException("missing value(s) for parameter(s) " + missing + "; given "
                    + params.keySet().stream().sorted().toList() + ": " + abbreviated());
        }
        return render(vals, dialect, true);
    }

    /** Binds {@code ?} parameters in order; the count must match exactly. */
    public BoundSql bind(List<?> positional, Dialect dialect) {
        if (!names.isEmpty()) {
            throw new UsageException("SQL uses named parameters " + names + "; bind a Map or a record, not a List: "
                    + abbreviated());
        }
        if (positional.size() != positionalCount) {
            throw new UsageException("SQL has " + positionalCount + " ? parameter(s) but " + positional.size()
                    + " value(s) were given: " + abbreviated());
        }
        return render(positional.toArray(), dialect, false);
    }

    /**
     * Binds from a {@link Map}, a {@link List}, an {@code Object[]} (positional) or a {@link Record}
     * whose component names are the parameter names. A record that is not public needs
     * {@link #bind(Record, MethodHandles.Lookup, Dialect)}.
     */
    public BoundSql bind(Object source, Dialect dialect) {
        if (source instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, ?> named = (Map<String, ?>) m;
            return bind(named, dialect);
        }
        if (source instanceof List<?> l) {
            return bind(l, dialect);
        }
        if (source instanceof Object[] a) {
            return bind(Arrays.asList(a), dialect);
        }
        if (source instanceof Record r) {
            return bind(ParamSources.fromRecord(r), dialect);
        }
        throw new UsageException("cannot bind parameters from "
                + (source == null ? "null" : "a " + source.getClass().getName())
                + "; pass a Map, a List, an Object[] or a record");
    }

    /** Binds from a record's components, reading them through the caller's {@code lookup}. */
    public BoundSql bind(Record source, MethodHandles.Lookup lookup, Dialect dialect) {
        return bind(ParamSources.fromRecord(source, lookup), dialect);
    }

    private BoundSql render(Object[] vals, Dialect dialect, boolean byName) {
        Rendered r = rendered(dialect);
        if (!needsExpansion(vals)) {
            Object[] out = vals;
            if (byName && !r.numbered()) { // every occurrence binds
                out = new Object[params.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = vals[params[i].slot()];
                }
            } // numbered + named: $k is the k-th distinct name, which is vals' order already
            return new BoundSql(r.sql(), Collections.unmodifiableList(Arrays.asList(out)));
        }
        boolean reuse = byName && r.numbered();
        int[] scalarAt = reuse ? filled(names.size()) : null;
        int[] listAt = reuse ? filled(names.size()) : null;
        List<Object> out = new ArrayList<>(params.length + 8);
        StringBuilder sb = new StringBuilder(sql.length() + 8 * params.length);
        for (int i = 0; i < params.length; i++) {
            sb.append(text[i]);
            Param p = params[i];
            Object v = vals[p.slot()];
            boolean bare = p.inList() == InList.BARE;
            if (p.inList() != InList.NONE && isList(v)) {
                List<Object> elements = elements(v);
                if (elements.isEmpty()) {
                    if (p.negated()) {
                        throw new UsageException("empty collection bound to " + describe(p, byName) + " in NOT IN: "
                                + "SQL has no empty list and (NULL) would match no rows; handle the empty case "
                                + "before querying: " + abbreviated());
                    }
                    sb.append(bare ? "(NULL)" : "NULL");
                    continue;
                }
                int start = reuse ? listAt[p.slot()] : -1;
                if (start < 0) {
                    start = out.size() + 1;
                    out.addAll(elements);
                    if (reuse) {
                        listAt[p.slot()] = start;
                    }
                }
                sb.append(bare ? "(" : "");
                for (int k = 0; k < elements.size(); k++) {
                    sb.append(k == 0 ? "" : ", ").append(dialect.placeholder(start + k));
                }
                sb.append(bare ? ")" : "");
            } else {
                int at = reuse ? scalarAt[p.slot()] : -1;
                if (at < 0) {
                    out.add(v);
                    at = out.size();
                    if (reuse) {
                        scalarAt[p.slot()] = at;
                    }
                }
                sb.append(bare ? "(" : "").append(dialect.placeholder(at)).append(bare ? ")" : "");
            }
        }
        sb.append(text[params.length]);
        return new BoundSql(sb.toString(), Collections.unmodifiableList(out));
    }

    private Rendered rendered(Dialect dialect) {
        Rendered r = rendered;
        if (r == null || r.dialect() != dialect) {
            String first = dialect.placeholder(1);
            boolean numbered = !first.equals(dialect.placeholder(2));
            String s = numbered ? renderScalar(null, dialect, isNamed())
                    : first.equals("?") ? qmarkSql : renderScalar(first, null, false);
            r = new Rendered(dialect, numbered, s);
            rendered = r;
        }
        return r;
    }

    /** Renders every parameter as one placeholder: {@code fixed} if given, else numbered by {@code dialect}. */
    private String renderScalar(String fixed, Dialect dialect, boolean reuseByName) {
        StringBuilder sb = new StringBuilder(sql.length() + 4 * params.length);
        for (int i = 0; i < params.length; i++) {
            Param p = params[i];
            boolean bare = p.inList() == InList.BARE;
            String ph = fixed != null ? fixed : dialect.placeholder(reuseByName ? p.slot() + 1 : i + 1);
            sb.append(text[i]).append(bare ? "(" : "").append(ph).append(bare ? ")" : "");
        }
        return sb.append(text[params.length]).toString();
    }

    private boolean needsExpansion(Object[] vals) {
        if (hasInList) {
            for (Param p : params) {
                if (p.inList() != InList.NONE && isList(vals[p.slot()])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isList(Object v) {
        return v instanceof Collection<?> || (v != null && v.getClass().isArray() && !(v instanceof byte[]));
    }

    private static List<Object> elements(Object v) {
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        int len = Array.getLength(v);
        List<Object> out = new ArrayList<>(len);
        for (int i = 0; i < len; i++) {
            out.add(Array.get(v, i));
        }
        return out;
    }

    private static int[] filled(int size) {
        int[] a = new int[size];
        Arrays.fill(a, -1);
        return a;
    }

    private String describe(Param p, boolean byName) {
        return byName ? ":" + names.get(p.slot()) : "? #" + (p.slot() + 1);
    }

    private String abbreviated() {
        return sql.length() <= MAX_SQL_IN_MESSAGE ? sql : sql.substring(0, MAX_SQL_IN_MESSAGE) + "...";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SqlText t && t.sql.equals(sql) && t.syntax == syntax;
    }

    @Override
    public int hashCode() {
        return sql.hashCode() * 31 + syntax.hashCode();
    }

    @Override
    public String toString() {
        return "SqlText[" + abbreviated() + "]";
    }
}
