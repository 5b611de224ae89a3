package io.sluice.postgres.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.wire.ByteReader;
import io.sluice.postgres.wire.BackendMessage.AuthenticationCleartextPassword;
import io.sluice.postgres.wire.BackendMessage.AuthenticationMD5Password;
import io.sluice.postgres.wire.BackendMessage.AuthenticationOk;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASL;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASLContinue;
import io.sluice.postgres.wire.BackendMessage.AuthenticationSASLFinal;
import io.sluice.postgres.wire.BackendMessage.AuthenticationUnsupported;
import io.sluice.postgres.wire.BackendMessage.BackendKeyData;
import io.sluice.postgres.wire.BackendMessage.BindComplete;
import io.sluice.postgres.wire.BackendMessage.CloseComplete;
import io.sluice.postgres.wire.BackendMessage.CommandComplete;
import io.sluice.postgres.wire.BackendMessage.CopyBothResponse;
import io.sluice.postgres.wire.BackendMessage.CopyData;
import io.sluice.postgres.wire.BackendMessage.CopyDone;
import io.sluice.postgres.wire.BackendMessage.CopyInResponse;
import io.sluice.postgres.wire.BackendMessage.CopyOutResponse;
import io.sluice.postgres.wire.BackendMessage.EmptyQueryResponse;
import io.sluice.postgres.wire.BackendMessage.ErrorResponse;
import io.sluice.postgres.wire.BackendMessage.NegotiateProtocolVersion;
import io.sluice.postgres.wire.BackendMessage.NoData;
import io.sluice.postgres.wire.BackendMessage.NoticeResponse;
import io.sluice.postgres.wire.BackendMessage.NotificationResponse;
import io.sluice.postgres.wire.BackendMessage.ParameterDescription;
import io.sluice.postgres.wire.BackendMessage.ParameterStatus;
import io.sluice.postgres.wire.BackendMessage.ParseComplete;
import io.sluice.postgres.wire.BackendMessage.PortalSuspended;
import io.sluice.postgres.wire.BackendMessage.ReadyForQuery;
import io.sluice.postgres.wire.BackendMessage.RowDescription;
import io.sluice.postgres.wire.BackendMessage.RowDescription.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one backend message body (protocol-message-formats). Sans-I/O: the caller frames the
 * stream with {@link Framing} and passes type byte and body; the body array may be retained by
 * the result (DataRow, CopyData) and must not be reused by the caller.
 *
 * <p>Strict on purpose: every count and length is checked against the bytes present before
 * anything is allocated, and a body with bytes left over after its last field is rejected, since
 * that means the stream is out of step. Any malformed or unknown input raises
 * {@link ProtocolException} naming the message; no other exception escapes.
 */
public final class BackendDecoder {
    /** ReadyForQuery is immutable and ends every response: one instance per transaction status. */
    private static final ReadyForQuery[] READY = java.util.Arrays.stream(TxStatus.values())
            .map(ReadyForQuery::new).toArray(ReadyForQuery[]::new);

    private BackendDecoder() {
    }

    /** Decodes {@code body} (the bytes after the 5-byte header) of a message of {@code type}. */
    public static BackendMessage decode(byte type, byte[] body) {
        return decode(type, body, body.length);
    }

    /** True for the message types whose decoded form keeps the body array (DataRow, CopyData). */
    public static boolean retainsBody(byte type) {
        return type == 'D' || type == 'd';
    }

