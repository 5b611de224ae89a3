package io.sluice.postgres.wire;

import java.util.List;

/**
 * A message from the server, as decoded by {@link BackendDecoder} (protocol-message-formats).
 * One record per message kind, nested here so a session can {@code import BackendMessage.*} and
 * switch over them exhaustively; {@link DataRow} lives in its own file because it carries the
 * hot-path value index.
 *
 * <p>Records holding a {@code byte[]} share the decoder's array (no copy): treat it as read-only.
 */
public sealed interface BackendMessage permits
        BackendMessage.Authentication, BackendMessage.BackendKeyData, BackendMessage.BindComplete,
        BackendMessage.CloseComplete, BackendMessage.CommandComplete, BackendMessage.CopyData,
        BackendMessage.CopyDone, BackendMessage.CopyInResponse, BackendMessage.CopyOutResponse,
        BackendMessage.CopyBothResponse, DataRow, BackendMessage.EmptyQueryResponse, BackendMessage.ErrorResponse,
        BackendMessage.NoData, BackendMessage.NoticeResponse, BackendMessage.NotificationResponse,
        BackendMessage.ParameterDescription, BackendMessage.ParameterStatus, BackendMessage.ParseComplete,
        BackendMessage.PortalSuspended, BackendMessage.ReadyForQuery, BackendMessage.RowDescription,
        BackendMessage.NegotiateProtocolVersion {

    /** Marker for the 'R' family: every authentication request or outcome. */
    sealed interface Authentication extends BackendMessage permits AuthenticationOk,
            AuthenticationCleartextPassword, AuthenticationMD5Password, AuthenticationSASL,
            AuthenticationSASLContinue, AuthenticationSASLFinal, AuthenticationUnsupported {
    }

    /** 'R' code 0: authentication succeeded. */
    record AuthenticationOk() implements Authentication {
        public static final AuthenticationOk INSTANCE = new AuthenticationOk();
    }

    /** 'R' code 3: send the password in clear text. */
    record AuthenticationCleartextPassword() implements Authentication {
        public static final AuthenticationCleartextPassword INSTANCE = new AuthenticationCleartextPassword();
    }

    /** 'R' code 5: send an MD5-hashed password using this 4-byte salt. */
    record AuthenticationMD5Password(byte[] salt) implements Authentication {
    }

    /** 'R' code 10: start SASL with one of these mechanisms, in the server's order of preference. */
    record AuthenticationSASL(List<String> mechanisms) implements Authentication {
        public AuthenticationSASL {
            mechanisms = List.copyOf(mechanisms);
        }
    }

    /** 'R' code 11: SASL challenge (for SCRAM: the server-first-message). */
    record AuthenticationSASLContinue(byte[] data) implements Authentication {
    }

    /** 'R' code 12: SASL outcome data (for SCRAM: the server-final-message). */
    record AuthenticationSASLFinal(byte[] data) implements Authentication {
    }

    /**
     * 'R' with a method Sluice does not implement: 2 KerberosV5, 6 SCMCredential, 7 GSS,
     * 8 GSSContinue, 9 SSPI, or a code unknown to this version.
     */
    record AuthenticationUnsupported(int code) implements Authentication {
    }

    /** 'K': the process id and secret key needed for a CancelRequest. */
    record BackendKeyData(int pid, int secret) implements BackendMessage {
        @Override
        public String toString() {
            // the secret lets anyone cancel this session's queries: keep it out of logs
            return "BackendKeyData[pid=" + pid + ", secret=***]";
        }
    }

    /** '2'. */
    record BindComplete() implements BackendMessage {
        public static final BindComplete INSTANCE = new BindComplete();
    }

    /** '3'. */
    record CloseComplete() implements BackendMessage {
        public static final CloseComplete INSTANCE = new CloseComplete();
    }

    /** 'C': a command finished; the tag names it and usually carries a row count. */
    record CommandComplete(String tag) implements BackendMessage {
        /**
         * The affected or returned row count for tags that carry one (INSERT oid n, DELETE n,
         * UPDATE n, MERGE n, SELECT n, MOVE n, FETCH n, COPY n), else -1. Never throws.
         */
        public long rows() {
            int sp = tag.lastIndexOf(' ');
            if (sp < 0) {
                return -1;
            }
            String verb = command();
            return switch (verb) {
                case "INSERT", "DELETE", "UPDATE", "MERGE", "SELECT", "MOVE", "FETCH", "COPY" ->
                        parseCount(tag, sp + 1);
                default -> -1;
            };
        }

        /** The command word(s) without trailing numbers: "INSERT", "CREATE TABLE", "SELECT". */
        public String command() {
            int end = tag.length();
            while (true) {
                int sp = tag.lastIndexOf(' ', end - 1);
                if (sp < 0 || parseCount(tag.substring(0, end), sp + 1) < 0) {
                    return tag.substring(0, end);
                }
                end = sp;
            }
        }

        private static long parseCount(String s, int from) {
            int n = s.length() - from;
            if (n <= 0 || n > 18) {
                return -1; // 18 digits cannot overflow a long
            }
            long v = 0;
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }

    /** 'd': a chunk of COPY data (the body array itself). */
    record CopyData(byte[] data) implements BackendMessage {
    }

    /** 'c'. */
    record CopyDone() implements BackendMessage {
        public static final CopyDone INSTANCE = new CopyDone();
    }

    /** 'G': the server is ready to receive COPY data. {@code format}: 0 text, 1 binary. */
    record CopyInResponse(int format, int[] columnFormats) implements BackendMessage {
    }

    /** 'H': COPY data follows from the server. */
    record CopyOutResponse(int format, int[] columnFormats) implements BackendMessage {
    }

    /** 'W': COPY in both directions (streaming replication). */
    record CopyBothResponse(int format, int[] columnFormats) implements BackendMessage {
    }

    /** 'I': the query string was empty. */
    record EmptyQueryResponse() implements BackendMessage {
        public static final EmptyQueryResponse INSTANCE = new EmptyQueryResponse();
    }

    /** 'E'. */
    record ErrorResponse(PgErrorFields fields) implements BackendMessage {
    }

    /** 'n': the described statement or portal returns no rows. */
    record NoData() implements BackendMessage {
        public static final NoData INSTANCE = new NoData();
    }

    /** 'N': a warning or notice; does not end the command. */
    record NoticeResponse(PgErrorFields fields) implements BackendMessage {
    }

    /** 'A': NOTIFY delivered on a channel this session LISTENs to. */
    record NotificationResponse(int pid, String channel, String payload) implements BackendMessage {
    }

    /** 't': the parameter type OIDs of a described statement. */
    record ParameterDescription(int[] oids) implements BackendMessage {
    }

    /** 'S': a run-time parameter value (server_version, client_encoding, TimeZone, ...). */
    record ParameterStatus(String name, String value) implements BackendMessage {
    }

    /** '1'. */
    record ParseComplete() implements BackendMessage {
        public static final ParseComplete INSTANCE = new ParseComplete();
    }

    /** 's': Execute stopped at its row limit; the portal can be executed again. */
    record PortalSuspended() implements BackendMessage {
        public static final PortalSuspended INSTANCE = new PortalSuspended();
    }

    /** 'Z': the server is ready for a new query cycle. */
    record ReadyForQuery(TxStatus status) implements BackendMessage {
    }

    /** 'T': the columns of the rows that follow (or of a described statement/portal). */
    record RowDescription(List<Field> fields) implements BackendMessage {
        public RowDescription {
            fields = List.copyOf(fields);
        }

        /**
         * One column.
         *
         * @param tableOid     the source table's OID, or 0
         * @param columnAttr   the source column's attribute number, or 0
         * @param typeOid      the data type's OID
         * @param typeSize     pg_type.typlen (negative for variable width)
         * @param typeModifier pg_attribute.atttypmod (type specific, -1 when none)
         * @param format       0 text, 1 binary (0 in a Describe-statement reply: not yet known)
         */
        public record Field(String name, int tableOid, int columnAttr, int typeOid, int typeSize, int typeModifier,
                int format) {
        }
    }

    /**
     * 'v': the server supports an older minor protocol version than requested and/or did not
     * recognize some {@code _pq_.} startup options.
     */
    record NegotiateProtocolVersion(int minor, List<String> unrecognized) implements BackendMessage {
        public NegotiateProtocolVersion {
            unrecognized = List.copyOf(unrecognized);
        }
    }
}
