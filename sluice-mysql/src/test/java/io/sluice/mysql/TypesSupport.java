package io.sluice.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.result.Column;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.mysql.wire.LiteralContext;
import io.sluice.mysql.wire.SqlLiteral;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Round-trip helpers shared by the Types*Test classes: a value goes in as a bound parameter (binary
 * protocol), comes back through both COM_QUERY (text) and COM_STMT_EXECUTE (binary), and the two
 * decodings must equal the expected Java value and each other.
 */
final class TypesSupport {
    private TypesSupport() {
    }

    /** A value to bind and the Java value it must read back as. */
    record Case(Object bind, Object expected) {
    }

    static Case c(Object bind, Object expected) {
        return new Case(bind, expected);
    }

    static Case same(Object v) {
        return new Case(v, v);
    }

    /** Text and binary reads of one SELECT. */
    record Reads(Result text, Result binary) {
    }

    static Reads readBoth(MySqlConnection c, String select) {
        Result text = c.query(select).get(0);
        Result binary = c.execute(select);
        assertEquals(text.rows().size(), binary.rows().size(), "row count, " + select);
        for (int i = 0; i < text.rows().size(); i++) {
            Row t = text.rows().get(i);
            Row b = binary.rows().get(i);
            assertTrue(Objects.deepEquals(t.toArray(), b.toArray()),
                    "text and binary decodings differ for row " + i + " of " + select + ": text " + show(t.toArray())
                            + " binary " + show(b.toArray()));
        }
        return new Reads(text, binary);
    }

    /**
     * Creates {@code (id INT PRIMARY KEY, v <type>)}, inserts every case's bound value (plus a NULL row)
     * with {@code execute}, and checks what {@code query} and {@code execute} read back. With
     * {@code alsoLiteral} every value is inserted a second time through {@link SqlLiteral} over the text
     * protocol and must read back the same.
     */
    static void roundTrip(MySqlConnection c, String type, boolean alsoLiteral, Case... cases) {
        String t = Db.table("ty");
        c.query("create table " + t + " (id int primary key, v " + type + ")");
        try {
            List<Object> expected = new ArrayList<>();
            int id = 0;
            for (Case k : cases) {
                c.execute("insert into " + t + " values (?, ?)", id++, k.bind());
                expected.add(k.expected());
            }
            if (alsoLiteral) {
                LiteralContext ctx = literalContext(c, Charset.forName("UTF-8"));
                for (Case k : cases) {
                    c.query(SqlLiteral.interpolate("insert into " + t + " values (?, ?)", new Object[] {id++, k.bind()}, ctx));
                    expected.add(k.expected());
                }
            }
            c.execute("insert into " + t + " values (?, ?)", id, null);
            expected.add(null);
            Reads r = readBoth(c, "select v from " + t + " order by id");
            Column col = r.binary().columns().columns().get(0);
            for (int i = 0; i < expected.size(); i++) {
                String what = type + " row " + i + " (bound " + show(i < cases.length ? cases[i].bind() : null) + ")";
                assertValue(expected.get(i), r.text().rows().get(i).get(0), "text " + what);
                assertValue(expected.get(i), r.binary().rows().get(i).get(0), "binary " + what);
                if (expected.get(i) != null) {
                    assertTrue(col.javaType().isInstance(expected.get(i)), type + ": column javaType " + col.javaType()
                            + " does not admit " + expected.get(i).getClass());
                }
            }
        } finally {
            c.query("drop table if exists " + t);
        }
    }

    static LiteralContext literalContext(MySqlConnection c, Charset cs) {
        return new LiteralContext(c.noBackslashEscapes(), cs, c.sessionZone());
    }

    static void assertValue(Object expected, Object actual, String what) {
        if (expected == null) {
            assertNull(actual, what);
        } else if (expected instanceof byte[] e) {
            assertTrue(actual instanceof byte[], what + ": expected byte[] but got " + show(actual));
            assertArrayEquals(e, (byte[]) actual, what);
        } else {
            assertEquals(expected, actual, what);
            assertEquals(expected.getClass(), actual.getClass(), what + ": class");
        }
    }

    static String show(Object v) {
        if (v instanceof byte[] b) {
            return b.length > 32 ? "byte[" + b.length + "]" : "byte" + Arrays.toString(b);
        }
        if (v instanceof Object[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : a) {
                sb.append(sb.length() > 1 ? ", " : "").append(show(o));
            }
            return sb.append(']').toString();
        }
        return v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")";
    }

    static byte[] allBytes() {
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}