    /**
     * Decodes the body {@code buf[0, length)}. Unless {@link #retainsBody} is true for the type, the
     * message copies what it keeps, so {@code buf} may be a buffer the caller reuses.
     */
    public static BackendMessage decode(byte type, byte[] buf, int length) {
        String name = nameOf(type);
        if (name == null) {
            throw new ProtocolException("unknown backend message type " + Framing.describe(type) + " with "
                    + length + " bytes");
        }
        if (length < 0 || length > buf.length || retainsBody(type) && length != buf.length) {
            throw new IllegalArgumentException("body of " + length + " bytes in a buffer of " + buf.length);
        }
        try {
            return switch (type) {
                case 'D' -> DataRow.parse(buf);
                case 'd' -> new CopyData(buf);
                case 'R' -> authentication(new ByteReader(buf, 0, length));
                default -> decodeOther(type, new ByteReader(buf, 0, length));
            };
        } catch (ProtocolException e) {
            throw new ProtocolException("malformed " + name + " message ('" + (char) type + "', " + length
                    + " bytes): " + e.getMessage(), e);
        }
    }

    private static BackendMessage decodeOther(byte type, ByteReader r) {
        BackendMessage m = switch (type) {
            case 'K' -> new BackendKeyData(r.i32be(), r.i32be());
            case '2' -> BindComplete.INSTANCE;
            case '3' -> CloseComplete.INSTANCE;
            case 'C' -> new CommandComplete(r.cString(UTF_8));
            case 'c' -> CopyDone.INSTANCE;
            case 'G' -> copyResponse(r, 'G');
            case 'H' -> copyResponse(r, 'H');
            case 'W' -> copyResponse(r, 'W');
            case 'I' -> EmptyQueryResponse.INSTANCE;
            case 'E' -> new ErrorResponse(errorFields(r));
            case 'N' -> new NoticeResponse(errorFields(r));
            case 'n' -> NoData.INSTANCE;
            case 'A' -> new NotificationResponse(r.i32be(), r.cString(UTF_8), r.cString(UTF_8));
            case 't' -> parameterDescription(r);
            case 'S' -> new ParameterStatus(r.cString(UTF_8), r.cString(UTF_8));
            case '1' -> ParseComplete.INSTANCE;
            case 's' -> PortalSuspended.INSTANCE;
            case 'Z' -> READY[TxStatus.fromCode(r.u8()).ordinal()];
            case 'T' -> rowDescription(r);
            case 'v' -> negotiate(r);
            default -> throw new ProtocolException("no decoder"); // unreachable: nameOf() filtered
        };
        end(r);
        return m;
    }

    /** 'R': int32 code, then code-specific data (protocol-message-formats AuthenticationXXX). */
    private static BackendMessage authentication(ByteReader r) {
        int code = r.i32be();
        BackendMessage m = switch (code) {
            case 0 -> AuthenticationOk.INSTANCE;
            case 3 -> AuthenticationCleartextPassword.INSTANCE;
            case 5 -> new AuthenticationMD5Password(r.bytes(4));
            case 10 -> sasl(r);
            case 11 -> new AuthenticationSASLContinue(r.rest());
            case 12 -> new AuthenticationSASLFinal(r.rest());
            default -> {
                r.skip(r.remaining()); // e.g. GSSContinue carries data we do not interpret
                yield new AuthenticationUnsupported(code);
            }
        };
        end(r);
        return m;
    }

    /** Mechanism names, each NUL-terminated, the list closed by an empty name. */
    private static AuthenticationSASL sasl(ByteReader r) {
        List<String> mechanisms = new ArrayList<>(2);
        while (true) {
            String m = r.cString(UTF_8);
            if (m.isEmpty()) {
                break;
            }
            mechanisms.add(m);
        }
        if (mechanisms.isEmpty()) {
            throw new ProtocolException("AuthenticationSASL lists no mechanism");
        }
        return new AuthenticationSASL(mechanisms);
    }

    /** int8 overall format, int16 column count, int16 format per column (0 text, 1 binary). */
    private static BackendMessage copyResponse(ByteReader r, char type) {
        int format = format(r.u8());
        int count = r.u16be();
        r.require(2L * count);
        int[] formats = new int[count];
        for (int i = 0; i < count; i++) {
            formats[i] = format(r.u16be());
        }
        return switch (type) {
            case 'G' -> new CopyInResponse(format, formats);
            case 'H' -> new CopyOutResponse(format, formats);
            default -> new CopyBothResponse(format, formats);
        };
    }

