package io.sluice.cli;

import io.sluice.core.error.UsageException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.sluice.cli.Dialect.MYSQL;
import static io.sluice.cli.Dialect.POSTGRESQL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementSplitterTest {

    private static List<String> my(String script) {
        return StatementSplitter.split(script, MYSQL);
    }

    private static List<String> pg(String script) {
        return StatementSplitter.split(script, POSTGRESQL);
    }

    @Test
    void splitsOnSemicolonAndKeepsTrailingStatementWithoutOne() {
        assertEquals(List.of("select 1", "select 2", "select 3"), my("select 1; select 2 ;\n select 3"));
    }

    @Test
    void skipsEmptyAndCommentOnlyStatements() {
        assertEquals(List.of("select 1"), my(";;  ;\nselect 1;\n-- trailing note\n; /* nothing */ ;"));
        assertEquals(List.of(), my(""));
        assertEquals(List.of(), my("   \n\n"));
    }

    @Test
    void semicolonsInsideQuotesDoNotSplit() {
        assertEquals(List.of("select 'a;b', \"c;d\", `e;f`", "select 2"),
                my("select 'a;b', \"c;d\", `e;f`; select 2"));
    }

    @Test
    void doubledQuotesStayInsideTheString() {
        assertEquals(List.of("select 'it''s; fine'", "select 2"), my("select 'it''s; fine'; select 2"));
        assertEquals(List.of("select 'it''s; fine'", "select 2"), pg("select 'it''s; fine'; select 2"));
        assertEquals(List.of("select `a``;b`", "x"), my("select `a``;b`; x"));
    }

    @Test
    void backslashEscapesQuoteInMysql() {
        assertEquals(List.of("select 'it\\'s; fine'", "select 2"), my("select 'it\\'s; fine'; select 2"));
        assertEquals(List.of("select \"a\\\";b\"", "select 2"), my("select \"a\\\";b\"; select 2"));
        // an escaped backslash does not escape the closing quote
        assertEquals(List.of("select 'a\\\\'", "select 2"), my("select 'a\\\\'; select 2"));
    }

    @Test
    void backslashIsLiteralInPostgresStringsButEscapesInEStrings() {
        assertEquals(List.of("select 'C:\\'", "select 2"), pg("select 'C:\\'; select 2"));
        assertEquals(List.of("select E'it\\'s; x'", "select 2"), pg("select E'it\\'s; x'; select 2"));
        // "type" ends in e but is an identifier, not an E prefix
        assertEquals(List.of("select type'x\\'", "y"), pg("select type'x\\'; y"));
    }

    @Test
    void commentsHideSemicolons() {
        assertEquals(List.of("select 1 -- a; b\n+ 1", "select 2"), my("select 1 -- a; b\n+ 1; select 2"));
        assertEquals(List.of("select 1 # a; b\n+ 1", "select 2"), my("select 1 # a; b\n+ 1; select 2"));
        assertEquals(List.of("select /* a; b */ 1", "select 2"), my("select /* a; b */ 1; select 2"));
        assertEquals(List.of("select /* a;\n b */ 1", "select 2"), my("select /* a;\n b */ 1; select 2"));
    }

    @Test
    void mysqlDoubleDashNeedsWhitespaceAfterIt() {
        // MySQL manual 11.7: "5--3" is 5 minus -3, not a comment
        assertEquals(List.of("select 5--3", "select 2"), my("select 5--3; select 2"));
        assertEquals(List.of("select 5--3; select 2"), pg("select 5--3; select 2"));
    }

    @Test
    void hashIsAnOperatorInPostgres() {
        assertEquals(List.of("select 5 # 3", "select 2"), pg("select 5 # 3; select 2"));
    }

    @Test
    void postgresBlockCommentsNestButMysqlOnesDoNot() {
        assertEquals(List.of("/* a /* b */ c; */ select 1", "select 2"), pg("/* a /* b */ c; */ select 1; select 2"));
        assertEquals(List.of("/* a /* b */ c", "*/ select 1", "select 2"), my("/* a /* b */ c; */ select 1; select 2"));
    }

    @Test
    void dollarQuotesInPostgres() {
        String fn = "create function f() returns int as $$ begin; return 1; end $$ language plpgsql";
        assertEquals(List.of(fn, "select f()"), pg(fn + ";\nselect f();"));
        String tagged = "do $body$ begin raise notice '$$;'; end $body$";
        assertEquals(List.of(tagged, "select 1"), pg(tagged + "; select 1"));
        String multiline = "do $x$\nbegin\n  perform 1;\nend\n$x$";
        assertEquals(List.of(multiline, "select 1"), pg(multiline + ";\nselect 1;\n"));
    }

    @Test
    void dollarThatIsNotATagDoesNotQuote() {
        assertEquals(List.of("select $1", "select 2"), pg("select $1; select 2"));
        assertEquals(List.of("select a$b$c", "select 2"), pg("select a$b$c; select 2"));
    }

    @Test
    void delimiterCommandForMysqlProcedures() {
        String script = """
                DELIMITER //
                create procedure p() begin select 1; select 2; end//
                DELIMITER ;
                call p();
                """;
        assertEquals(List.of("create procedure p() begin select 1; select 2; end", "call p()"), my(script));
    }

    @Test
    void delimiterWithoutArgumentIsReported() {
        UsageException e = assertThrows(UsageException.class, () -> my("select 1;\ndelimiter\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void unterminatedQuoteIsReportedWithItsLine() {
        UsageException e = assertThrows(UsageException.class, () -> my("select 1;\nselect 'abc;\n"));
        assertEquals("unterminated '...' string starting on line 2", e.getMessage());
        UsageException c = assertThrows(UsageException.class, () -> my("select 1 /* open"));
        assertEquals("unterminated /* comment starting on line 1", c.getMessage());
        UsageException d = assertThrows(UsageException.class, () -> pg("select $q$ x"));
        assertEquals("unterminated $q$ quoted string starting on line 1", d.getMessage());
    }

    @Test
    void crlfInsideStringIsKeptAndStatementsStream() {
        StatementSplitter s = new StatementSplitter(MYSQL);
        List<String> out = new ArrayList<>();
        out.addAll(s.feed("insert into t values ('a\r\n"));
        assertEquals(List.of(), out);
        out.addAll(s.feed("b');\r\n"));
        assertEquals(List.of("insert into t values ('a\r\nb')"), out);
        out.addAll(s.feed("select 1"));
        out.addAll(s.finish());
        assertEquals(List.of("insert into t values ('a\r\nb')", "select 1"), out);
    }

    @Test
    void sourceReadsLazily() {
        StatementSource src = StatementSource.of("select 1;\nselect 2;\n", MYSQL);
        assertTrue(src.hasNext());
        assertEquals("select 1", src.next());
        assertEquals("select 2", src.next());
        assertTrue(!src.hasNext());
    }
}
