package io.sluice.core.sql;

import static io.sluice.core.sql.TestDialects.DOLLAR;
import static io.sluice.core.sql.TestDialects.QMARK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholder rendering, value order, IN-list expansion and binding errors. */
class SqlTextBindTest {
    public record Params(long id, String name) {
    }

    private record Hidden(int id) {
    }

    private static void assertBound(String sql, List<?> values, BoundSql b) {
        assertEquals(sql, b.sql());
        assertEquals(values, b.values());
    }

    @Test
    void questionMarkDialectBindsEveryOccurrence() {
        SqlText t = SqlText.of("select :a + :b + :a");
        assertBound("select ? + ? + ?", List.of(1, 2, 1), t.bind(Map.of("a", 1, "b", 2), QMARK));
    }

    @Test
    void dollarDialectReusesNumberForRepeatedName() {
        SqlText t = SqlText.of("select :a, :b, :a where :b is null or c = :b");
        assertBound("select $1, $2, $1 where $2 is null or c = $2", List.of("A", "B"),
                t.bind(Map.of("a", "A", "b", "B"), DOLLAR));
    }

    @Test
    void positionalRendering() {
        SqlText t = SqlText.of("update t set a = ?, b = ? where id = ?");
        assertEquals(3, t.positionalCount());
        assertBound("update t set a = ?, b = ? where id = ?", List.of(1, 2, 3), t.bind(List.of(1, 2, 3), QMARK));
        assertBound("update t set a = $1, b = $2 where id = $3", List.of(1, 2, 3), t.bind(List.of(1, 2, 3), DOLLAR));
    }

    @Test
    void renderedSqlIsReusedWhenNothingExpands() {
        SqlText t = SqlText.of("select * from t where a = :a and b in :b");
        BoundSql first = t.bind(Map.of("a", 1, "b", 2), QMARK);
        assertEquals("select * from t where a = ? and b in (?)", first.sql());
        assertSame(first.sql(), t.bind(Map.of("a", 3, "b", 4), QMARK).sql());
        BoundSql pg = t.bind(Map.of("a", 1, "b", 2), DOLLAR);
        assertEquals("select * from t where a = $1 and b in ($2)", pg.sql());
        assertSame(pg.sql(), t.bind(Map.of("a", 5, "b", 6), DOLLAR).sql());
        // switching dialects back and forth stays correct
        assertEquals("select * from t where a = ? and b in (?)", t.bind(Map.of("a", 1, "b", 2), QMARK).sql());
    }

    @Test
    void inListWithoutParentheses() {
        SqlText t = SqlText.of("select * from t where id in :ids");
        assertBound("select * from t where id in (?, ?, ?)", List.of(1, 2, 3), t.bind(Map.of("ids", List.of(1, 2, 3)), QMARK));
        assertBound("select * from t where id in ($1, $2, $3)", List.of(1, 2, 3),
                t.bind(Map.of("ids", List.of(1, 2, 3)), DOLLAR));
        assertBound("select * from t where id in (?)", List.of(7), t.bind(Map.of("ids", List.of(7)), QMARK));
        assertBound("select * from t where id in (NULL)", List.of(), t.bind(Map.of("ids", List.of()), QMARK));
    }

    @Test
    void inListWithParentheses() {
        SqlText t = SqlText.of("select * from t where id IN (:ids) and x = :x");
        assertBound("select * from t where id IN (?, ?, ?) and x = ?", List.of(1, 2, 3, "x"),
                t.bind(Map.of("ids", List.of(1, 2, 3), "x", "x"), QMARK));
        assertBound("select * from t where id IN ($1, $2, $3) and x = $4", List.of(1, 2, 3, "x"),
                t.bind(Map.of("ids", List.of(1, 2, 3), "x", "x"), DOLLAR));
        assertBound("select * from t where id IN (?) and x = ?", List.of(1, "x"),
                t.bind(Map.of("ids", List.of(1), "x", "x"), QMARK));
        assertBound("select * from t where id IN (NULL) and x = $1", List.of("x"),
                t.bind(Map.of("ids", List.of(), "x", "x"), DOLLAR));
    }

    @Test
    void inListMemberAmongOthersAndAcrossComments() {
        SqlText t = SqlText.of("select 1 where a in (:a, :ids) and b in /* c */\n(\n:ids\n)");
        assertBound("select 1 where a in (?, ?, ?) and b in /* c */\n(\n?, ?\n)", List.of(0, 1, 2, 1, 2),
                t.bind(Map.of("a", 0, "ids", List.of(1, 2)), QMARK));
        assertBound("select 1 where a in ($1, $2, $3) and b in /* c */\n(\n$2, $3\n)", List.of(0, 1, 2),
                t.bind(Map.of("a", 0, "ids", List.of(1, 2)), DOLLAR));
    }

    @Test
    void arraysExpandButByteArraysDoNot() {
        SqlText t = SqlText.of("select 1 where id in :ids");
        assertBound("select 1 where id in (?, ?)", List.of(4, 5), t.bind(Map.of("ids", new int[] {4, 5}), QMARK));
        assertBound("select 1 where id in (?, ?)", List.of("a", "b"), t.bind(Map.of("ids", new String[] {"a", "b"}), QMARK));
        byte[] blob = {1, 2};
        BoundSql b = t.bind(Map.of("ids", blob), QMARK);
        assertEquals("select 1 where id in (?)", b.sql());
        assertSame(blob, b.values().get(0));
    }

