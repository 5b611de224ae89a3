package io.sluice.postgres;

import static io.sluice.postgres.RoundTrip.c;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.types.CodecRegistry;
import io.sluice.postgres.types.PgCodec;
import io.sluice.postgres.types.PgTypes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User types: an enum read as String (binary and text) and bound from a String or a Java enum
 * constant; enum arrays with and without {@code registerArray}; user codecs registered through
 * {@code session().registry().register(...)} (one for {@code point}, one mapping the enum to a Java
 * enum) really being used to decode both formats and to encode parameters; and a probe that the
 * extended protocol really asks for binary results and the simple protocol gets text.
 */
class PgTypesCustomCodecTest {
    enum Mood { sad, ok, happy }

    /** The user's Java type for PostgreSQL's {@code point}. */
    record Point(double x, double y) {
    }

    private static String mood;
    private static long moodOid;
    private static long moodArrayOid;

    @BeforeAll
    static void createEnum() {
        mood = Pg.table("mood");
        try (PgConnection c = Pg.connect()) {
            c.query("create type " + mood + " as enum ('sad', 'ok', 'happy', 'with space', 'quote\"s,')");
            var r = c.execute("select t.oid, t.typarray from pg_type t where t.typname = $1", mood).rows().get(0);
            moodOid = (Long) r.get(0);
            moodArrayOid = (Long) r.get(1);
        }
    }

    @AfterAll
    static void dropEnum() {
        try (PgConnection c = Pg.connect()) {
            c.query("drop type if exists " + mood);
        }
    }

    @Test
    void enumReadsAsStringAndBindsFromStringOrJavaEnum() {
        try (PgConnection c = Pg.connect()) {
            RoundTrip.runAll(c, List.of(
                    c(mood, "happy", "happy"),
                    c(mood, "with space", "with space"),
                    c(mood, "quote\"s,", "quote\"s,"),
                    c(mood, "sad", Mood.sad, "sad")));
            // without registerArray an enum array is an unknown type: its text, unparsed
            String lit = "select '{happy,NULL,\"with space\"}'::" + mood + "[]";
            assertEquals("{happy,NULL,\"with space\"}", c.query(lit).get(0).rows().get(0).get(0));
            assertEquals("{happy,NULL,\"with space\"}", c.execute(lit).rows().get(0).get(0));
        }
    }

    @Test
    void enumArrayWithRegisterArray() {
        try (PgConnection c = Pg.connect()) {
            c.session().registry().registerArray((int) moodArrayOid, (int) moodOid);
            RoundTrip.runAll(c, List.of(
                    c(mood + "[]", "{happy,NULL,\"with space\",\"quote\\\"s,\"}",
                            new String[] {"happy", null, "with space", "quote\"s,"}),
                    c(mood + "[]", "{sad,ok}", new Mood[] {Mood.sad, Mood.ok}, new String[] {"sad", "ok"})));
        }
    }

    @Test
    void userEnumCodecDecodesBothFormatsAndEncodesParameters() {
        try (PgConnection c = Pg.connect()) {
            MoodCodec codec = new MoodCodec((int) moodOid);
            c.session().registry().register(codec);
            c.session().registry().registerArray((int) moodArrayOid, (int) moodOid);
            RoundTrip.runAll(c, List.of(
                    c(mood, "happy", Mood.happy),
                    c(mood, "sad", "sad", Mood.sad), // a String still binds (the server parses it)
                    c(mood + "[]", "{ok,NULL}", new Mood[] {Mood.ok, null})));
            assertTrue(codec.binary.get() > 0, "binary decode used");
            assertTrue(codec.text.get() > 0, "text decode used");
            assertTrue(codec.encoded.get() > 0, "binary encode used");
        }
    }

