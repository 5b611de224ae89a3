package io.sluice.postgres.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.types.CodecRegistry;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COPY text rows (protocol docs: COPY, "Text Format"), expected text written by hand. */
class CopyTextTest {
    private static String render(List<? extends List<?>> rows, int max) {
        ByteWriter w = new ByteWriter(8);
        CopyText t = new CopyText(rows, CodecRegistry.defaults());
        StringBuilder out = new StringBuilder();
        int n;
        while ((n = t.fill(w.reset(), max)) > 0) {
            assertEquals(w.size(), n);
            out.append(new String(w.toByteArray(), StandardCharsets.UTF_8)).append('|');
        }
        return out.toString();
    }

    @Test
    void escapesNullsIntegersAndOtherTypes() {
        List<List<?>> rows = List.of(
                Arrays.asList(1, "a\tb\\c\nd\re", null, -42L, (short) 7, Long.MIN_VALUE),
                Arrays.asList((byte) -1, "ü€\t", 2.5, Integer.MAX_VALUE, LocalDate.of(2024, 2, 29), ""));
        assertEquals("1\ta\\tb\\\\c\\nd\\re\t\\N\t-42\t7\t-9223372036854775808\n"
                + "-1\tü€\\t\t2.5\t2147483647\t2024-02-29\t\n|", render(rows, 1 << 16));
    }

    @Test
    void timestampsAsTheServerReadsThem() {
        List<List<?>> rows = List.of(
                List.of(LocalDateTime.of(2024, 1, 2, 3, 4, 5)),
                List.of(LocalDateTime.of(1, 12, 31, 23, 59, 59, 120_000_000)),
                List.of(LocalDateTime.of(9999, 6, 7, 8, 9, 10, 5_000)),
                List.of(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1_500)),  // sub-microsecond: the codec rounds
                List.of(LocalDateTime.of(0, 3, 4, 5, 6, 7)));           // year 0 is 1 BC
        assertEquals("2024-01-02 03:04:05\n0001-12-31 23:59:59.12\n9999-06-07 08:09:10.000005\n"
                + "2024-01-01 00:00:00.000002\n0001-03-04 05:06:07 BC\n|", render(rows, 1 << 16));
    }

    @Test
    void fillStopsAtWholeRowsOnceMaxIsPassed() {
        List<List<?>> rows = List.of(List.of(10), List.of(20), List.of(30));
        assertEquals("10\n20\n|30\n|", render(rows, 4));
    }

    @Test
    void aValueWithoutATextFormIsAUsageError() {
        List<List<?>> rows = List.of(List.of(new Object()));
        assertThrows(UsageException.class, () -> render(rows, 100));
    }
}
