package io.sluice.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CliArgsTest {

    private static CliArgs parse(String... args) throws CliArgs.UsageError {
        return CliArgs.parse(args);
    }

    private static String error(String... args) {
        return assertThrows(CliArgs.UsageError.class, () -> CliArgs.parse(args)).getMessage();
    }

    @Test
    void sqlWithDefaults() throws Exception {
        assertEquals(new CliArgs(CliArgs.Command.SQL, "mysql://x", "select 1", OutputFormat.TABLE),
                parse("sql", "mysql://x", "select 1"));
        assertEquals(new CliArgs(CliArgs.Command.SQL, "mysql://x", null, OutputFormat.TABLE), parse("sql", "mysql://x"));
        assertNull(parse("sql", "mysql://x", "-").sql(), "'-' means stdin");
    }

    @Test
    void formatBeforeBetweenAndAfterPositionals() throws Exception {
        assertEquals(OutputFormat.JSON, parse("--format", "json", "sql", "u").format());
        assertEquals(OutputFormat.CSV, parse("sql", "u", "select 1", "--format=csv").format());
        CliArgs between = parse("sql", "u", "--format", "JSON", "select 1");
        assertEquals(OutputFormat.JSON, between.format());
        assertEquals("select 1", between.sql());
        assertEquals(OutputFormat.TABLE, parse("sql", "--format=csv", "u", "--format", "table").format());
    }

    @Test
    void sqlThatLooksLikeAnOption() throws Exception {
        assertEquals("-- note\nselect 1", parse("sql", "u", "-- note\nselect 1").sql());
        assertEquals("--x", parse("sql", "u", "--", "--x").sql());
    }

    @Test
    void usageErrors() {
        assertEquals("unknown option '--bogus'", error("sql", "u", "--bogus"));
        assertEquals("unknown option '-x'", error("-x", "sql", "u"));
        assertEquals("missing connection URL for 'sql'", error("sql"));
        assertEquals("missing connection URL for 'sql'", error("sql", "--format", "csv"));
        assertEquals("missing command", error());
        assertEquals("unknown command 'frobnicate'", error("frobnicate"));
        assertEquals("unknown format 'xml'; use table, csv or json", error("sql", "u", "--format", "xml"));
        assertEquals("option --format needs a value: table, csv or json", error("sql", "u", "--format"));
        assertEquals("'version' takes no arguments", error("version", "now"));
        assertEquals("option --format only applies to 'sql'", error("version", "--format=json"));
        error("sql", "u", "select 1", "select 2");
    }

    @Test
    void helpAndVersion() throws Exception {
        assertEquals(CliArgs.Command.HELP, parse("--help").command());
        assertEquals(CliArgs.Command.HELP, parse("sql", "u", "-h").command());
        assertEquals(CliArgs.Command.HELP, parse("help").command());
        assertEquals(CliArgs.Command.VERSION, parse("version").command());
    }
}
