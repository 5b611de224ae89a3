package io.sluice.core.sql;

import static io.sluice.core.sql.TestDialects.DOLLAR;
import static io.sluice.core.sql.TestDialects.QMARK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the scanner takes for a parameter, and what it leaves alone. */
class SqlTextScannerTest {
    private static List<String> names(String sql, Syntax syntax) {
        return SqlText.of(sql, syntax).parameterNames();
    }

    /** Renders with every named parameter bound to its own name, for ? dialects. */
    private static String mysql(String sql, Syntax syntax) {
        SqlText t = SqlText.of(sql, syntax);
        Map<String, Object> m = new java.util.HashMap<>();
        t.parameterNames().forEach(n -> m.put(n, n));
        return t.bind(m, QMARK).sql();
    }

    @Test
    void plainNamedParameters() {
        SqlText t = SqlText.of("select * from t where a = :a and b = :b_2");
        assertEquals(List.of("a", "b_2"), t.parameterNames());
        assertTrue(t.isNamed());
        assertEquals(0, t.positionalCount());
        assertEquals("select * from t where a = ? and b = ?", mysql(t.sql(), Syntax.GENERIC));
    }

    @Test
    void parameterAfterParenCommaAndEquals() {
        assertEquals(List.of("a", "b", "c", "d"), names("insert into t values(:a,:b) on x=:c or (:d)", Syntax.MYSQL));
        assertEquals("insert into t values(?,?) on x=?", mysql("insert into t values(:a,:b) on x=:c", Syntax.MYSQL));
    }

    @Test
    void singleQuotedLiteralsHideParameters() {
        for (Syntax s : Syntax.values()) {
            assertEquals(List.of("y"), names("select ':x', 'a '':x'' b', :y", s), s.name());
        }
    }

    @Test
    void doubleQuotesHideParameters() {
        for (Syntax s : Syntax.values()) {
            assertEquals(List.of("y"), names("select \"col:x\", \"a \"\":x\" from t where c = :y", s), s.name());
        }
    }

    @Test
    void backticksAreQuotesForMysqlOnly() {
        assertEquals(List.of("y"), names("select `:x` from t where a = :y", Syntax.MYSQL));
        assertEquals(List.of("y"), names("select `:x` from t where a = :y", Syntax.GENERIC));
        assertEquals(List.of("x", "y"), names("select `:x` from t where a = :y", Syntax.POSTGRES));
    }

    @Test
    void mysqlBackslashEscapesInStrings() {
        assertEquals(List.of("y"), names("select 'it\\'s :x', \"q\\\":x\" , :y", Syntax.MYSQL));
        assertEquals("select 'it\\'s :x', ?", mysql("select 'it\\'s :x', :y", Syntax.MYSQL));
    }

    @Test
    void postgresBackslashIsLiteralInStandardStrings() {
        // standard_conforming_strings: 'C:\' ends at the second quote
        assertEquals(List.of("y"), names("select 'C:\\', :y", Syntax.POSTGRES));
        // ... but not in E'...' strings
        assertEquals(List.of("y"), names("select E'it\\'s :x', :y", Syntax.POSTGRES));
        assertEquals(List.of("y"), names("select e'\\\\', :y", Syntax.POSTGRES));
    }

    @Test
    void dollarQuotes() {
        assertEquals(List.of("z"), names("select $$ :x ' $$, $tag$ :y $$ 'x $tag$, :z", Syntax.POSTGRES));
        assertEquals(List.of("z"), names("select $$ :x $$, :z", Syntax.GENERIC));
        assertEquals(List.of("x", "z"), names("select $$ :x $$, :z", Syntax.MYSQL), "no dollar quotes in MySQL");
        // $1 is not a dollar quote, and a$b$ is an identifier
        assertEquals(List.of("z"), names("select a$b$, $1, :z", Syntax.POSTGRES));
    }

    @Test
    void lineComments() {
        for (Syntax s : Syntax.values()) {
            assertEquals(List.of("y"), names("select 1 -- see :x, don't\n , :y", s), s.name());
        }
        // MySQL: "--" needs whitespace after it to start a comment; 1--:x is 1 - (- :x)
        assertEquals(List.of("x"), names("select 1--:x", Syntax.MYSQL));
        assertEquals(List.of(), names("select 1--:x", Syntax.POSTGRES));
        assertEquals(List.of(), names("select 1 --", Syntax.MYSQL));
    }

    @Test
    void hashCommentsForMysqlOnly() {
        assertEquals(List.of("y"), names("select 1 # :x it's\n, :y", Syntax.MYSQL));
        assertEquals(List.of("y"), names("select 1 # :x\n, :y", Syntax.GENERIC));
        assertEquals(List.of("x", "y"), names("select 1 # :x\n, :y", Syntax.POSTGRES), "# is XOR in PostgreSQL");
    }

