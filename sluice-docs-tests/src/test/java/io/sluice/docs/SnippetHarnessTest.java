package io.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: parsing, wrapping, compiling and running, without a database. */
class SnippetHarnessTest {

    private static final String PAGE = """
            # A page

            ```sh
            ./sluice sql URL
            ```

            ```markdown
            ```java id=not-a-snippet
            ```

            ```java id=first
            import java.util.concurrent.atomic.AtomicInteger;

            record Point(int x, int y) {
                int sum() { return x + y; }
            }
            AtomicInteger n = new AtomicInteger(new Point(1, 2).sum());
            assert n.get() == 3 : "sum";
            ```

            - a list item with a block:

              ```java id=second db=postgresql
              int x = 1;
              ```
            """;

    @Test
    void findsJavaBlocksOnlyWithTheirAttributesAndLines() {
        List<Snippet> s = SnippetParser.parse("docs/p.md", PAGE);
        assertEquals(2, s.size(), s.toString());
        assertEquals("first", s.get(0).id());
        assertEquals(Set.of("mysql", "postgresql"), s.get(0).databases());
        assertEquals(11, s.get(0).fenceLine());
        assertEquals(12, s.get(0).lines().get(0).pageLine());
        assertEquals("second", s.get(1).id());
        assertEquals(Set.of("postgresql"), s.get(1).databases());
        assertEquals("int x = 1;", s.get(1).lines().get(0).text(), "the list indentation is removed");
    }

    @Test
    void rejectsBlocksThatWouldSilentlyEscapeTheTests() {
        assertThrows(SnippetParser.SnippetFormatException.class,
                () -> SnippetParser.parse("p.md", "```java\nint x;\n```\n"), "no id");
        assertThrows(SnippetParser.SnippetFormatException.class,
                () -> SnippetParser.parse("p.md", "```java id=a skip\nint x;\n```\n"), "unknown attribute");
        assertThrows(SnippetParser.SnippetFormatException.class,
                () -> SnippetParser.parse("p.md", "```java id=a db=sqlite\nint x;\n```\n"), "unknown db");
        assertThrows(SnippetParser.SnippetFormatException.class,
                () -> SnippetParser.parse("p.md", "```java id=a\nint x;\n"), "never closed");
        List<Snippet> twice = SnippetParser.parse("p.md", "```java id=a\n```\n\n```java id=a\n```\n");
        assertThrows(SnippetParser.SnippetFormatException.class, () -> SnippetParser.requireUniqueIds(twice));
    }

    @Test
    void importsAndDeclarationsAreHoisted() {
        Snippet s = SnippetParser.parse("docs/p.md", PAGE).get(0);
        SnippetCompiler.Source src = SnippetCompiler.generate(s);
        String t = src.text();
        assertTrue(t.contains("import java.util.concurrent.atomic.AtomicInteger;"), t);
        assertTrue(t.contains("    public static record Point(int x, int y) {"), t);
        int runAt = t.indexOf("public static void run(Engine engine, String url)");
        assertTrue(runAt > t.indexOf("record Point"), "the record is a member, not a local: " + t);
        assertTrue(t.indexOf("AtomicInteger n =") > runAt, t);
        int line = t.substring(0, t.indexOf("AtomicInteger n =")).split("\n", -1).length;
        assertEquals(17, src.pageLine(line), "generated lines map back to page lines");
    }

    @Test
    void compileErrorsNameThePageLineAndSpareTheOtherSnippets(@TempDir Path dir) throws Exception {
        String page = """
                ```java id=good
                assert Math.max(1, 2) == 2;
                ```

                ```java id=broken
                int x = 1;
                String y = x;
                ```

                ```java id=failing-assert
                assert 1 + 1 == 3 : "arithmetic";
                ```
                """;
        List<Snippet> s = SnippetParser.parse("docs/p.md", page);
        SnippetCompiler.Compiled c = SnippetCompiler.compile(s, dir);
        AssertionError e = assertThrows(AssertionError.class, () -> c.load(s.get(1)));
        assertTrue(e.getMessage().contains("docs/p.md:7:"), e.getMessage());
        assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());

        Method good = c.load(s.get(0)).getMethod("run", io.sluice.core.engine.Engine.class, String.class);
        good.invoke(null, null, "unused");

        Method bad = c.load(s.get(2)).getMethod("run", io.sluice.core.engine.Engine.class, String.class);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class, () -> bad.invoke(null, null, "x"));
        assertTrue(thrown.getCause() instanceof AssertionError, "assert statements are enabled: " + thrown.getCause());
        assertTrue(Files.exists(dir.resolve("src")), "sources are kept for debugging");
    }

    @Test
    void theGuideParsesAndHasUniqueIds() throws Exception {
        List<Snippet> all = DocSnippetsTest.guide();
        assertTrue(all.size() >= 20, "the guide has " + all.size() + " Java snippets");
    }
}
