package io.sluice.postgres.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.core.error.UsageException;
import io.sluice.core.wire.ByteWriter;
import java.util.Map;

/**
 * Encoders for frontend messages (protocol-message-formats). Each method appends one complete,
 * framed message to the {@link ByteWriter}: type byte (absent for the startup-phase packets),
 * big-endian int32 length counting itself, body. Several messages can be appended to one writer
 * and sent with a single write (pipelining Parse/Bind/Describe/Execute/Sync).
 *
 * <p>Strings are UTF-8 and NUL-terminated on the wire, so a NUL inside a caller's string would end
 * it early and the server would read the rest as the next field: such strings are refused with
 * {@link UsageException} before anything is written.
 */
public final class Frontend {
    /** Protocol version 3.0 in the StartupMessage: major 3 in the high 16 bits, minor 0. */
    public static final int PROTOCOL_3_0 = 196608;
    /** SSLRequest magic (protocol-flow "SSL Session Encryption"). */
    public static final int SSL_REQUEST_CODE = 80877103;
    /** CancelRequest magic (protocol-flow "Canceling Requests in Progress"). */
    public static final int CANCEL_REQUEST_CODE = 80877102;

    private Frontend() {
    }

    /**
     * StartupMessage: int32 length, int32 protocol 3.0, (name, value) NUL-terminated pairs, a final
     * NUL. {@code params} must contain "user"; the iteration order is the wire order.
     */
    public static void startup(ByteWriter w, Map<String, String> params) {
        if (params.get("user") == null || params.get("user").isEmpty()) {
            throw new UsageException("startup parameters must include a non-empty \"user\"");
        }
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                // an empty name is the list terminator on the wire
                throw new UsageException("startup parameter names must not be empty");
            }
            checkNoNul(e.getKey(), "startup parameter name");
            checkNoNul(require(e.getValue(), "value of startup parameter " + e.getKey()),
                    "value of startup parameter " + e.getKey());
        }
        int at = w.skip(4);
        w.i32be(PROTOCOL_3_0);
        for (Map.Entry<String, String> e : params.entrySet()) {
            w.cString(e.getKey(), UTF_8);
            w.cString(e.getValue(), UTF_8);
        }
        w.u8(0);
        w.putI32be(at, w.size() - at);
    }

    /** SSLRequest: int32 8, int32 80877103. The server answers with one byte, 'S' or 'N'. */
    public static void sslRequest(ByteWriter w) {
        w.i32be(8).i32be(SSL_REQUEST_CODE);
    }

    /** CancelRequest: int32 16, int32 80877102, int32 pid, int32 secret, sent on a new connection. */
    public static void cancelRequest(ByteWriter w, int pid, int secret) {
        w.i32be(16).i32be(CANCEL_REQUEST_CODE).i32be(pid).i32be(secret);
    }

    /** PasswordMessage 'p' with a NUL-terminated password (cleartext, or the md5 response). */
    public static void password(ByteWriter w, String password) {
        checkNoNul(require(password, "password"), "password");
        int at = begin(w, 'p');
        w.cString(password, UTF_8);
        end(w, at);
    }

    /** PasswordMessage 'p' with the password given as bytes (already encoded); NUL-terminated. */
    public static void password(ByteWriter w, byte[] password) {
        for (byte b : require(password, "password")) {
            if (b == 0) {
                throw new UsageException("password contains a NUL byte, which the protocol cannot carry");
            }
        }
        int at = begin(w, 'p');
        w.bytes(password).u8(0);
        end(w, at);
    }

    /**
     * SASLInitialResponse 'p': mechanism name, int32 length of the initial response (-1 when
     * {@code data} is null), the response bytes.
     */
    public static void saslInitialResponse(ByteWriter w, String mechanism, byte[] data) {
        checkNoNul(require(mechanism, "mechanism"), "SASL mechanism");
        int at = begin(w, 'p');
        w.cString(mechanism, UTF_8);
        if (data == null) {
            w.i32be(-1);
        } else {
            w.i32be(data.length).bytes(data);
        }
        end(w, at);
    }

    /** SASLResponse 'p': the raw response bytes, no terminator (the frame length delimits them). */
    public static void saslResponse(ByteWriter w, byte[] data) {
        int at = begin(w, 'p');
        w.bytes(require(data, "SASL response"));
        end(w, at);
    }

    /** Query 'Q': a simple-protocol query string (may hold several statements). */
    public static void query(ByteWriter w, String sql) {
        checkNoNul(require(sql, "sql"), "query text");
        int at = begin(w, 'Q');
        w.cString(sql, UTF_8);
        end(w, at);
    }

    /**
     * Parse 'P': statement name ("" = unnamed), query text, int16 count and int32 type OIDs
     * (0 = let the server infer). {@code paramOids} may be null (no types given).
     */
    public static void parse(ByteWriter w, String name, String sql, int[] paramOids) {
        checkNoNul(require(name, "statement name"), "statement name");
        checkNoNul(require(sql, "sql"), "query text");
        int n = paramOids == null ? 0 : paramOids.length;
        checkCount(n, "parameter type OIDs");
        int at = begin(w, 'P');
        w.cString(name, UTF_8);
        w.cString(sql, UTF_8);
        w.u16be(n);
        for (int i = 0; i < n; i++) {
            w.i32be(paramOids[i]);
        }
        end(w, at);
    }

    /**
     * Bind 'B' with every value already encoded. {@code values[i] == null} sends SQL NULL
     * (length -1). For the hot path without a {@code byte[]} per value use {@link #beginBind}.
     *
     * @param paramFormats  null/empty (all text), one entry (applies to all) or one per value; 0 text, 1 binary
     * @param resultFormats null/empty (all text), one entry (applies to all) or one per result column
     */
    public static void bind(ByteWriter w, String portal, String statement, short[] paramFormats, byte[][] values,
            short[] resultFormats) {
        int n = values == null ? 0 : values.length;
        BindWriter.checkFormats(resultFormats, -1, "result"); // before writing anything
        BindWriter b = beginBind(w, portal, statement, paramFormats, n);
        for (int i = 0; i < n; i++) {
            b.value(values[i]);
        }
        b.finish(resultFormats);
    }

    /**
     * Starts a Bind 'B' whose {@code paramCount} values the caller writes straight into {@code w}
     * through the returned {@link BindWriter}, which backpatches each value's length; call
     * {@link BindWriter#finish} to close the message. Nothing else may be written to {@code w} until then.
     */
    public static BindWriter beginBind(ByteWriter w, String portal, String statement, short[] paramFormats,
            int paramCount) {
        return BindWriter.begin(w, portal, statement, paramFormats, paramCount);
    }

    /** Describe 'D' 'S': parameter and row descriptions of a prepared statement. */
    public static void describeStatement(ByteWriter w, String name) {
        targeted(w, 'D', 'S', name, "statement name");
    }

    /** Describe 'D' 'P': row description of a portal. */
    public static void describePortal(ByteWriter w, String name) {
        targeted(w, 'D', 'P', name, "portal name");
    }

    /** Execute 'E': portal name and a row limit (0 = no limit; the server answers PortalSuspended at the limit). */
    public static void execute(ByteWriter w, String portal, int maxRows) {
        checkNoNul(require(portal, "portal name"), "portal name");
        if (maxRows < 0) {
            throw new UsageException("maxRows must be >= 0 (0 = all rows), was " + maxRows);
        }
        int at = begin(w, 'E');
        w.cString(portal, UTF_8);
        w.i32be(maxRows);
        end(w, at);
    }

    /** Sync 'S': ends an extended-query cycle; the server answers ReadyForQuery. */
    public static void sync(ByteWriter w) {
        w.u8('S').i32be(4);
    }

    /** Flush 'H': asks the server to send what it has buffered, without ending the cycle. */
    public static void flush(ByteWriter w) {
        w.u8('H').i32be(4);
    }

    /** Close 'C' 'S': drops a prepared statement. */
    public static void closeStatement(ByteWriter w, String name) {
        targeted(w, 'C', 'S', name, "statement name");
    }

    /** Close 'C' 'P': drops a portal. */
    public static void closePortal(ByteWriter w, String name) {
        targeted(w, 'C', 'P', name, "portal name");
    }

    /** CopyData 'd' with {@code len} bytes of {@code data} from {@code off}. */
    public static void copyData(ByteWriter w, byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off > data.length - len) {
            throw new UsageException("bad slice " + off + "+" + len + " of " + data.length + " bytes");
        }
        w.u8('d').i32be(len + 4).bytes(data, off, len);
    }

    /**
     * Starts a CopyData 'd' whose bytes the caller appends to {@code w}; returns the position to
     * pass to {@link #endCopyData} once they are written.
     */
    public static int beginCopyData(ByteWriter w) {
        return begin(w, 'd');
    }

    /** Closes a CopyData started at {@code at} by {@link #beginCopyData}: writes its length. */
    public static void endCopyData(ByteWriter w, int at) {
        end(w, at);
    }

    /** CopyDone 'c': the COPY FROM STDIN data is complete. */
    public static void copyDone(ByteWriter w) {
        w.u8('c').i32be(4);
    }

    /** CopyFail 'f': aborts COPY FROM STDIN; the server fails the COPY with this message. */
    public static void copyFail(ByteWriter w, String message) {
        checkNoNul(require(message, "message"), "CopyFail message");
        int at = begin(w, 'f');
        w.cString(message, UTF_8);
        end(w, at);
    }

    /** Terminate 'X': polite goodbye before closing the socket. */
    public static void terminate(ByteWriter w) {
        w.u8('X').i32be(4);
    }

    // ---- framing helpers shared with BindWriter ----

    /** Writes the type byte and reserves the length; returns the length's offset for {@link #end}. */
    static int begin(ByteWriter w, char type) {
        w.u8(type);
        return w.skip(4);
    }

    /** Backpatches the length reserved by {@link #begin}: everything written since, plus itself. */
    static void end(ByteWriter w, int lengthAt) {
        w.putI32be(lengthAt, w.size() - lengthAt);
    }

    static void checkNoNul(String s, String what) {
        if (s.indexOf('\0') >= 0) {
            throw new UsageException(what + " contains a NUL character (\\0), which the protocol cannot carry");
        }
    }

    static <T> T require(T v, String what) {
        if (v == null) {
            throw new UsageException(what + " must not be null");
        }
        return v;
    }

    static void checkCount(int n, String what) {
        if (n > 0xffff) {
            throw new UsageException("at most 65535 " + what + " fit in one message, got " + n);
        }
    }

    private static void targeted(ByteWriter w, char type, char kind, String name, String what) {
        checkNoNul(require(name, what), what);
        int at = begin(w, type);
        w.u8(kind);
        w.cString(name, UTF_8);
        end(w, at);
    }
}
