package io.sluice.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamTemplateTest {
    private static final int DRAWS = 20_000;

    private static ParamTemplate parse(String sql) throws CliArgs.UsageError {
        return ParamTemplate.parse(sql, Dialect.MYSQL);
    }

    private static String error(String sql) {
        return assertThrows(CliArgs.UsageError.class, () -> parse(sql)).getMessage();
    }

    private static Object one(String placeholder) throws CliArgs.UsageError {
        return parse("select " + placeholder).next(ThreadLocalRandom.current(), new AtomicLong())[0];
    }

    // ---------------------------------------------------------------- parsing

    @Test
    void eachPlaceholderBecomesOneQuestionMark() throws Exception {
        ParamTemplate t = parse("insert into t (a, b, c) values ({int:1:10}, {string:5}, {seq})");
        assertEquals("insert into t (a, b, c) values (?, ?, ?)", t.sql());
        assertEquals(3, t.parameterCount());
        assertEquals(List.of(new Placeholder.IntRange(1, 10), new Placeholder.Alnum(5, 5), new Placeholder.Seq()),
                t.placeholders());
    }

    @Test
    void noPlaceholdersLeavesTheTextAlone() throws Exception {
        ParamTemplate t = parse("select 1");
        assertEquals("select 1", t.sql());
        assertEquals(0, t.parameterCount());
        assertEquals(0, t.next(ThreadLocalRandom.current(), new AtomicLong()).length);
    }

    @Test
    void bracesInsideQuotesAndCommentsAreText() throws Exception {
        String sql = "select '{int:1:2}', \"{seq}\", `{uuid}`, 'it''s {now}', 'a\\'{seq}' /* {seq} */, {int:5:5} "
                + "# {seq}\n -- {seq}\n";
        ParamTemplate t = parse(sql);
        assertEquals(sql.replace("{int:5:5}", "?"), t.sql());
        assertEquals(1, t.parameterCount());
    }

    @Test
    void odbcEscapesAndOtherBracesPassThrough() throws Exception {
        ParamTemplate t = parse("select {fn now()}, {d '2024-01-01'}, {}, { int:1:2}, {int:1:2}");
        assertEquals("select {fn now()}, {d '2024-01-01'}, {}, { int:1:2}, ?", t.sql());
    }

    @Test
    void mysqlDashCommentNeedsASpace() throws Exception {
        assertEquals("select 1--?", parse("select 1--{int:1:2}").sql(), "1--x is arithmetic in MySQL");
        assertEquals("select 1 -- {int:1:2}", parse("select 1 -- {int:1:2}").sql());
    }

    @Test
    void postgresDollarQuotesAndNoBackslashEscapes() throws Exception {
        ParamTemplate t = ParamTemplate.parse("select $$ {seq} $$, $a$ {seq} $a$, 'C:\\', {int:1:2}", Dialect.POSTGRESQL);
        assertEquals("select $$ {seq} $$, $a$ {seq} $a$, 'C:\\', $1".replace("$1", "?"), t.sql());
    }

    @Test
    void kindIsCaseInsensitive() throws Exception {
        assertEquals(List.of(new Placeholder.IntRange(1, 2)), parse("select {INT:1:2}").placeholders());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void rangeErrorsNameTheBounds() {
        assertEquals("placeholder {int:10:1}: min 10 > max 1", error("select {int:10:1}"));
        assertEquals("placeholder {long:5:-5}: min 5 > max -5", error("select {long:5:-5}"));
        assertEquals("placeholder {double:2.5:1}: min 2.5 > max 1", error("select {double:2.5:1}"));
        assertEquals("placeholder {string:9:3}: min 9 > max 3", error("select {string:9:3}"));
    }

    @Test
    void malformedPlaceholders() {
        assertEquals("placeholder {int:1}: expected {int:MIN:MAX}", error("select {int:1}"));
        assertEquals("placeholder {int}: expected {int:MIN:MAX}", error("select {int}"));
        assertEquals("placeholder {int:1:2:3}: expected {int:MIN:MAX}", error("select {int:1:2:3}"));
        assertEquals("placeholder {int:x:2}: min must be an integer, was 'x'", error("select {int:x:2}"));
        assertEquals("placeholder {int:1:3000000000}: max must be between -2147483648 and 2147483647, was 3000000000",
                error("select {int:1:3000000000}"));
        assertEquals("placeholder {double:NaN:1}: min must be finite, was 'NaN'", error("select {double:NaN:1}"));
        assertEquals("placeholder {string:-1}: length must be between 0 and 1048576, was -1", error("select {string:-1}"));
        assertEquals("placeholder {string}: expected {string:LENGTH} or {string:MIN:MAX}", error("select {string}"));
        assertEquals("placeholder {choice:}: expected {choice:a|b|c} with at least one value", error("select {choice:}"));
        assertEquals("placeholder {choice:a|}: choice 2 is empty", error("select {choice:a|}"));
        assertEquals("placeholder {seq:1}: takes no arguments", error("select {seq:1}"));
        assertEquals("placeholder {now:}: takes no arguments", error("select {now:}"));
        assertTrue(error("select {rand:1:2}").startsWith("placeholder {rand:1:2}: unknown placeholder 'rand'; known: {int:MIN:MAX}"));
    }

    @Test
    void unterminatedPlaceholder() {
        assertEquals("placeholder {int:1:2: missing closing '}'", error("select {int:1:2"));
        assertEquals("placeholder {int:1:2: missing closing '}'", error("select {int:1:2\n} + 1"));
    }

    @Test
    void ownParameterMarkersAreRefused() {
        assertTrue(error("select ?, {int:1:2}").startsWith("the SQL has its own parameter markers"));
        assertTrue(error("select :id").startsWith("the SQL has its own parameter markers"));
    }

    @Test
    void markersInsideQuotesOrEscapedAreFine() throws Exception {
        assertEquals(1, parse("select '?', ':x', {int:1:2}").parameterCount());
        assertEquals("select ??, ?", parse("select ??, {int:1:2}").sql(), "?? reaches the engine, which unescapes it");
        assertEquals(0, parse("select @a := 1").parameterCount());
    }

    // ---------------------------------------------------------------- generation

    @Test
    void intStaysInRangeAndHitsBothEnds() throws Exception {
        ParamTemplate t = parse("select {int:-3:3}");
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Object v = t.next(ThreadLocalRandom.current(), new AtomicLong())[0];
            int x = assertInstanceOf(Integer.class, v);
            assertTrue(x >= -3 && x <= 3, "out of range: " + x);
            seen.add(x);
        }
        assertEquals(Set.of(-3, -2, -1, 0, 1, 2, 3), seen);
    }

    @Test
    void intAtTheExtremes() throws Exception {
        assertEquals(Integer.MAX_VALUE, one("{int:2147483647:2147483647}"));
        assertEquals(Integer.MIN_VALUE, one("{int:-2147483648:-2147483648}"));
        for (int i = 0; i < 1000; i++) {
            assertInstanceOf(Integer.class, one("{int:-2147483648:2147483647}"));
        }
    }

    @Test
    void longStaysInRange() throws Exception {
        ParamTemplate t = parse("select {long:10000000000:10000000005}");
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            long x = assertInstanceOf(Long.class, t.next(ThreadLocalRandom.current(), new AtomicLong())[0]);
            assertTrue(x >= 10_000_000_000L && x <= 10_000_000_005L, "out of range: " + x);
            seen.add(x);
        }
        assertEquals(6, seen.size());
        assertEquals(Long.MAX_VALUE, one("{long:9223372036854775807:9223372036854775807}"));
        assertInstanceOf(Long.class, one("{long:-9223372036854775808:9223372036854775807}"));
    }

    @Test
    void doubleIsHalfOpen() throws Exception {
        ParamTemplate t = parse("select {double:1.5:2}");
        for (int i = 0; i < DRAWS; i++) {
            double x = assertInstanceOf(Double.class, t.next(ThreadLocalRandom.current(), new AtomicLong())[0]);
            assertTrue(x >= 1.5 && x < 2, "out of range: " + x);
        }
        assertEquals(7.0, one("{double:7:7}"));
    }

    @Test
    void stringsAreAlphanumericOfTheAskedLength() throws Exception {
        String s = assertInstanceOf(String.class, one("{string:16}"));
        assertEquals(16, s.length());
        assertTrue(s.matches("[A-Za-z0-9]{16}"), s);
        assertEquals("", one("{string:0}"));
        ParamTemplate t = parse("select {string:2:4}");
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            lengths.add(((String) t.next(ThreadLocalRandom.current(), new AtomicLong())[0]).length());
        }
        assertEquals(Set.of(2, 3, 4), lengths);
    }

    @Test
    void uuidIsVersion4() throws Exception {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UUID u = assertInstanceOf(UUID.class, one("{uuid}"));
            assertEquals(4, u.version());
            assertEquals(2, u.variant());
            seen.add(u);
        }
        assertEquals(1000, seen.size());
    }

    @Test
    void choicePicksEveryValue() throws Exception {
        ParamTemplate t = parse("select {choice:red|green|blue}");
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(t.next(ThreadLocalRandom.current(), new AtomicLong())[0]);
        }
        assertEquals(Set.of("red", "green", "blue"), seen);
        assertEquals("a:b", one("{choice:a:b}"), "only | separates choices");
    }

    @Test
    void seqIsOneCounterForAllPlaceholders() throws Exception {
        AtomicLong seq = new AtomicLong();
        ParamTemplate a = parse("select {seq}, {seq}");
        ParamTemplate b = parse("select {seq}");
        assertEquals(List.of(1L, 2L), List.of(a.next(ThreadLocalRandom.current(), seq)));
        assertEquals(List.of(3L), List.of(b.next(ThreadLocalRandom.current(), seq)));
    }

    @Test
    void nowIsTheCurrentInstant() throws Exception {
        Instant before = Instant.now();
        Instant v = assertInstanceOf(Instant.class, one("{now}"));
        assertTrue(!v.isBefore(before) && !v.isAfter(Instant.now()));
    }
}