    @Test
    void blockComments() {
        for (Syntax s : Syntax.values()) {
            assertEquals(List.of("y"), names("select /* :x 'q */ :y", s), s.name());
        }
        String nested = "select /* a /* :x */ :y */ :z";
        assertEquals(List.of("z"), names(nested, Syntax.POSTGRES), "PostgreSQL block comments nest");
        assertEquals(List.of("y", "z"), names(nested, Syntax.MYSQL), "MySQL comment ends at the first */");
    }

    @Test
    void castsAreNotParameters() {
        assertEquals(List.of(), names("select x::int, '1'::text", Syntax.POSTGRES));
        SqlText t = SqlText.of("select :id::int8 + x::int", Syntax.POSTGRES);
        assertEquals(List.of("id"), t.parameterNames());
        assertEquals("select $1::int8 + x::int", t.bind(Map.of("id", 1), DOLLAR).sql());
    }

    @Test
    void assignmentIsNotAParameter() {
        assertEquals(List.of(), names("set @a:=1", Syntax.MYSQL));
        assertEquals(List.of("v"), names("select @a := :v", Syntax.MYSQL));
        assertEquals("select @a := ?", mysql("select @a := :v", Syntax.MYSQL));
    }

    @Test
    void colonWithoutNameStartIsNotAParameter() {
        assertEquals(List.of(), names("select ': x', a : b, x :1", Syntax.GENERIC));
        assertEquals(List.of(), names("select a : b, x :1, y:", Syntax.GENERIC));
    }

    @Test
    void arraySlicesAndLabels() {
        assertEquals(List.of(), names("select a[1:2], a[lo:hi] from t", Syntax.POSTGRES));
        assertEquals(List.of(), names("lbl:BEGIN END", Syntax.MYSQL));
        assertEquals(List.of("n"), names("select a[1: :n]", Syntax.POSTGRES));
    }

    @Test
    void escapedColonIsLiteral() {
        SqlText t = SqlText.of("select \\:notparam, ':kept', :p");
        assertEquals(List.of("p"), t.parameterNames());
        assertEquals("select :notparam, ':kept', ?", t.bind(Map.of("p", 1), QMARK).sql());
    }

    @Test
    void doubledQuestionMarkIsLiteral() {
        SqlText t = SqlText.of("select data ?? 'k', data ??| array['a'] from t where id = :id", Syntax.POSTGRES);
        assertEquals(List.of("id"), t.parameterNames());
        assertEquals("select data ? 'k', data ?| array['a'] from t where id = $1",
                t.bind(Map.of("id", 1), DOLLAR).sql());
    }

    @Test
    void questionMarksInsideLiteralsAndCommentsAreNotParameters() {
        SqlText t = SqlText.of("select '?', \"?\", `?` /* ? */ -- ?\n, ?", Syntax.MYSQL);
        assertEquals(1, t.positionalCount());
        assertFalse(t.isNamed());
    }

    @Test
    void mixingStylesIsAnError() {
        UsageException e = assertThrows(UsageException.class, () -> SqlText.of("select :a, ?"));
        assertTrue(e.getMessage().contains("mixes :name parameters"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 7") && e.getMessage().contains("offset 11"), e.getMessage());
    }

    @Test
    void unterminatedConstructsRunToTheEnd() {
        assertEquals(List.of(), names("select ':x", Syntax.GENERIC));
        assertEquals(List.of(), names("select /* :x", Syntax.GENERIC));
        assertEquals(List.of(), names("select $q$ :x", Syntax.POSTGRES));
        assertEquals(List.of(), names("select 'x\\", Syntax.MYSQL));
    }

    @Test
    void namesAreAsciiIdentifiers() {
        assertEquals(List.of("a1_B2", "_x"), names("select :a1_B2, :_x, :9", Syntax.GENERIC));
    }

    @Test
    void textWithoutParameters() {
        SqlText t = SqlText.of("select 1");
        assertEquals(List.of(), t.parameterNames());
        assertEquals(0, t.positionalCount());
        assertEquals("select 1", t.bind(Map.of("extra", 1), QMARK).sql());
        assertEquals("select 1", t.bind(List.of(), DOLLAR).sql());
    }

    @Test
    void parsingIsPureAndEqualByText() {
        assertEquals(SqlText.of("select :a"), SqlText.of("select :a"));
        assertEquals(SqlText.of("select :a").hashCode(), SqlText.of("select :a").hashCode());
        assertFalse(SqlText.of("select :a", Syntax.MYSQL).equals(SqlText.of("select :a", Syntax.POSTGRES)));
    }
}
