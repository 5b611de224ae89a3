package io.sluice.postgres.types;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Maps type OIDs to codecs (results) and Java values to codecs (parameters).
 *
 * <p><b>Lifecycle.</b> {@link #defaults()} returns a NEW registry each call; it shares the immutable
 * built-in codec table, so creating one per connection costs two empty maps. {@link #register}
 * adds or replaces a codec in this registry (thread-safe, lock-free reads; columns resolved before
 * the call keep their old codec, so register at connection setup). {@link #withCodec} returns a
 * copy with one more codec and leaves this registry unchanged. Share one registry per engine if all
 * its connections see the same user types, or keep one per connection when OIDs differ (user types
 * get per-database OIDs).
 *
 * <p><b>Results.</b> Resolve {@link #forOid} once per RowDescription column and keep the codec
 * array; ask for binary results only where {@link #binaryDecodable} is true. Unknown OIDs get a
 * text-only fallback decoding to String (enums, domains over unsupported types, extension types).
 *
 * <p><b>Parameters.</b> With the server's types from ParameterDescription, {@link #encode} picks the
 * codec of the server's type when it accepts the Java value (an Integer for an int8 parameter is
 * sent as int8), sends strings (and enum constants) in TEXT format for the server to parse (a
 * String for a uuid/date/json/numeric/enum parameter), and raises {@link UsageException} naming
 * both types for anything else. Without a server type (OID 0) the codec follows the Java class
 * ({@link #forValue}).
 */
public final class CodecRegistry {
    private static final PgCodec[] BUILTIN = new PgCodec[4096];
    private static final Map<Class<?>, PgCodec> BY_CLASS = new ConcurrentHashMap<>();
    /** Enum constants, null: sent as 'unknown' text so the server infers the type. */
    private static final PgCodec UNKNOWN_TEXT = TextOnlyCodec.fallback(PgTypes.UNKNOWN);

    static {
        PgCodec[] scalars = {
            ScalarCodecs.BOOL, StringCodecs.BYTEA, StringCodecs.CHAR, StringCodecs.NAME, ScalarCodecs.INT8,
            ScalarCodecs.INT2, ScalarCodecs.INT4, StringCodecs.TEXT, ScalarCodecs.OID, StringCodecs.JSON,
            InetCodec.CIDR, ScalarCodecs.FLOAT4, ScalarCodecs.FLOAT8, InetCodec.INET, StringCodecs.BPCHAR,
            StringCodecs.VARCHAR, DateTimeCodecs.DATE, DateTimeCodecs.TIME, DateTimeCodecs.TIMESTAMP,
            DateTimeCodecs.TIMESTAMPTZ, IntervalCodec.INSTANCE, DateTimeCodecs.TIMETZ, NumericCodec.INSTANCE,
            StringCodecs.UUID_CODEC, StringCodecs.JSONB,
        };
        for (PgCodec c : scalars) {
            BUILTIN[c.oid()] = c;
            int arr = PgTypes.arrayOf(c.oid());
            BUILTIN[arr] = new ArrayCodec(arr, c);
        }
        BUILTIN[PgTypes.UNKNOWN] = StringCodecs.UNKNOWN;
        BUILTIN[PgTypes.VOID] = StringCodecs.VOID;

        BY_CLASS.put(Boolean.class, ScalarCodecs.BOOL);
        BY_CLASS.put(Byte.class, ScalarCodecs.INT2);
        BY_CLASS.put(Short.class, ScalarCodecs.INT2);
        BY_CLASS.put(Integer.class, ScalarCodecs.INT4);
        BY_CLASS.put(Long.class, ScalarCodecs.INT8);
        BY_CLASS.put(Float.class, ScalarCodecs.FLOAT4);
        BY_CLASS.put(Double.class, ScalarCodecs.FLOAT8);
        BY_CLASS.put(BigDecimal.class, NumericCodec.INSTANCE);
        BY_CLASS.put(BigInteger.class, NumericCodec.INSTANCE);
        BY_CLASS.put(String.class, StringCodecs.TEXT);
        BY_CLASS.put(Character.class, StringCodecs.TEXT);
        BY_CLASS.put(byte[].class, StringCodecs.BYTEA);
        BY_CLASS.put(LocalDate.class, DateTimeCodecs.DATE);
        BY_CLASS.put(LocalTime.class, DateTimeCodecs.TIME);
        BY_CLASS.put(OffsetTime.class, DateTimeCodecs.TIMETZ);
        BY_CLASS.put(LocalDateTime.class, DateTimeCodecs.TIMESTAMP);
        BY_CLASS.put(OffsetDateTime.class, DateTimeCodecs.TIMESTAMPTZ);
        BY_CLASS.put(Instant.class, DateTimeCodecs.TIMESTAMPTZ);
        BY_CLASS.put(ZonedDateTime.class, DateTimeCodecs.TIMESTAMPTZ);
        BY_CLASS.put(Duration.class, IntervalCodec.INSTANCE);
        BY_CLASS.put(Period.class, IntervalCodec.INSTANCE);
        BY_CLASS.put(PgInterval.class, IntervalCodec.INSTANCE);
        BY_CLASS.put(UUID.class, StringCodecs.UUID_CODEC);
        // primitive components of int[], long[] ... parameters
        BY_CLASS.put(boolean.class, ScalarCodecs.BOOL);
        BY_CLASS.put(short.class, ScalarCodecs.INT2);
        BY_CLASS.put(int.class, ScalarCodecs.INT4);
        BY_CLASS.put(long.class, ScalarCodecs.INT8);
        BY_CLASS.put(float.class, ScalarCodecs.FLOAT4);
        BY_CLASS.put(double.class, ScalarCodecs.FLOAT8);
    }

    private final ConcurrentHashMap<Integer, PgCodec> custom = new ConcurrentHashMap<>();
    /** Registration order, newest last; consulted by {@link #forValue} for classes not built in. */
    private final CopyOnWriteArrayList<PgCodec> customOrder = new CopyOnWriteArrayList<>();

    private CodecRegistry() {}

    /** A new registry holding the built-in codecs (see the class comment for sharing). */
    public static CodecRegistry defaults() {
        return new CodecRegistry();
    }

    /** Adds {@code codec} for its OID, replacing any codec (built-in or not) for that OID. */
    public CodecRegistry register(PgCodec codec) {
        if (codec == null) {
            throw new UsageException("codec is required");
        }
        PgCodec old = custom.put(codec.oid(), codec);
        if (old != null) {
            customOrder.remove(old);
        }
        customOrder.add(codec);
        return this;
    }

    /**
     * Registers the array type {@code arrayOid} of element type {@code elementOid} (e.g. an enum's
     * array type, whose OID is per database), using this registry's codec for the element.
     */
    public CodecRegistry registerArray(int arrayOid, int elementOid) {
        PgCodec element = forOid(elementOid);
        if (element instanceof ArrayCodec) {
            throw new UsageException("array elements cannot be arrays: " + PgTypes.name(elementOid));
        }
        return register(new ArrayCodec(arrayOid, element));
    }

    /** A copy of this registry with {@code codec} added; this registry is not changed. */
    public CodecRegistry withCodec(PgCodec codec) {
        CodecRegistry copy = new CodecRegistry();
        for (PgCodec c : customOrder) {
            copy.register(c);
        }
        return copy.register(codec);
    }

    /** The codec for a result column or parameter of type {@code oid}; never null. */
    public PgCodec forOid(int oid) {
        if (!custom.isEmpty()) {
            PgCodec c = custom.get(oid);
            if (c != null) {
                return c;
            }
        }
        PgCodec b = oid >= 0 && oid < BUILTIN.length ? BUILTIN[oid] : null;
        return b != null ? b : TextOnlyCodec.fallback(oid);
    }

    /** {@link #forOid} for each column of a RowDescription, in order. */
    public PgCodec[] forOids(int[] oids) {
        PgCodec[] out = new PgCodec[oids.length];
        for (int i = 0; i < oids.length; i++) {
            out[i] = forOid(oids[i]);
        }
        return out;
    }

    /** True when results of type {@code oid} can be requested in binary format. */
    public boolean binaryDecodable(int oid) {
        return forOid(oid).supportsBinary();
    }

    /**
     * The codec (and so the OID) for a Java value when the server did not give the parameter's type.
     * Strings are text (OID 25); enum constants and null map to the text-only 'unknown' (705) codec
     * so that the server infers the type (send OID 0 in Parse for nulls). Arrays and Lists map to the
     * array type of their component class or first non-null element (text[] when neither tells).
     *
     * @throws UsageException for a Java class with no PostgreSQL mapping
     */
    public PgCodec forValue(Object value) {
        if (value == null) {
            return UNKNOWN_TEXT;
        }
        PgCodec c = BY_CLASS.get(value.getClass());
        if (c != null) {
            return c;
        }
        for (int i = customOrder.size() - 1; i >= 0; i--) {
            PgCodec u = customOrder.get(i);
            if (u.canEncode(value)) {
                return u;
            }
        }
        return switch (value) {
            case Enum<?> e -> UNKNOWN_TEXT;
            case PgInet i -> i.cidr() ? InetCodec.CIDR : InetCodec.INET;
            case InetAddress a -> InetCodec.INET;
            case CharSequence s -> StringCodecs.TEXT;
            default -> {
                if (ArrayCodec.isArrayLike(value)) {
                    yield arrayFor(value);
                }
                throw new UsageException("no PostgreSQL type for Java class " + value.getClass().getName());
            }
        };
    }

    private PgCodec arrayFor(Object value) {
        PgCodec elem = null;
        Class<?> leaf = value.getClass();
        while (leaf.isArray() && leaf != byte[].class) {
            leaf = leaf.getComponentType();
        }
        if (leaf != value.getClass()) {
            elem = BY_CLASS.get(leaf);
        }
        if (elem == null) {
            Object first = firstLeaf(value, 0);
            elem = first == null ? StringCodecs.TEXT : forValue(first);
        }
        if (elem.oid() == PgTypes.UNKNOWN) {
            elem = StringCodecs.TEXT; // enum constants: there is no unknown[]
        }
        for (PgCodec u : customOrder) {
            if (u instanceof ArrayCodec a && a.element().oid() == elem.oid()) {
                return a;
            }
        }
        int arr = PgTypes.arrayOf(elem.oid());
        if (arr == 0) {
            throw new UsageException("no array type known for elements of type " + elem.name()
                    + "; register it with registerArray(arrayOid, elementOid)");
        }
        return forOid(arr);
    }

    private static Object firstLeaf(Object v, int depth) {
        if (depth > ArrayCodec.MAX_DIMS) {
            return null;
        }
        int n = ArrayCodec.length(v);
        for (int i = 0; i < n; i++) {
            Object e = ArrayCodec.get(v, i);
            Object leaf = ArrayCodec.isArrayLike(e) ? firstLeaf(e, depth + 1) : e;
            if (leaf != null) {
                return leaf;
            }
        }
        return null;
    }

    /**
     * The codec that encodes {@code value} for a parameter the server typed as {@code serverOid}
     * (0 = not known: {@link #forValue}). A codec whose {@link PgCodec#supportsBinary()} is false
     * must be sent in TEXT format via {@link PgCodec#encodeText}.
     *
     * @throws UsageException when the value cannot be converted to the parameter's type
     */
    public PgCodec forParameter(int serverOid, Object value) {
        if (value == null) {
            throw new UsageException("a null parameter has no codec: send it as length -1");
        }
        if (serverOid == PgTypes.UNSPECIFIED) {
            return forValue(value);
        }
        PgCodec t = forOid(serverOid);
        if (t.canEncode(value)) {
            return t.supportsBinary() ? t : new TextOnlyCodec(serverOid, t.name(), t::encodeText);
        }
        String text = StringCodecs.textOf(value);
        if (text != null) {
            // the server's input function parses it: uuid, date, json, numeric, enum, ...
            return new TextOnlyCodec(serverOid, t.name(), StringCodecs::textOf);
        }
        if (t instanceof ArrayCodec a && ArrayCodec.isArrayLike(value)) {
            PgCodec e = a.element();
            return new TextOnlyCodec(serverOid, t.name(), v -> a.literal(v, x -> leafText(e, x)));
        }
        if (serverOid == PgTypes.TIMESTAMPTZ && value instanceof LocalDateTime ldt) {
            // no offset in the text: the server applies the session TimeZone, like an implicit cast
            return new TextOnlyCodec(serverOid, t.name(), v -> DateTimeCodecs.localTimestampText((LocalDateTime) v));
        }
        if (!t.supportsBinary()) {
            // a type we have no codec for (domain, extension type): send the value's own text form
            PgCodec natural = forValue(value);
            return new TextOnlyCodec(serverOid, t.name(), natural::encodeText);
        }
        throw new UsageException("cannot bind a " + value.getClass().getName() + " to a parameter of type "
                + t.name());
    }

    private static String leafText(PgCodec element, Object leaf) {
        if (element.canEncode(leaf)) {
            return element.encodeText(leaf);
        }
        String s = StringCodecs.textOf(leaf);
        if (s == null) {
            throw new UsageException("cannot bind a " + leaf.getClass().getName() + " as an element of type "
                    + element.name());
        }
        return s;
    }

    /**
     * Encodes a non-null parameter value (just the value bytes; the caller writes the int32 length,
     * or -1 without calling this for a null) and says which OID and format it used.
     *
     * @param serverOid the type from ParameterDescription, or 0 when unknown
     */
    public ParamEncoding encode(int serverOid, Object value, ByteWriter w) {
        PgCodec c = forParameter(serverOid, value);
        int oid = serverOid != PgTypes.UNSPECIFIED ? serverOid : c.oid();
        if (c.supportsBinary()) {
            c.encodeBinary(w, value);
            return new ParamEncoding(oid, PgFormat.BINARY);
        }
        w.string(c.encodeText(value), StandardCharsets.UTF_8);
        return new ParamEncoding(oid, PgFormat.TEXT);
    }
}