    @Test
    void userPointCodecDecodesBothFormatsAndEncodesParameters() {
        try (PgConnection c = Pg.connect()) {
            PointCodec codec = new PointCodec();
            c.session().registry().register(codec).registerArray(1017, 600); // _point, point
            Point p = new Point(1.5, -2.25);
            assertEquals(p, c.execute("select '(1.5,-2.25)'::point").rows().get(0).get(0));
            assertEquals(1, codec.binary.get());
            assertEquals(p, c.query("select '(1.5,-2.25)'::point").get(0).rows().get(0).get(0));
            assertEquals(1, codec.text.get());
            // bound with the user's binary encoder: the server sees the right point
            assertEquals(true, c.execute("select $1::point ~= '(1.5,-2.25)'::point", p).rows().get(0).get(0));
            assertEquals(1, codec.encoded.get());
            RoundTrip.runAll(c, List.of(
                    c("point", "(1.5,-2.25)", p),
                    c("point", "(-0,1e-300)", new Point(-0.0, 1e-300)),
                    c("point[]", "{\"(1,2)\",NULL,\"(3,4)\"}", new Point[] {new Point(1, 2), null, new Point(3, 4)})));
        }
    }

    /** Counts which decoder the session used for each built-in type: binary for execute, text for query. */
    @Test
    void extendedProtocolDecodesBinaryAndSimpleProtocolDecodesText() {
        int[] oids = {PgTypes.BOOL, PgTypes.INT2, PgTypes.INT4, PgTypes.INT8, PgTypes.FLOAT4, PgTypes.FLOAT8,
            PgTypes.NUMERIC, PgTypes.TEXT, PgTypes.BYTEA, PgTypes.DATE, PgTypes.TIMESTAMPTZ, PgTypes.INTERVAL,
            PgTypes.UUID, PgTypes.JSONB, PgTypes.INET, PgTypes.INT4_ARRAY, PgTypes.TEXT_ARRAY};
        String sql = "select true, 1::int2, 1::int4, 1::int8, 1::float4, 1::float8, 1::numeric, 'x'::text, '\\x01'::bytea,"
                + " current_date, now(), '1 day'::interval, gen_random_uuid(), '{}'::jsonb, '::1'::inet,"
                + " '{1}'::int4[], '{a}'::text[]";
        try (PgConnection c = Pg.connect()) {
            CodecRegistry reg = c.session().registry();
            Recording[] rec = new Recording[oids.length];
            for (int i = 0; i < oids.length; i++) {
                rec[i] = new Recording(reg.forOid(oids[i]));
                reg.register(rec[i]);
            }
            c.execute(sql);
            for (Recording r : rec) {
                assertEquals(1, r.binary.get(), r.name() + " binary decodes after execute");
                assertEquals(0, r.text.get(), r.name() + " text decodes after execute");
            }
            c.query(sql);
            for (Recording r : rec) {
                assertEquals(1, r.text.get(), r.name() + " text decodes after query");
            }
            // parameters go out in binary through the codec of the server's parameter type
            Object[] values = {true, (short) 1, 1, 1L, 1f, 1d, java.math.BigDecimal.ONE, "x", new byte[] {1},
                java.time.LocalDate.of(2020, 1, 1), java.time.OffsetDateTime.parse("2020-01-01T10:00:00.000001Z"), new io.sluice.postgres.types.PgInterval(1, 2, 3),
                java.util.UUID.randomUUID(), "{}", io.sluice.postgres.types.PgInet.parse("::1", false), new Integer[] {1},
                new String[] {"a"}};
            StringBuilder params = new StringBuilder("select ");
            for (int i = 0; i < oids.length; i++) {
                params.append(i == 0 ? "" : ", ").append('$').append(i + 1).append("::").append(rec[i].name().startsWith("_")
                        ? rec[i].name().substring(1) + "[]" : rec[i].name());
            }
            var row = c.execute(params.toString(), values).rows().get(0);
            for (int i = 0; i < oids.length; i++) {
                assertEquals(1, rec[i].encoded.get(), rec[i].name() + " binary encodes");
                RoundTrip.same(values[i], row.get(i), rec[i].name() + " echo");
            }
        }
    }

    // ------------------------------------------------------------------ codecs

