package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.nio.charset.StandardCharsets;

/**
 * Encoders for simple command-phase payloads. Each writes one complete payload into {@code w}; the
 * session frames it (3-byte length + sequence id 0) and splits payloads of 16 MiB or more.
 */
public final class Commands {
    private static final long MAX_U32 = 0xFFFF_FFFFL;

    private Commands() {
    }

    /** A command without arguments: COM_QUIT, COM_PING, COM_RESET_CONNECTION, COM_STATISTICS, COM_DEBUG. */
    public static void simple(ByteWriter w, Command cmd) {
        if (!cmd.isArgumentless()) {
            throw new UsageException(cmd + " takes arguments; use its own encoder");
        }
        w.u8(cmd.code());
    }

    /**
     * COM_QUERY (page_protocol_com_query.html): {@code 0x03, string<EOF> query}. Sluice does not
     * negotiate CLIENT_QUERY_ATTRIBUTES, so no parameter block precedes the text.
     */
    public static void query(ByteWriter w, byte[] sqlBytes) {
        w.u8(Command.QUERY.code()).bytes(sqlBytes);
    }

    /** COM_INIT_DB (page_protocol_com_init_db.html): {@code 0x02, string<EOF> schema}. */
    public static void initDb(ByteWriter w, String schema) {
        if (schema.isEmpty()) {
            throw new UsageException("database name must not be empty");
        }
        w.u8(Command.INIT_DB.code()).string(schema, StandardCharsets.UTF_8);
    }

    /** COM_STMT_PREPARE (page_protocol_com_stmt_prepare.html): {@code 0x16, string<EOF> query}. */
    public static void stmtPrepare(ByteWriter w, byte[] sql) {
        w.u8(Command.STMT_PREPARE.code()).bytes(sql);
    }

    /** COM_STMT_CLOSE (page_protocol_com_stmt_close.html): {@code 0x19, int<4> statement_id}; no response. */
    public static void stmtClose(ByteWriter w, long statementId) {
        w.u8(Command.STMT_CLOSE.code()).u32le(checkId(statementId));
    }

    /** COM_STMT_RESET (page_protocol_com_stmt_reset.html): {@code 0x1A, int<4> statement_id}; OK or ERR. */
    public static void stmtReset(ByteWriter w, long statementId) {
        w.u8(Command.STMT_RESET.code()).u32le(checkId(statementId));
    }

    /** COM_STMT_FETCH (page_protocol_com_stmt_fetch.html): {@code 0x1C, int<4> statement_id, int<4> num_rows}. */
    public static void stmtFetch(ByteWriter w, long statementId, long numRows) {
        if (numRows < 1 || numRows > MAX_U32) {
            throw new UsageException("fetch size must be in 1..4294967295, was " + numRows);
        }
        w.u8(Command.STMT_FETCH.code()).u32le(checkId(statementId)).u32le(numRows);
    }

    /**
     * COM_SET_OPTION (page_protocol_com_set_option.html): {@code 0x1B, int<2> option} where 0 turns
     * multi-statements on and 1 turns them off.
     */
    public static void setMultiStatements(ByteWriter w, boolean enabled) {
        w.u8(Command.SET_OPTION.code()).u16le(enabled ? 0 : 1);
    }

    private static long checkId(long statementId) {
        if (statementId < 0 || statementId > MAX_U32) {
            throw new UsageException("statement id must be in 0..4294967295, was " + statementId);
        }
        return statementId;
    }
}
