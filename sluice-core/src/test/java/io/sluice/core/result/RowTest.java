package io.sluice.core.result;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {
    private static Column col(String name) {
        return new Column(name, "", "T", Object.class, true, 0, 0);
    }

    private final ColumnIndex idx = new ColumnIndex(List.of(col("id"), col("Name"), col("amount"), col("big"),
            col("flag"), col("nothing")));
    private final Row row = new Row(idx, new Object[] {42, "ann", new BigDecimal("12.50"),
            new BigInteger("18446744073709551615"), new byte[] {1}, null});

    @Test
    void byIndexAndName() {
        assertEquals(42, row.get(0));
        assertEquals("ann", row.get("name"), "case-insensitive fallback");
        assertEquals("ann", row.getString("Name"));
        assertNull(row.get("nothing"));
        assertTrue(row.isNull(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row.get("missing"));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("amount"));
    }

    @Test
    void conversions() {
        assertEquals(42L, row.getLong("id"));
        assertEquals(new BigDecimal("42"), row.getBigDecimal(0));
        assertEquals("12.50", row.getString("amount"));
        assertEquals(Boolean.TRUE, row.getBoolean("flag"));
        assertEquals(new BigInteger("18446744073709551615"), row.getBigInteger("big"));
        assertThrows(ArithmeticException.class, () -> row.getLong("big"), "no silent truncation");
        assertThrows(ClassCastException.class, () -> row.getLocalDate("id"));
        assertNull(row.getLong("nothing"));
        assertArrayEquals(new byte[] {1}, row.getBytes("flag"));
    }

    @Test
    void arityChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Row(idx, new Object[1]));
    }
}