    /** Delegates to a built-in codec, counting decodes per format. */
    static final class Recording implements PgCodec {
        final PgCodec d;
        final AtomicInteger binary = new AtomicInteger();
        final AtomicInteger text = new AtomicInteger();
        final AtomicInteger encoded = new AtomicInteger();

        Recording(PgCodec d) {
            this.d = d;
        }

        @Override public int oid() { return d.oid(); }
        @Override public String name() { return d.name(); }
        @Override public Class<?> javaType() { return d.javaType(); }
        @Override public boolean canEncode(Object v) { return d.canEncode(v); }
        @Override public void encodeBinary(ByteWriter w, Object v) { encoded.incrementAndGet(); d.encodeBinary(w, v); }
        @Override public String encodeText(Object v) { return d.encodeText(v); }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            binary.incrementAndGet();
            return d.decodeBinary(buf, off, len);
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            text.incrementAndGet();
            return d.decodeText(buf, off, len);
        }
    }

    /** The enum's binary form is its label ({@code enum_send}), as is its text form. */
    static final class MoodCodec implements PgCodec {
        final int oid;
        final AtomicInteger binary = new AtomicInteger();
        final AtomicInteger text = new AtomicInteger();
        final AtomicInteger encoded = new AtomicInteger();

        MoodCodec(int oid) {
            this.oid = oid;
        }

        @Override public int oid() { return oid; }
        @Override public String name() { return "mood"; }
        @Override public Class<?> javaType() { return Mood.class; }
        @Override public boolean canEncode(Object v) { return v instanceof Mood; }

        private static Mood parse(byte[] buf, int off, int len) {
            String label = new String(buf, off, len, StandardCharsets.UTF_8);
            try {
                return Mood.valueOf(label);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("unknown mood " + label);
            }
        }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            binary.incrementAndGet();
            return parse(buf, off, len);
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            text.incrementAndGet();
            return parse(buf, off, len);
        }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            encoded.incrementAndGet();
            w.string(encodeText(v), StandardCharsets.UTF_8);
        }

        @Override
        public String encodeText(Object v) {
            if (!(v instanceof Mood m)) {
                throw new UsageException("not a Mood: " + v);
            }
            return m.name();
        }
    }

    /** point: binary is two float8 ({@code point_send}); text is {@code (x,y)} ({@code point_out}). */
    static final class PointCodec implements PgCodec {
        final AtomicInteger binary = new AtomicInteger();
        final AtomicInteger text = new AtomicInteger();
        final AtomicInteger encoded = new AtomicInteger();

        @Override public int oid() { return 600; }
        @Override public String name() { return "point"; }
        @Override public Class<?> javaType() { return Point.class; }
        @Override public boolean canEncode(Object v) { return v instanceof Point; }

        @Override
        public Object decodeBinary(byte[] buf, int off, int len) {
            binary.incrementAndGet();
            if (len != 16) {
                throw new ProtocolException("point needs 16 bytes, got " + len);
            }
            ByteBuffer b = ByteBuffer.wrap(buf, off, len);
            return new Point(b.getDouble(), b.getDouble());
        }

        @Override
        public Object decodeText(byte[] buf, int off, int len) {
            text.incrementAndGet();
            String s = new String(buf, off, len, StandardCharsets.US_ASCII);
            int comma = s.indexOf(',');
            if (len < 5 || s.charAt(0) != '(' || s.charAt(len - 1) != ')' || comma < 0) {
                throw new ProtocolException("bad point " + s);
            }
            try {
                return new Point(Double.parseDouble(s.substring(1, comma)), Double.parseDouble(s.substring(comma + 1, len - 1)));
            } catch (NumberFormatException e) {
                throw new ProtocolException("bad point " + s);
            }
        }

        @Override
        public void encodeBinary(ByteWriter w, Object v) {
            encoded.incrementAndGet();
            Point p = (Point) v;
            w.i64be(Double.doubleToRawLongBits(p.x()));
            w.i64be(Double.doubleToRawLongBits(p.y()));
        }

        @Override
        public String encodeText(Object v) {
            Point p = (Point) v;
            return "(" + p.x() + "," + p.y() + ")";
        }
    }
}
