package io.sluice.postgres.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.result.ColumnIndex;
import io.sluice.core.result.Result;
import io.sluice.core.result.Row;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.Frontend;
import io.sluice.postgres.wire.PgErrorMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one request's response up to its ReadyForQuery (protocol docs: "Simple Query", "Extended
 * Query"). An ErrorResponse is remembered and thrown only after ReadyForQuery, so the stream is in
 * step when the caller sees the error and the connection stays usable.
 */
final class ResponseReader {
    private final PgSession s;

    ResponseReader(PgSession s) {
        this.s = s;
    }

    /**
     * Results of every statement in the response. {@code preset} decodes rows of a prepared statement
     * (whose RowDescription came from Describe); without it each RowDescription in the stream is used.
     */
    List<Result> readResults(RowLayout preset) {
        List<Result> out = new ArrayList<>(1);
        RowLayout current = preset;
        List<Row> rows = null;
        SluiceException error = null;
        while (true) {
            BackendMessage m = s.next();
            switch (m) {
                case BackendMessage.RowDescription rd -> {
                    current = RowLayout.of(rd.fields(), null, s.registry());
                    rows = new ArrayList<>();
                }
                case io.sluice.postgres.wire.DataRow dr -> {
                    if (current == null) {
                        throw new ProtocolException("DataRow without a row description");
                    }
                    if (rows == null) {
                        rows = new ArrayList<>();
                    }
                    rows.add(new Row(current.columns(), current.decode(dr)));
                }
                case BackendMessage.CommandComplete cc -> {
                    s.changes().observe(cc.tag());
                    if (current != null && rows != null) {
                        out.add(new Result(current.columns(), rows, rows.size(), 0, 0, cc.tag()));
                    } else if (current != null && preset != null) {
                        out.add(new Result(current.columns(), List.of(), 0, 0, 0, cc.tag()));
                    } else {
                        out.add(Result.update(Math.max(0, cc.rows()), 0, 0, cc.tag()));
                    }
                    rows = null;
                    current = preset;
                }
                case BackendMessage.EmptyQueryResponse e -> out.add(Result.update(0, 0, 0, ""));
                case BackendMessage.ErrorResponse e -> {
                    if (error == null) {
                        error = PgErrorMapper.map(e.fields());
                    }
                    rows = null;
                    current = preset;
                }
                case BackendMessage.CopyInResponse c -> refuseCopyIn();
                case BackendMessage.CopyOutResponse c -> discardCopyOut();
                case BackendMessage.ReadyForQuery rfq -> {
                    if (error != null) {
                        throw error;
                    }
                    return out;
                }
                case BackendMessage.ParseComplete p -> { }
                case BackendMessage.BindComplete b -> { }
                case BackendMessage.CloseComplete c -> { }
                case BackendMessage.NoData n -> { }
                case BackendMessage.ParameterDescription pd -> { }
                case BackendMessage.PortalSuspended ps -> { }
                default -> throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " in a response");
            }
        }
    }

    /** Reads a prepare (Parse + Describe statement) response. */
    Prepared readPrepared(String sql, String name) {
        int[] paramOids = new int[0];
        List<BackendMessage.RowDescription.Field> fields = null;
        SluiceException error = null;
        while (true) {
            BackendMessage m = s.next();
            switch (m) {
                case BackendMessage.ParseComplete p -> { }
                case BackendMessage.CloseComplete c -> { }
                case BackendMessage.ParameterDescription pd -> paramOids = pd.oids();
                case BackendMessage.RowDescription rd -> fields = rd.fields();
                case BackendMessage.NoData n -> fields = null;
                case BackendMessage.ErrorResponse e -> {
                    if (error == null) {
                        error = PgErrorMapper.map(e.fields());
                    }
                }
                case BackendMessage.ReadyForQuery rfq -> {
                    if (error != null) {
                        throw error;
                    }
                    if (fields == null) {
                        return new Prepared(sql, name, paramOids, null, null);
                    }
                    short[] formats = RowLayout.formatsFor(fields, s.registry());
                    return new Prepared(sql, name, paramOids, formats, RowLayout.of(fields, formats, s.registry()));
                }
                default -> throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " after Parse");
            }
        }
    }

    /** COPY FROM STDIN reached through plain SQL: no data was supplied, so fail the copy cleanly. */
    private void refuseCopyIn() {
        ByteWriter w = new ByteWriter(64);
        Frontend.copyFail(w, "COPY FROM STDIN needs a data stream: use copyIn(sql, stream)");
        s.pipeline().acquireWrite();
        try {
            s.writeRaw(w);
            s.flush();
        } finally {
            s.pipeline().releaseWrite();
        }
    }

    private void discardCopyOut() {
        while (true) {
            BackendMessage m = s.next();
            if (m instanceof BackendMessage.CopyDone) {
                return;
            }
            if (!(m instanceof BackendMessage.CopyData)) {
                throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " in COPY OUT");
            }
        }
    }

    static ColumnIndex noColumns() {
        return new ColumnIndex(List.of());
    }
}
