package io.sluice.mysql.wire;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;

/**
 * {@code COM_STMT_PREPARE_OK}
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_com_stmt_prepare.html#sect_protocol_com_stmt_prepare_response_ok):
 *
 * <pre>
 * int&lt;1&gt; status 0x00, int&lt;4&gt; statement_id, int&lt;2&gt; num_columns, int&lt;2&gt; num_params,
 * int&lt;1&gt; reserved_1, [int&lt;2&gt; warning_count], [int&lt;1&gt; metadata_follows]
 * </pre>
 *
 * warning_count is optional on the wire (present when the packet is longer than 10 bytes);
 * metadata_follows only exists with CLIENT_OPTIONAL_RESULTSET_METADATA, which Sluice does not
 * negotiate, and is ignored. The parameter and column definitions follow as separate packets.
 */
public record StmtPrepareOk(long statementId, int numColumns, int numParams, int warnings) {

    public static StmtPrepareOk decode(byte[] payload) {
        ByteReader r = new ByteReader(payload);
        int status = r.u8();
        if (status != 0x00) {
            throw new ProtocolException("COM_STMT_PREPARE_OK must start with 0x00, got 0x" + Integer.toHexString(status));
        }
        long id = r.u32le();
        int columns = r.u16le();
        int params = r.u16le();
        r.skip(1); // reserved_1
        int warnings = r.remaining() >= 2 ? r.u16le() : 0;
        return new StmtPrepareOk(id, columns, params, warnings);
    }
}
