package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.HexBytes.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Payloads from the page_protocol_com_*.html examples. */
class CommandsTest {

    private static String enc(Consumer<ByteWriter> c) {
        ByteWriter w = new ByteWriter();
        c.accept(w);
        return toHex(w.toByteArray());
    }

    @Test
    void commandPayloads() {
        assertEquals("0373656c65637420404076657273696f6e5f636f6d6d656e74206c696d69742031",
                enc(w -> Commands.query(w, "select @@version_comment limit 1".getBytes(StandardCharsets.UTF_8))));
        assertEquals("01", enc(w -> Commands.simple(w, Command.QUIT)));
        assertEquals("0e", enc(w -> Commands.simple(w, Command.PING)));
        assertEquals("1f", enc(w -> Commands.simple(w, Command.RESET_CONNECTION)));
        assertEquals("0274657374", enc(w -> Commands.initDb(w, "test")));
        assertEquals("1653454c454354203f", enc(w -> Commands.stmtPrepare(w, "SELECT ?".getBytes(StandardCharsets.UTF_8))));
        assertEquals("1901000000", enc(w -> Commands.stmtClose(w, 1)));
        assertEquals("1affffffff", enc(w -> Commands.stmtReset(w, 0xFFFFFFFFL)));
        assertEquals("1c0200000064000000", enc(w -> Commands.stmtFetch(w, 2, 100)));
        assertEquals("1b0000", enc(w -> Commands.setMultiStatements(w, true)));
        assertEquals("1b0100", enc(w -> Commands.setMultiStatements(w, false)));
    }

    @Test
    void commandCodes() {
        assertEquals(0x01, Command.QUIT.code());
        assertEquals(0x02, Command.INIT_DB.code());
        assertEquals(0x03, Command.QUERY.code());
        assertEquals(0x0e, Command.PING.code());
        assertEquals(0x16, Command.STMT_PREPARE.code());
        assertEquals(0x17, Command.STMT_EXECUTE.code());
        assertEquals(0x18, Command.STMT_SEND_LONG_DATA.code());
        assertEquals(0x19, Command.STMT_CLOSE.code());
        assertEquals(0x1a, Command.STMT_RESET.code());
        assertEquals(0x1b, Command.SET_OPTION.code());
        assertEquals(0x1f, Command.RESET_CONNECTION.code());
    }

    @Test
    void callerMistakes() {
        ByteWriter w = new ByteWriter();
        assertThrows(UsageException.class, () -> Commands.simple(w, Command.QUERY));
        assertThrows(UsageException.class, () -> Commands.stmtClose(w, -1));
        assertThrows(UsageException.class, () -> Commands.stmtClose(w, 0x1_0000_0000L));
        assertThrows(UsageException.class, () -> Commands.stmtFetch(w, 1, 0));
        assertThrows(UsageException.class, () -> Commands.initDb(w, ""));
    }
}
