package io.sluice.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadOptionsTest {
    private static final String URL = "mysql://u:pw@h:3306/db";

    private static LoadOptions parse(String... args) throws CliArgs.UsageError {
        return LoadOptions.parse(List.of(args));
    }

    private static String error(String... args) {
        return assertThrows(CliArgs.UsageError.class, () -> parse(args)).getMessage();
    }

    @Test
    void defaults() throws Exception {
        LoadOptions o = parse(URL, "--sql", "select 1");
        assertEquals(URL, o.url());
        assertEquals(1, o.statements().size());
        assertEquals(1, o.statements().getFirst().weight());
        assertEquals("select 1", o.statements().getFirst().template().sql());
        assertEquals(8, o.concurrency());
        assertNull(o.poolSize(), "default follows the URL, else concurrency");
        assertNull(o.maxOverflow());
        assertNull(o.poolTimeout());
        assertEquals(Duration.ofSeconds(10), o.duration());
        assertEquals(Duration.ZERO, o.warmup());
        assertEquals(0, o.rate());
        assertFalse(o.async());
        assertEquals(LoadOptions.Format.TEXT, o.format());
        assertEquals(LoadOptions.Progress.AUTO, o.progress());
        assertEquals(List.of(), o.setup());
        assertEquals(List.of(), o.cleanup());
    }

    @Test
    void everyOptionInBothSpellings() throws Exception {
        LoadOptions o = parse("--concurrency=32", URL, "--sql", "select {int:1:9}", "--pool-size", "8",
                "--max-overflow=-1", "--pool-timeout", "250ms", "--duration=1m", "--warmup", "2s", "--rate", "1500.5",
                "--async", "--format", "JSON", "--progress=off", "--setup", "create table t (x int)",
                "--cleanup=drop table t", "--setup", "insert into t values (1)");
        assertEquals(32, o.concurrency());
        assertEquals(8, o.poolSize());
        assertEquals(-1, o.maxOverflow());
        assertEquals(Duration.ofMillis(250), o.poolTimeout());
        assertEquals(Duration.ofMinutes(1), o.duration());
        assertEquals(Duration.ofSeconds(2), o.warmup());
        assertEquals(1500.5, o.rate());
        assertTrue(o.async());
        assertEquals(LoadOptions.Format.JSON, o.format());
        assertEquals(LoadOptions.Progress.OFF, o.progress());
        assertEquals(List.of("create table t (x int)", "insert into t values (1)"), o.setup());
        assertEquals(List.of("drop table t"), o.cleanup());
        assertEquals("select ?", o.statements().getFirst().template().sql());
    }

    @Test
    void weightsAndSeveralStatements() throws Exception {
        LoadOptions o = parse(URL, "--sql", "weight=3:select {int:1:2}", "--sql", "select 2", "--sql", " WEIGHT = 2 :select 3");
        assertEquals(List.of(3, 1, 2), o.statements().stream().map(LoadOptions.Statement::weight).toList());
        assertEquals(List.of("select ?", "select 2", "select 3"),
                o.statements().stream().map(s -> s.template().sql()).toList());
        assertEquals(6, o.totalWeight());
    }

    @Test
    void helpReturnsNull() throws Exception {
        assertNull(parse("--help"));
        assertNull(parse(URL, "--sql", "x", "--help"));
    }

    @Test
    void usageErrors() {
        assertEquals("missing connection URL for 'load'", error("--sql", "select 1"));
        assertEquals("'load' needs at least one --sql statement", error(URL));
        assertEquals("unexpected argument 'select 1' for 'load' (give statements with --sql)", error(URL, "select 1"));
        assertEquals("unknown option '--threads' for 'load'", error(URL, "--threads", "4"));
        assertEquals("option --sql needs a value", error(URL, "--sql"));
        assertEquals("option --sql needs a value", error(URL, "--sql", "--duration", "1s"));
        assertEquals("--concurrency must be between 1 and 100000, was 0", error(URL, "--sql", "x", "--concurrency", "0"));
        assertEquals("--concurrency must be an integer, was 'many'", error(URL, "--sql", "x", "--concurrency", "many"));
        assertEquals("--pool-size must be between 1 and 100000, was 0", error(URL, "--sql", "x", "--pool-size", "0"));
        assertEquals("--max-overflow must be between -1 and 100000, was -2", error(URL, "--sql", "x", "--max-overflow=-2"));
        assertEquals("--duration must be greater than 0, was '0s'", error(URL, "--sql", "x", "--duration", "0s"));
        assertEquals("--duration must be a duration like 500ms, 10s, 5m or a number of milliseconds, was 'soon'",
                error(URL, "--sql", "x", "--duration", "soon"));
        assertEquals("--warmup must not be negative, was '-1s'", error(URL, "--sql", "x", "--warmup=-1s"));
        assertEquals("--rate must be greater than 0 and at most 10000000, was '0'", error(URL, "--sql", "x", "--rate", "0"));
        assertEquals("--rate must be a number of operations per second, was 'fast'", error(URL, "--sql", "x", "--rate", "fast"));
        assertEquals("unknown format 'csv' for load; use text or json", error(URL, "--sql", "x", "--format", "csv"));
        assertEquals("--progress must be auto, live, lines or off, was 'loud'", error(URL, "--sql", "x", "--progress", "loud"));
    }

    @Test
    void statementErrorsSayWhichStatement() {
        assertEquals("--sql: placeholder {int:10:1}: min 10 > max 1", error(URL, "--sql", "select {int:10:1}"));
        assertEquals("--sql #2: placeholder {int:10:1}: min 10 > max 1",
                error(URL, "--sql", "select 1", "--sql", "select {int:10:1}"));
        assertEquals("--sql: weight must be between 1 and 1000, was 0", error(URL, "--sql", "weight=0:select 1"));
        assertEquals("--sql: weight must be an integer, was 'x'", error(URL, "--sql", "weight=x:select 1"));
        assertEquals("--sql: the statement is empty", error(URL, "--sql", "weight=2: "));
        assertEquals("--sql: the statement is empty", error(URL, "--sql", ""));
    }

    @Test
    void smoothWeightedSchedule() {
        assertArrayEquals(new int[] {0, 0, 1, 0}, LoadRunner.schedule(new int[] {3, 1}));
        assertArrayEquals(new int[] {0, 1, 2}, LoadRunner.schedule(new int[] {1, 1, 1}));
        int[] s = LoadRunner.schedule(new int[] {5, 1, 2});
        assertEquals(8, s.length);
        int[] counts = new int[3];
        for (int x : s) {
            counts[x]++;
        }
        assertArrayEquals(new int[] {5, 1, 2}, counts);
    }
}
