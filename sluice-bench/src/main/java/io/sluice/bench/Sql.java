package io.sluice.bench;

/** Statements shared by every target, so all of them run exactly the same SQL. */
public final class Sql {
    public static final String INSERT = "insert into bench_insert (id, a, b, c, d, e) values (?, ?, ?, ?, ?, ?)";
    public static final String FETCH = "select id, a, b, c, d, e from bench_fetch where id <= ?";
    public static final String COLUMNS = "bench_insert (id, a, b, c, d, e)";

    private Sql() {
    }

    /** {@code ?} -> {@code $1, $2, ...} (our statements have no string literals, so no quoting to respect). */
    public static String dollar(String sql) {
        StringBuilder sb = new StringBuilder(sql.length() + 8);
        int n = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?') {
                sb.append('$').append(++n);
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
