package io.sluice.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

    @Test
    void alignsTextLeftAndNumbersRight() {
        List<String> lines = TablePrinter.render(List.of("id", "name", "balance"), List.of(
                new Object[] {1, "alice", new BigDecimal("100.00")},
                new Object[] {12_345L, null, new BigDecimal("5.50")}));
        assertEquals(List.of(
                "    id | name  | balance",
                "-------+-------+--------",
                "     1 | alice |  100.00",
                "12,345 | NULL  |    5.50",
                "(2 rows)"), lines);
    }

    @Test
    void oneRowAndEmptyResults() {
        assertEquals(List.of("a", "-", "x", "(1 row)"), TablePrinter.render(List.of("a"), List.<Object[]>of(new Object[] {"x"})));
        assertEquals(List.of("a", "-", "(0 rows)"), TablePrinter.render(List.of("a"), List.of()));
    }

    @Test
    void cellsAreCleanedAndCut() {
        assertEquals("a b", TablePrinter.text("a\nb"));
        assertEquals("x".repeat(37) + "...", TablePrinter.text("x".repeat(50)));
        assertEquals("0x00ff", TablePrinter.text(new byte[] {0, (byte) 0xff}));
        assertEquals("2024-05-01T13:45:00Z", TablePrinter.text(Instant.parse("2024-05-01T13:45:00Z")));
    }
}