    @Test
    void collectionsOutsideInBindAsOneValue() {
        SqlText t = SqlText.of("select 1 where id = any(:ids) or id in (select x from u where y = :ids)",
                Syntax.POSTGRES);
        List<Integer> ids = List.of(1, 2);
        assertBound("select 1 where id = any($1) or id in (select x from u where y = $1)", List.of(ids),
                t.bind(Map.of("ids", ids), DOLLAR));
    }

    @Test
    void notInWithEmptyCollectionIsRefused() {
        SqlText t = SqlText.of("select 1 where id not in (:ids)");
        assertBound("select 1 where id not in (?, ?)", List.of(1, 2), t.bind(Map.of("ids", List.of(1, 2)), QMARK));
        UsageException e = assertThrows(UsageException.class, () -> t.bind(Map.of("ids", List.of()), QMARK));
        assertTrue(e.getMessage().contains("empty collection bound to :ids in NOT IN"), e.getMessage());
        assertThrows(UsageException.class, () -> SqlText.of("select 1 where id NOT IN :ids")
                .bind(Map.of("ids", List.of()), QMARK));
    }

    @Test
    void positionalInListExpands() {
        SqlText t = SqlText.of("select 1 where a = ? and id in ?");
        assertBound("select 1 where a = $1 and id in ($2, $3)", List.of("a", 1, 2), t.bind(List.of("a", List.of(1, 2)), DOLLAR));
        assertBound("select 1 where a = ? and id in (NULL)", List.of("a"), t.bind(List.of("a", List.of()), QMARK));
    }

    @Test
    void wordsEndingInInAreNotIn() {
        SqlText t = SqlText.of("select 1 where login = :v or join_in(:v)");
        List<Integer> v = List.of(1, 2);
        assertBound("select 1 where login = ? or join_in(?)", List.of(v, v), t.bind(Map.of("v", v), QMARK));
    }

    @Test
    void missingNamesAreListed() {
        SqlText t = SqlText.of("select :a, :b, :c");
        UsageException e = assertThrows(UsageException.class, () -> t.bind(Map.of("b", 1, "zz", 2), QMARK));
        assertTrue(e.getMessage().startsWith("missing value(s) for parameter(s) [a, c]; given [b, zz]: select :a"),
                e.getMessage());
    }

    @Test
    void nullValuesAndExtraNames() {
        Map<String, Object> m = new HashMap<>();
        m.put("a", null);
        m.put("unused", 1);
        assertBound("select ?", Arrays.asList((Object) null), SqlText.of("select :a").bind(m, QMARK));
    }

    @Test
    void wrongSourceKind() {
        UsageException e1 = assertThrows(UsageException.class, () -> SqlText.of("select :a").bind(List.of(1), QMARK));
        assertTrue(e1.getMessage().contains("named parameters [a]"), e1.getMessage());
        UsageException e2 = assertThrows(UsageException.class, () -> SqlText.of("select ?").bind(Map.of(), QMARK));
        assertTrue(e2.getMessage().contains("positional"), e2.getMessage());
        UsageException e3 = assertThrows(UsageException.class, () -> SqlText.of("select ?, ?").bind(List.of(1), QMARK));
        assertTrue(e3.getMessage().contains("2 ? parameter(s) but 1 value(s)"), e3.getMessage());
        assertThrows(UsageException.class, () -> SqlText.of("select :a").bind((Object) "text", QMARK));
    }

    @Test
    void bindFromRecordAndObjectSources() {
        SqlText t = SqlText.of("select * from t where id = :id and name = :name");
        assertBound("select * from t where id = $1 and name = $2", List.of(5L, "n"), t.bind(new Params(5, "n"), DOLLAR));
        Object asObject = Map.of("id", 1, "name", "m");
        assertBound("select * from t where id = ? and name = ?", List.of(1, "m"), t.bind(asObject, QMARK));
        Object positional = new Object[] {1, 2};
        assertBound("select ?, ?", List.of(1, 2), SqlText.of("select ?, ?").bind(positional, QMARK));
    }

    @Test
    void privateRecordNeedsLookup() {
        SqlText t = SqlText.of("select :id");
        UsageException e = assertThrows(UsageException.class, () -> t.bind((Object) new Hidden(3), QMARK));
        assertTrue(e.getMessage().contains("MethodHandles.Lookup"), e.getMessage());
        assertBound("select ?", List.of(3), t.bind(new Hidden(3), MethodHandles.lookup(), QMARK));
    }

    @Test
    void valuesAreNeverSplicedAndListIsImmutable() {
        String evil = "'; drop table t; --";
        BoundSql b = SqlText.of("select :s").bind(Map.of("s", evil), QMARK);
        assertEquals("select ?", b.sql());
        assertThrows(UnsupportedOperationException.class, () -> b.values().add(1));
        assertTrue(!b.toString().contains("drop"), "toString hides values");
    }

    /** The render cache is one volatile field; threads alternating dialects must never see the other's SQL. */
    @Test
    void sharedInstanceAcrossThreadsAndDialects() throws Exception {
        SqlText t = SqlText.of("select :a, :b, :a");
        java.util.concurrent.atomic.AtomicInteger bad = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new java.util.ArrayList<>();
        for (int k = 0; k < 8; k++) {
            int seed = k;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2000; i++) {
                    boolean pg = ((i + seed) & 1) == 0;
                    BoundSql b = t.bind(Map.of("a", i, "b", seed), pg ? DOLLAR : QMARK);
                    String want = pg ? "select $1, $2, $1" : "select ?, ?, ?";
                    List<Object> vals = pg ? List.of(i, seed) : List.of(i, seed, i);
                    if (!b.sql().equals(want) || !b.values().equals(vals)) {
                        bad.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, bad.get());
    }
}
