package io.sluice.cli;

import io.sluice.core.result.Result;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static io.sluice.cli.Results.col;
import static io.sluice.cli.Results.row;
import static io.sluice.cli.Results.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvFormatterTest {

    @Test
    void quotesPerRfc4180AndSeparatesNullFromEmpty() {
        Result r = rows(List.of(col("id", Long.class), col("name", String.class), col("note", String.class)),
                row(1L, "a,b", "say \"hi\""),
                row(2L, null, ""),
                row(3L, "line1\nline2", "plain"),
                row(4L, "cr\rhere", " spaced "));
        assertEquals("id,name,note\n"
                + "1,\"a,b\",\"say \"\"hi\"\"\"\n"
                + "2,,\"\"\n"
                + "3,\"line1\nline2\",plain\n"
                + "4,\"cr\rhere\", spaced ", CsvFormatter.format(r));
    }

    @Test
    void headerNamesAreQuotedToo() {
        Result r = rows(List.of(col("a,b", String.class), col("", String.class)), row("x", "y"));
        assertEquals("\"a,b\",\"\"\nx,y", CsvFormatter.format(r));
    }

    @Test
    void binaryInFullAndTemporalsAsSql() {
        byte[] big = new byte[100];
        Result r = rows(List.of(col("b", byte[].class), col("t", LocalDateTime.class)),
                row(big, LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
        assertEquals("b,t\n0x" + "00".repeat(100) + ",2024-01-02 03:04:05", CsvFormatter.format(r));
    }

    @Test
    void emptyRowSetIsJustTheHeader() {
        assertEquals("id", CsvFormatter.format(rows(List.of(col("id", Long.class)))));
    }

    @Test
    void updateAsASmallTable() {
        assertEquals("affectedRows,lastInsertId\n2,7", CsvFormatter.format(Result.update(2, 7, 0, "")));
    }
}
