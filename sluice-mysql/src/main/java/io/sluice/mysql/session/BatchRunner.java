package io.sluice.mysql.session;

import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.mysql.wire.LiteralContext;
import io.sluice.mysql.wire.StmtBulkExecute;
import io.sluice.mysql.wire.SqlLiteral;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Runs one statement for many parameter rows without a round trip per row:
 * <ul>
 * <li>{@code INSERT/REPLACE ... VALUES (...)} is rewritten into multi-row statements of up to
 * {@link #MAX_STATEMENT_BYTES}, the values escaped for the connection's charset and sql_mode
 * (the one text-protocol path that interpolates, see {@link SqlLiteral});</li>
 * <li>anything else is prepared once and its executions are pipelined: a window of
 * COM_STMT_EXECUTE packets goes out before their responses are read.</li>
 * </ul>
 * The first server error is thrown after the in-flight responses are read, so the connection
 * stays in step; rows of statements that succeeded stay applied (wrap in a transaction to get
 * all-or-nothing).
 */
final class BatchRunner {
    static final int MAX_STATEMENT_BYTES = 4 * 1024 * 1024;
    private static final int PIPELINE_WINDOW = 256;

    private BatchRunner() {
    }

    static long run(MySqlSession s, String sql, List<? extends List<?>> rows, LongConsumer progress) {
        if (rows.isEmpty()) {
            return 0;
        }
        InsertRewrite rw = InsertRewrite.of(sql);
        if (rw == null) {
            return pipelined(s, sql, rows, progress);
        }
        if (s.bulkOperations()) {
            PreparedInfo p = s.preparedFor(sql);
            // a statement with rows (INSERT ... RETURNING) cannot run in bulk; one without parameters need not
            if (p.parameterCount() > 0 && p.shape() == null) {
                return bulk(s, p, rows, progress);
            }
        }
        return rewritten(s, rw, rows, progress);
    }

    /**
     * MariaDB: COM_STMT_BULK_EXECUTE commands of up to {@link #MAX_STATEMENT_BYTES} (and half the
     * server's max_allowed_packet), each answered by one OK. Values travel in binary, so the server
     * parses no SQL per row; a command stops at its first failing row, and so does the batch.
     *
     * <p>The next command is encoded while the server executes the one just sent (two buffers,
     * used in turn), so encoding and inserting overlap instead of taking turns; it is only sent
     * once the previous one has succeeded, so a failing row still stops the batch right there.
     */
    private static long bulk(MySqlSession s, PreparedInfo p, List<? extends List<?>> rows, LongConsumer progress) {
        long limit = Math.min(MAX_STATEMENT_BYTES, Math.max(64 * 1024, (s.serverMaxPacket() - 1024) / 2));
        ByteWriter[] buffers = {PacketChannel.newPayload((int) limit + 64 * 1024), null};
        long affected = 0;
        int end = encodeBulk(s, p, rows, 0, buffers[0], limit);
        for (int cur = 0; ; cur ^= 1) {
            ResultCursor c = s.command(buffers[cur]);
            int sentEnd = end;
            if (sentEnd < rows.size()) {
                if (buffers[cur ^ 1] == null) {
                    buffers[cur ^ 1] = PacketChannel.newPayload((int) limit + 64 * 1024);
                }
                try {
                    end = encodeBulk(s, p, rows, sentEnd, buffers[cur ^ 1], limit);
                } catch (RuntimeException bad) {
                    // a row that cannot be encoded: the command in flight still gets its answer read
                    // (the connection stays in step), and a server error from it comes first
                    try {
                        drainAffected(c);
                    } catch (RuntimeException first) {
                        first.addSuppressed(bad);
                        throw first;
                    }
                    throw bad;
                }
            }
            affected += drainAffected(c);
            progress.accept(sentEnd);
            if (sentEnd >= rows.size()) {
                return affected;
            }
        }
    }

    /** Encodes one bulk command of rows from {@code from} into {@code w}; returns the end (exclusive). */
    private static int encodeBulk(MySqlSession s, PreparedInfo p, List<? extends List<?>> rows, int from,
                                  ByteWriter w, long limit) {
        w.reset().skip(4);
        StmtBulkExecute cmd = new StmtBulkExecute(w, p.statementId(), p.parameterCount(), s.encodeContext());
        int i = from;
        while (i < rows.size() && (cmd.rows() == 0 || w.size() < limit)) {
            Object[] row = rows.get(i).toArray();
            if (!cmd.add(row)) {
                break; // other value types: the next command
            }
            i++;
        }
        if (cmd.rows() == 0) {
            throw new UsageException("row " + (from + 1) + " cannot be encoded"); // unreachable: a first row always fits
        }
        cmd.finish();
        return i;
    }

    private static long drainAffected(ResultCursor c) {
        long n = 0;
        ResultCursor.Header h;
        while ((h = c.nextResult()) != null) {
            n += h.affectedRows();
        }
        return n;
    }

    private static long rewritten(MySqlSession s, InsertRewrite rw, List<? extends List<?>> rows, LongConsumer progress) {
        long limit = Math.min(MAX_STATEMENT_BYTES, Math.max(64 * 1024, s.serverMaxPacket() - 1024));
        long affected = 0;
        long done = 0;
        StringBuilder sb = new StringBuilder(64 * 1024);
        int inStatement = 0;
        for (List<?> row : rows) {
            int mark = sb.length();
            if (inStatement == 0) {
                sb.append(rw.prefix());
            } else {
                sb.append(',');
            }
            LiteralContext ctx = new LiteralContext(s.noBackslashEscapes(), s.charset().javaCharset(), s.zone());
            sb.append(SqlLiteral.interpolate(rw.group(), row.toArray(), ctx));
            inStatement++;
            // bytes >= chars; utf8mb4 is at most 4 bytes per UTF-16 char pair, so chars*3 bounds BMP text
            if ((long) sb.length() * 3 > limit && inStatement > 1) {
                sb.setLength(mark); // this row goes into the next statement
                affected += send(s, sb.append(rw.suffix()).toString());
                done += inStatement - 1;
                progress.accept(done);
                sb.setLength(0);
                sb.append(rw.prefix());
                sb.append(SqlLiteral.interpolate(rw.group(), row.toArray(), ctx));
                inStatement = 1;
            }
        }
        affected += send(s, sb.append(rw.suffix()).toString());
        done += inStatement;
        progress.accept(done);
        return affected;
    }

    private static long send(MySqlSession s, String sql) {
        return drainAffected(s.query(sql, null));
    }

    private static long pipelined(MySqlSession s, String sql, List<? extends List<?>> rows, LongConsumer progress) {
        PreparedInfo p = s.preparedFor(sql);
        long affected = 0;
        int i = 0;
        SluiceException first = null;
        while (i < rows.size()) {
            int end = Math.min(rows.size(), i + PIPELINE_WINDOW);
            for (int k = i; k < end; k++) {
                Object[] v = rows.get(k).toArray();
                if (v.length != p.parameterCount()) {
                    if (k == i) {
                        throw new UsageException("row " + (k + 1) + " has " + v.length + " values; the statement takes "
                                + p.parameterCount());
                    }
                    end = k; // send what is valid, report after reading their responses
                    first = new UsageException("row " + (k + 1) + " has " + v.length + " values; the statement takes "
                            + p.parameterCount());
                    break;
                }
                s.writeExecute(p, v);
            }
            s.flushWrites();
            for (int k = i; k < end; k++) {
                try {
                    ResultCursor c = s.cursorForPipelined(p);
                    ResultCursor.Header h;
                    while ((h = c.nextResult()) != null) {
                        affected += h.affectedRows();
                    }
                } catch (ServerException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            progress.accept(end);
            if (first != null) {
                throw first;
            }
            i = end;
        }
        return affected;
    }
}
