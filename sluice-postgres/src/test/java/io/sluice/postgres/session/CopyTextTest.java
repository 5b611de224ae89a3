package io.sluice.postgres.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.types.CodecRegistry;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
