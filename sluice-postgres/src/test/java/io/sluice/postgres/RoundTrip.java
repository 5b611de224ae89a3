package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.sluice.core.result.Result;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The round trip every type test runs against the real server. For one {@link Case} (an SQL type, a
 * literal the server parses itself, the Java value to bind, the Java value expected back):
 * <ol>
 *   <li>bind the value as a parameter ({@code execute}: the driver encodes it as the server's
 *       ParameterDescription type asks) and read it straight back in binary;</li>
 *   <li>store it in a column of that type, read the column back with {@code execute} (binary
 *       results) and with {@code query} (simple protocol, text results);</li>
 *   <li>read the server-side literal {@code select 'lit'::type} in both protocols;</li>
 *   <li>ask the SERVER whether the stored value equals the literal (compared as text), so that an
 *       encoder and decoder that are wrong in the same way cannot pass by agreeing with each other.</li>
 * </ol>
 * Every read must equal {@code expected} ({@link Objects#deepEquals}: arrays element-wise, nested
 * arrays deeply, {@code Double.NaN} equal to itself, {@code -0.0} distinct from {@code 0.0},
 * BigDecimal scale significant) and have exactly its class.
 */
final class RoundTrip {
    private RoundTrip() {
    }

    /** One value of one type; {@code literal} may be null when the server has no literal for it. */
    record Case(String type, String literal, Object value, Object expected) {
        @Override
        public String toString() {
            return type + " " + (literal != null ? "'" + shorten(literal) + "'" : show(value));
        }
    }

    static Case c(String type, String literal, Object value) {
        return new Case(type, literal, value, value);
    }

    static Case c(String type, String literal, Object value, Object expected) {
        return new Case(type, literal, value, expected);
    }

    static void run(PgConnection c, Case k) {
        String t = Pg.table("rt");
        c.query("create temp table " + t + " (id int, v " + k.type() + ")");
        try {
            same(k, "parameter echo (binary param, binary result)",
                    c.execute("select $1::" + k.type(), k.value()).rows().get(0).get(0));

            c.execute("insert into " + t + " values (1, $1)", k.value());
            same(k, "stored, extended protocol (binary result)",
                    c.execute("select v from " + t + " where id = $1", 1).rows().get(0).get(0));
            same(k, "stored, simple protocol (text result)",
                    c.query("select v from " + t + " where id = 1").get(0).rows().get(0).get(0));

            if (k.literal() != null) {
                String lit = "'" + k.literal().replace("'", "''") + "'::" + k.type();
                same(k, "literal, simple protocol (text result)", c.query("select " + lit).get(0).rows().get(0).get(0));
                same(k, "literal, extended protocol (binary result)", c.execute("select " + lit).rows().get(0).get(0));
                // the server's own verdict on what was bound: catches symmetric encode/decode bugs
                Result r = c.query("select v::text = (" + lit + ")::text, v::text, (" + lit + ")::text from " + t).get(0);
                Boolean eq = (Boolean) r.rows().get(0).get(0);
                if (!Boolean.TRUE.equals(eq)) {
                    fail(k + ": the server stored " + r.rows().get(0).get(1) + " for the bound value, but the literal is "
                            + r.rows().get(0).get(2));
                }
            }

            // NULL of the type reads back as null both ways
            c.execute("insert into " + t + " values (2, $1)", (Object) null);
            assertEquals(null, c.execute("select v from " + t + " where id = $1", 2).rows().get(0).get(0), k + ": null");
            assertEquals(null, c.query("select v from " + t + " where id = 2").get(0).rows().get(0).get(0), k + ": null");
        } finally {
            c.query("drop table " + t);
        }
    }

    static void runAll(PgConnection c, List<Case> cases) {
        AssertionError first = null;
        int failed = 0;
        for (Case k : cases) {
            try {
                run(c, k);
            } catch (AssertionError | RuntimeException e) {
                failed++;
                if (first == null) {
                    first = new AssertionError(e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw new AssertionError(failed + " of " + cases.size() + " case(s) failed; first: " + first.getMessage()
                    + suppressedSummary(first), first);
        }
    }

    private static String suppressedSummary(AssertionError e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable s : e.getSuppressed()) {
            sb.append("\n  also: ").append(s.getClass().getSimpleName()).append(": ").append(s.getMessage());
        }
        return sb.toString();
    }

    static void same(Case k, String how, Object actual) {
        same(k.expected(), actual, k + ": " + how);
    }

    static void same(Object expected, Object actual, String what) {
        if (!Objects.deepEquals(expected, actual)) {
            fail(what + ": expected " + show(expected) + " but got " + show(actual));
        }
        if (expected != null && expected.getClass() != actual.getClass()) {
            fail(what + ": expected a " + expected.getClass().getSimpleName() + " but got a "
                    + actual.getClass().getSimpleName() + " " + show(actual));
        }
        if (expected instanceof Object[] ea) {
            sameClasses(ea, (Object[]) actual, what);
        }
    }

    private static void sameClasses(Object[] e, Object[] a, String what) {
        for (int i = 0; i < e.length; i++) {
            if (e[i] != null && e[i].getClass() != a[i].getClass()) {
                fail(what + ": element " + i + " expected a " + e[i].getClass().getSimpleName() + " but got a "
                        + a[i].getClass().getSimpleName());
            }
            if (e[i] instanceof Object[] sub) {
                sameClasses(sub, (Object[]) a[i], what);
            }
        }
    }

    static String show(Object v) {
        if (v == null) {
            return "null";
        }
        String s;
        if (v instanceof Object[] a) {
            s = Arrays.deepToString(a);
        } else if (v instanceof byte[] b) {
            s = "bytes" + (b.length > 16 ? "[" + b.length + "]" : Arrays.toString(b));
        } else if (v instanceof Float f && f == 0f) {
            s = (1 / f < 0 ? "-" : "") + "0.0f";
        } else if (v instanceof Double d && d == 0d) {
            s = (1 / d < 0 ? "-" : "") + "0.0";
        } else if (v instanceof java.math.BigDecimal d) {
            s = d.toPlainString() + " (scale " + d.scale() + ")";
        } else {
            s = String.valueOf(v);
        }
        return shorten(s) + " <" + v.getClass().getSimpleName() + ">";
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
