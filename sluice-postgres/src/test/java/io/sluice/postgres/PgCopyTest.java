package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.DataException;
import io.sluice.core.error.SluiceException;
import io.sluice.core.error.UsageException;
import io.sluice.postgres.CopyFixture.Format;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * COPY FROM STDIN / TO STDOUT with a million rows in text, CSV and binary, generated lazily (memory
 * stays small) and checked by the server (counts, sums, an MD5 of every name) and byte for byte on
 * the way out (the server's COPY TO output must hash like our generated input). Failures: a bad row
 * in the middle gives a typed error and leaves nothing behind; an input stream that throws makes the
 * driver send CopyFail; either way the connection stays usable.
 */
class PgCopyTest {
    private static final int N = 1_000_000;
    private static final String COLS = "(id, name, v)";

    private static PgConnection c;
    private static String t;
    private static String expected;

    @BeforeAll
    static void setUp() {
        t = Pg.table("copy");
        try (PgConnection a = Pg.connect()) {
            a.query("create unlogged table " + t + " (id int4, name text, v int8)");
        }
        expected = CopyFixture.expectedChecksum(N);
    }

    @AfterAll
    static void tearDown() {
        try (PgConnection a = Pg.connect()) {
            a.query("drop table if exists " + t);
        }
    }

    /** A connection per test, so one test that breaks its connection cannot fail the others. */
    @BeforeEach
    void connect() {
        c = Pg.connect();
    }

    @AfterEach
    void disconnect() {
        c.close();
    }

    private static String copySql(Format f, String direction) {
        String with = switch (f) {
            case TEXT -> "";
            case CSV -> " with (format csv)";
            case BINARY -> " with (format binary)";
        };
        return direction.equals("in") ? "copy " + t + " " + COLS + " from stdin" + with
                : "copy (select id, name, v from " + t + " order by id) to stdout" + with;
    }

    private static void roundTrip(Format f) throws IOException {
        c.query("truncate " + t);
        assertEquals(N, c.copyIn(copySql(f, "in"), CopyFixture.stream(f, N)));
        assertEquals(expected, c.query(CopyFixture.checksumSql(t)).get(0).rows().get(0).getString(0), f + " checksum");

        CopyFixture.Hashing out = new CopyFixture.Hashing();
        assertEquals(N, c.copyOut(copySql(f, "out"), out));
        CopyFixture.Hashing in = CopyFixture.digest(CopyFixture.stream(f, N));
        assertEquals(in.count, out.count, f + ": COPY TO byte count equals the generated input's");
        assertEquals(in.hex(), out.hex(), f + ": COPY TO bytes equal the generated input");
    }

    @Test
    void textFormatMillionRowsInAndOut() throws IOException {
        roundTrip(Format.TEXT);
    }

    @Test
    void csvFormatMillionRowsInAndOut() throws IOException {
        roundTrip(Format.CSV);
    }

    @Test
    void binaryFormatMillionRowsInAndOut() throws IOException {
        roundTrip(Format.BINARY);
    }

    @Test
    void copyInRowsMillionRows() {
        c.query("truncate " + t);
        assertEquals(N, c.copyInRows(t, List.of("id", "name", "v"), CopyFixture.rows(N)));
        assertEquals(expected, c.query(CopyFixture.checksumSql(t)).get(0).rows().get(0).getString(0));
    }

    /** The generated binary header is the documented signature, hand-checked here so a typo cannot hide. */
    @Test
    void binaryHeaderIsTheDocumentedSignature() {
        assertEquals(19, CopyFixture.BINARY_HEADER.length);
        assertEquals("PGCOPY\n", new String(CopyFixture.BINARY_HEADER, 0, 7, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals((byte) 0xff, CopyFixture.BINARY_HEADER[7]);
        assertEquals("\r\n\0", new String(CopyFixture.BINARY_HEADER, 8, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void badRowMidCopyGivesATypedErrorAndTheConnectionStaysUsable() {
        for (Format f : Format.values()) {
            c.query("truncate " + t);
            CopyFixture.RowWriter good = CopyFixture.writer(f);
            CopyFixture.RowWriter bad = (i, o) -> {
                if (i != N / 2) {
                    good.write(i, o);
                } else if (f == Format.BINARY) {
                    o.i16(2).i32(4).i32(i).i32(0); // two fields where the table has three
                } else {
                    o.ascii("oops" + (f == Format.CSV ? "," : "\t") + "x" + (f == Format.CSV ? "," : "\t") + "1\n");
                }
            };
            DataException e = assertThrows(DataException.class, () -> c.copyIn(copySql(f, "in"), CopyFixture.stream(f, N, bad)),
                    f.toString());
            assertTrue(e.sqlState().startsWith("22"), f + ": " + e.sqlState());
            assertFalse(e.isConnectionBroken());
            assertUsableAndEmpty(f + " bad row");
        }
    }

    @Test
    void inputStreamIOExceptionSendsCopyFailAndTheConnectionStaysUsable() {
        for (Format f : Format.values()) {
            c.query("truncate " + t);
            InputStream failing = failAfter(CopyFixture.stream(f, N), 3_000_000, new IOException("disk gone"));
            UsageException e = assertThrows(UsageException.class, () -> c.copyIn(copySql(f, "in"), failing), f.toString());
            assertInstanceOf(IOException.class, e.getCause(), "the caller's IOException is the cause");
            assertEquals("disk gone", e.getCause().getMessage());
            // the server's answer to CopyFail echoes our reason: proof CopyFail (not CopyDone) was sent
            Throwable server = Arrays.stream(e.getCause().getSuppressed()).findFirst().orElseThrow();
            assertInstanceOf(io.sluice.core.error.QueryCancelledException.class, server);
            assertTrue(server.getMessage().contains("disk gone"), server.getMessage());
            assertUsableAndEmpty(f + " IOException");
        }
    }

    /** A value copyInRows cannot render (no PostgreSQL mapping) must fail the COPY cleanly, not desync the stream. */
    @Test
    void unrenderableValueInCopyInRowsFailsCleanly() {
        c.query("truncate " + t);
        Iterable<List<?>> rows = () -> new Iterator<>() {
            int i = 1;

            @Override
            public boolean hasNext() {
                return i <= 100_000;
            }

            @Override
            public List<?> next() {
                int k = i++;
                return Arrays.asList(k, k == 50_000 ? new Object() : "x", 1L);
            }
        };
        UsageException e = assertThrows(UsageException.class, () -> c.copyInRows(t, List.of("id", "name", "v"), rows));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertUsableAndEmpty("unrenderable value");
    }

    /** COPY TO into a stream that fails: the driver reads to the end of the response, the connection stays usable. */
    @Test
    void outputStreamIOExceptionLeavesTheConnectionUsable() {
        c.query("truncate " + t);
        c.copyIn(copySql(Format.TEXT, "in"), CopyFixture.stream(Format.TEXT, 100_000));
        java.io.OutputStream failing = new java.io.OutputStream() {
            long n;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                n += len;
                if (n > 100_000) {
                    throw new IOException("pipe closed");
                }
            }
        };
        SluiceException e = assertThrows(SluiceException.class, () -> c.copyOut(copySql(Format.TEXT, "out"), failing));
        assertFalse(e.isConnectionBroken(), e.toString());
        assertEquals(7, c.execute("select $1::int4", 7).rows().get(0).getInt(0));
    }

    /**
     * Statements the cache evicted (or, with the cache off, used once) are closed by Close messages
     * written in front of the next request, COPY included: their CloseComplete replies come before
     * the CopyInResponse / CopyOutResponse.
     */
    @Test
    void copyRightAfterStatementsWereClosed() {
        for (int cacheSize : new int[] {0, 1}) {
            try (PgConnection a = PgConnection.connect(Pg.config().statementCacheSize(cacheSize).build())) {
                a.query("truncate " + t);
                a.execute("select $1::int4", 1);
                a.execute("select $1::int8", 2L); // cache of 1: evicts the first
                assertEquals(1000, a.copyIn(copySql(Format.TEXT, "in"), CopyFixture.stream(Format.TEXT, 1000)),
                        "cache " + cacheSize);
                a.execute("select $1::text", "x");
                a.execute("select $1::bool", true);
                CopyFixture.Hashing out = new CopyFixture.Hashing();
                assertEquals(1000, a.copyOut(copySql(Format.TEXT, "out"), out), "cache " + cacheSize);
                assertEquals(1, a.execute("select $1::int4", 1).rows().get(0).getInt(0));
            }
        }
    }

    private static void assertUsableAndEmpty(String what) {
        assertTrue(c.isUsable(), what);
        assertFalse(c.inTransaction(), what);
        assertEquals(0L, c.execute("select count(*) from " + t).rows().get(0).getLong(0), what + ": COPY is all or nothing");
        assertEquals(41, c.query("select 41").get(0).rows().get(0).getInt(0), what);
    }

    /** Passes {@code in} through, then throws {@code e} once {@code after} bytes were read. */
    static InputStream failAfter(InputStream in, long after, IOException e) {
        return new InputStream() {
            long n;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (n >= after) {
                    throw e;
                }
                int k = in.read(b, off, (int) Math.min(len, after - n));
                if (k > 0) {
                    n += k;
                }
                return k;
            }
        };
    }
}
