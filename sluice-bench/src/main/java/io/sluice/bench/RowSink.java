package io.sluice.bench;

import java.time.LocalDateTime;

/**
 * Receives every fetched row as typed values, so each driver decodes all six columns the way an
 * application would. Keeps a checksum so a driver that skips rows or columns is caught.
 */
public final class RowSink {
    private long rows;
    private long checksum;

    public void row(long id, int a, long b, String c, double d, LocalDateTime e) {
        rows++;
        checksum += id + a + b + c.length() + (long) d + (e == null ? 0 : e.getSecond());
    }

    public long rows() {
        return rows;
    }

    public long checksum() {
        return checksum;
    }

    /** The checksum {@link RowGen} rows 0..n-1 must produce. */
    public static long expected(int n) {
        RowSink s = new RowSink();
        for (int i = 0; i < n; i++) {
            s.row(RowGen.id(i), RowGen.a(i), RowGen.b(i), RowGen.c(i), RowGen.d(i), RowGen.e(i));
        }
        return s.checksum;
    }
}
