package io.sluice.postgres.session;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.result.Column;
import io.sluice.core.result.ColumnIndex;
import io.sluice.postgres.types.CodecRegistry;
import io.sluice.postgres.types.PgCodec;
import io.sluice.postgres.types.PgTypes;
import io.sluice.postgres.wire.BackendMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoders of one result shape, resolved once from a RowDescription (asyncpg's cached decoder
 * pipeline): per column a codec and whether the column arrives in binary. Decoding a DataRow is then
 * a loop over the columns with no lookups.
 */
final class RowLayout {
    private final ColumnIndex columns;
    private final PgCodec[] codecs;
    private final boolean[] binary;

    private RowLayout(ColumnIndex columns, PgCodec[] codecs, boolean[] binary) {
        this.columns = columns;
        this.codecs = codecs;
        this.binary = binary;
    }

    /** {@code formats} are the result format codes that were (or will be) requested, per column. */
    static RowLayout of(List<BackendMessage.RowDescription.Field> fields, short[] formats, CodecRegistry registry) {
        List<Column> cols = new ArrayList<>(fields.size());
        PgCodec[] codecs = new PgCodec[fields.size()];
        boolean[] bin = new boolean[fields.size()];
        for (int i = 0; i < codecs.length; i++) {
            BackendMessage.RowDescription.Field f = fields.get(i);
            codecs[i] = registry.forOid(f.typeOid());
            bin[i] = formats == null ? f.format() == 1 : formats.length == 1 ? formats[0] == 1 : formats[i] == 1;
            cols.add(new Column(f.name(), "", PgTypes.name(f.typeOid()), codecs[i].javaType(), true, f.typeSize(),
                    f.typeModifier()));
        }
        return new RowLayout(new ColumnIndex(cols), codecs, bin);
    }

    /** Result formats to request: binary for every column whose type has a binary codec, else text. */
    static short[] formatsFor(List<BackendMessage.RowDescription.Field> fields, CodecRegistry registry) {
        short[] f = new short[fields.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (short) (registry.binaryDecodable(fields.get(i).typeOid()) ? 1 : 0);
        }
        return f;
    }

    ColumnIndex columns() {
        return columns;
    }

    Object[] decode(io.sluice.postgres.wire.DataRow row) {
        if (row.count() != codecs.length) {
            throw new ProtocolException("DataRow has " + row.count() + " values for " + codecs.length + " columns");
        }
        Object[] out = new Object[codecs.length];
        byte[] buf = row.buffer();
        for (int i = 0; i < out.length; i++) {
            if (!row.isNull(i)) {
                out[i] = binary[i] ? codecs[i].decodeBinary(buf, row.offset(i), row.length(i))
                        : codecs[i].decodeText(buf, row.offset(i), row.length(i));
            }
        }
        return out;
    }
}
