package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.HexBytes.hex;
import static io.sluice.mysql.wire.HexBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** COM_STMT_BULK_EXECUTE payloads (mariadb.com/kb/en/com_stmt_bulk_execute/), expected bytes written by hand. */
class StmtBulkExecuteTest {
    private static final EncodeContext UTF8 = new EncodeContext(ZoneId.of("UTC"), StandardCharsets.UTF_8);

    @Test
    void typesOnceThenIndicatorAndValuePerParameterPerRow() {
        ByteWriter w = new ByteWriter();
        StmtBulkExecute b = new StmtBulkExecute(w, 7, 2, UTF8);
        assertTrue(b.add(new Object[] {1, "ab"}));
        assertTrue(b.add(new Object[] {2, null}));
        b.finish();
        assertEquals(toHex(hex("""
                fa 07 00 00 00 80 00
                03 00  fd 00
                00 01 00 00 00  00 02 61 62
                00 02 00 00 00  01
                """)), toHex(w.toByteArray()));
        assertEquals(2, b.rows());
    }

    @Test
    void aColumnNullInTheFirstRowsTakesItsTypeFromALaterRow() {
        ByteWriter w = new ByteWriter();
        StmtBulkExecute b = new StmtBulkExecute(w, 1, 1, UTF8);
        assertTrue(b.add(new Object[] {null}));
        assertTrue(b.add(new Object[] {5L}));
        b.finish();
        assertEquals(toHex(hex("fa 01 00 00 00 80 00  08 00  01  00 05 00 00 00 00 00 00 00")), toHex(w.toByteArray()));
    }

    @Test
    void anAllNullColumnIsSentAsVarString() {
        ByteWriter w = new ByteWriter();
        StmtBulkExecute b = new StmtBulkExecute(w, 1, 1, UTF8);
        assertTrue(b.add(new Object[] {null}));
        b.finish();
        assertEquals(toHex(hex("fa 01 00 00 00 80 00  fd 00  01")), toHex(w.toByteArray()));
    }

    @Test
    void aRowOfOtherTypesIsRefusedWithoutWritingAndUnsignedCounts() {
        ByteWriter w = new ByteWriter();
        StmtBulkExecute b = new StmtBulkExecute(w, 1, 1, UTF8);
        assertTrue(b.add(new Object[] {1}));
        int size = w.size();
        assertFalse(b.add(new Object[] {1L}), "LONG then LONGLONG: a new command");
        assertFalse(b.add(new Object[] {new java.math.BigInteger("18446744073709551615")}), "signed then unsigned");
        assertEquals(size, w.size());
        assertEquals(1, b.rows());
    }

    @Test
    void badRowsAreUsageErrorsThatWriteNothing() {
        ByteWriter w = new ByteWriter();
        StmtBulkExecute b = new StmtBulkExecute(w, 1, 2, UTF8);
        int size = w.size();
        assertThrows(UsageException.class, () -> b.add(new Object[] {1}));
        assertThrows(UsageException.class, () -> b.add(new Object[] {1, Double.NaN}));
        assertThrows(UsageException.class, () -> b.add(new Object[] {1, new Object()}));
        assertEquals(size, w.size());
        assertThrows(UsageException.class, () -> new StmtBulkExecute(new ByteWriter(), 1, 0, UTF8));
    }
}