    private static ParameterDescription parameterDescription(ByteReader r) {
        int count = r.u16be();
        r.require(4L * count);
        int[] oids = new int[count];
        for (int i = 0; i < count; i++) {
            oids[i] = r.i32be();
        }
        return new ParameterDescription(oids);
    }

    /** Field: name, int32 table oid, int16 attnum, int32 type oid, int16 typlen, int32 typmod, int16 format. */
    private static RowDescription rowDescription(ByteReader r) {
        int count = r.u16be();
        // smallest field: empty name (1 NUL byte) + 18 fixed bytes
        r.require(19L * count);
        List<Field> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = r.cString(UTF_8);
            int tableOid = r.i32be();
            int attr = (short) r.u16be();
            int typeOid = r.i32be();
            int typeSize = (short) r.u16be();
            int typmod = r.i32be();
            int format = format(r.u16be());
            fields.add(new Field(name, tableOid, attr, typeOid, typeSize, typmod, format));
        }
        return new RowDescription(fields);
    }

    /**
     * The docs call the first int32 the "newest minor protocol version supported", but servers send
     * the whole version code (PG_PROTOCOL_LATEST, 3 << 16 | minor): accept both, refuse another major.
     */
    private static NegotiateProtocolVersion negotiate(ByteReader r) {
        int version = r.i32be();
        if ((version >>> 16) != 0 && (version >>> 16) != 3) {
            throw new ProtocolException("server offers protocol major version " + (version >>> 16) + ", not 3");
        }
        int minor = version & 0xffff;
        int count = r.i32be();
        if (count < 0) {
            throw new ProtocolException("negative option count " + count);
        }
        r.require(count); // each option name takes at least its NUL
        List<String> options = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            options.add(r.cString(UTF_8));
        }
        return new NegotiateProtocolVersion(minor, options);
    }

    /** Pairs of (field type byte, NUL-terminated value), closed by a zero byte. */
    private static PgErrorFields errorFields(ByteReader r) {
        Map<Character, String> fields = new HashMap<>();
        while (true) {
            int code = r.u8();
            if (code == 0) {
                break;
            }
            fields.put((char) code, r.cString(UTF_8));
        }
        return PgErrorFields.of(fields);
    }

    private static int format(int f) {
        if (f != 0 && f != 1) {
            throw new ProtocolException("format code " + f + " is neither 0 (text) nor 1 (binary)");
        }
        return f;
    }

    private static void end(ByteReader r) {
        if (r.hasRemaining()) {
            throw new ProtocolException(r.remaining() + " unexpected trailing bytes");
        }
    }

    /** The message name for a backend type byte, or {@code null} when the type is not a backend message. */
    public static String nameOf(byte type) {
        return switch (type) {
            case 'R' -> "Authentication";
            case 'K' -> "BackendKeyData";
            case '2' -> "BindComplete";
            case '3' -> "CloseComplete";
            case 'C' -> "CommandComplete";
            case 'd' -> "CopyData";
            case 'c' -> "CopyDone";
            case 'G' -> "CopyInResponse";
            case 'H' -> "CopyOutResponse";
            case 'W' -> "CopyBothResponse";
            case 'D' -> "DataRow";
            case 'I' -> "EmptyQueryResponse";
            case 'E' -> "ErrorResponse";
            case 'n' -> "NoData";
            case 'N' -> "NoticeResponse";
            case 'A' -> "NotificationResponse";
            case 't' -> "ParameterDescription";
            case 'S' -> "ParameterStatus";
            case '1' -> "ParseComplete";
            case 's' -> "PortalSuspended";
            case 'Z' -> "ReadyForQuery";
            case 'T' -> "RowDescription";
            case 'v' -> "NegotiateProtocolVersion";
            default -> null;
        };
    }
}
