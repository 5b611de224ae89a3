package io.sluice.mysql.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.mysql.wire.ColumnDefinition;
import io.sluice.mysql.wire.EofPacket;
import io.sluice.mysql.wire.ErrPacket;
import io.sluice.mysql.wire.ErrorMapper;
import io.sluice.mysql.wire.StmtPrepareOk;

/**
 * Reads the COM_STMT_PREPARE response (protocol docs: "COM_STMT_PREPARE Response"): a
 * COM_STMT_PREPARE_OK header, then the parameter definitions and the column definitions, each
 * block followed by an EOF packet unless CLIENT_DEPRECATE_EOF was negotiated.
 */
final class PrepareReader {
    private static final int MAX_PARAMS = 65_535;

    private PrepareReader() {
    }

    static PreparedInfo read(MySqlSession s, String sql) {
        byte[] first = s.readPacket();
        if (ErrPacket.isErr(first)) {
            throw ErrorMapper.map(ErrPacket.decode(first));
        }
        StmtPrepareOk ok = StmtPrepareOk.decode(first);
        if (ok.numParams() > MAX_PARAMS || ok.numColumns() > MAX_PARAMS) {
            throw new ProtocolException("prepare response announces " + ok.numParams() + " parameters and "
                    + ok.numColumns() + " columns");
        }
        for (int i = 0; i < ok.numParams(); i++) {
            ColumnDefinition.decode(s.readPacket(), s.metadataCharset()); // parameter types are ours to choose; decoded only to validate
        }
        if (ok.numParams() > 0) {
            expectEof(s);
        }
        byte[][] cols = new byte[ok.numColumns()][];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = s.readPacket();
        }
        if (cols.length > 0) {
            expectEof(s);
        }
        // the definitions are kept: with CACHE_METADATA the first execution may already omit them
        ResultShape shape = cols.length == 0 ? null : ResultShape.decode(cols, s.metadataCharset(), s.decodeContext());
        return new PreparedInfo(sql, ok.statementId(), ok.numParams(), shape);
    }

    private static void expectEof(MySqlSession s) {
        if (!s.deprecateEof()) {
            byte[] p = s.readPacket();
            if (!EofPacket.isEof(p)) {
                throw new ProtocolException("expected EOF after definitions in prepare response");
            }
        }
    }
}
