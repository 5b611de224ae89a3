package io.sluice.postgres.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import io.sluice.postgres.wire.BackendMessage.*;
import io.sluice.postgres.wire.BackendMessage.RowDescription.Field;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding real server bytes ({@link Captured}) and hand-built edge cases. */
class BackendDecoderTest {

    private static List<BackendMessage> decodeAll(String hex) {
        return Captured.frames(hex).stream().map(f -> BackendDecoder.decode(f.type(), f.body())).toList();
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.replace(" ", ""));
    }

    @Test
    void startupExchange() {
        List<BackendMessage> m = decodeAll(Captured.STARTUP);
        assertEquals(AuthenticationOk.INSTANCE, m.get(0));
        assertEquals(new ParameterStatus("application_name", ""), m.get(1));
        assertEquals(new ParameterStatus("client_encoding", "UTF8"), m.get(2));
        assertTrue(m.contains(new ParameterStatus("server_version", "15.20 (Debian 15.20-0+deb12u1)")));
        assertTrue(m.contains(new ParameterStatus("TimeZone", "Etc/UTC")));
        assertEquals(new BackendKeyData(0x24d5, 0x5f59f3cb), m.get(m.size() - 2));
        assertEquals(new ReadyForQuery(TxStatus.IDLE), m.get(m.size() - 1));
        assertEquals(13, m.stream().filter(x -> x instanceof ParameterStatus).count());
    }

    @Test
    void extendedQueryExchange() {
        List<BackendMessage> m = decodeAll(Captured.EXTENDED);
        assertEquals(6, m.size());
        assertEquals(ParseComplete.INSTANCE, m.get(0));
        assertEquals(BindComplete.INSTANCE, m.get(1));
        RowDescription rd = assertInstanceOf(RowDescription.class, m.get(2));
        assertEquals(List.of(new Field("a", 0, 0, 23, 4, -1, 0), new Field("b", 0, 0, 25, -1, -1, 0),
                new Field("c", 0, 0, 25, -1, -1, 0)), rd.fields());
        DataRow row = assertInstanceOf(DataRow.class, m.get(3));
        assertEquals(3, row.count());
        assertFalse(row.isNull(0));
        assertEquals(1, row.length(0));
        assertEquals('1', row.buffer()[row.offset(0)]);
        assertTrue(row.isNull(1));
        assertEquals(-1, row.length(1));
        assertNull(row.value(1));
        assertArrayEquals("x".getBytes(UTF_8), row.value(2));
        assertThrows(IndexOutOfBoundsException.class, () -> row.isNull(3));
        CommandComplete cc = assertInstanceOf(CommandComplete.class, m.get(4));
        assertEquals("SELECT 1", cc.tag());
        assertEquals(1, cc.rows());
        assertEquals(new ReadyForQuery(TxStatus.IDLE), m.get(5));
    }

    @Test
    void describeParametersNoDataSuspendedClose() {
        List<BackendMessage> m = decodeAll(Captured.DESCRIBE);
        assertEquals(ParseComplete.INSTANCE, m.get(0));
        assertArrayEquals(new int[] {20, 25}, assertInstanceOf(ParameterDescription.class, m.get(1)).oids());
        assertEquals(List.of(new Field("int8", 0, 0, 20, 8, -1, 0), new Field("text", 0, 0, 25, -1, -1, 0)),
                assertInstanceOf(RowDescription.class, m.get(2)).fields());
        assertEquals(ParseComplete.INSTANCE, m.get(3));
        assertArrayEquals(new int[0], assertInstanceOf(ParameterDescription.class, m.get(4)).oids());
        assertEquals(NoData.INSTANCE, m.get(5));
        assertEquals(ParseComplete.INSTANCE, m.get(6));
        assertEquals(BindComplete.INSTANCE, m.get(7));
        DataRow row = assertInstanceOf(DataRow.class, m.get(8));
        assertArrayEquals(new byte[] {0, 0, 0, 1}, row.value(0)); // binary int4 1, result format 1
        assertEquals(PortalSuspended.INSTANCE, m.get(9));
        assertEquals(CloseComplete.INSTANCE, m.get(10));
        assertEquals(new ReadyForQuery(TxStatus.IDLE), m.get(11));
    }

    @Test
    void errorResponseFields() {
        List<BackendMessage> m = decodeAll(Captured.ERROR);
        PgErrorFields f = assertInstanceOf(ErrorResponse.class, m.get(0)).fields();
        assertEquals("ERROR", f.severity());
        assertEquals("ERROR", f.severityNonLocalized());
        assertEquals("42P01", f.code());
        assertEquals("relation \"no_such_table_xyz\" does not exist", f.message());
        assertEquals("15", f.position());
        assertEquals(15, f.positionNumber());
        assertEquals("parse_relation.c", f.file());
        assertEquals("1392", f.line());
        assertEquals("parserOpenTable", f.routine());
        assertNull(f.detail());
        assertFalse(f.isFatal());
    }

    @Test
    void uniqueViolationCarriesSchemaTableConstraint() {
        List<BackendMessage> m = decodeAll(Captured.UNIQUE);
        CommandComplete insert = assertInstanceOf(CommandComplete.class, m.get(0));
        assertEquals(1, insert.rows());
        assertEquals("INSERT", insert.command());
        PgErrorFields f = assertInstanceOf(ErrorResponse.class, m.get(1)).fields();
        assertEquals("23505", f.code());
        assertEquals("duplicate key value violates unique constraint \"cap_u_email_key\"", f.message());
        assertEquals("Key (email)=(a@x) already exists.", f.detail());
        assertEquals("pg_temp_2", f.schema());
        assertEquals("cap_u", f.table());
        assertEquals("cap_u_email_key", f.constraint());
        assertEquals("_bt_check_unique", f.routine());
    }

    @Test
    void noticeEmptyNotification() {
        List<BackendMessage> n = decodeAll(Captured.NOTICE);
        PgErrorFields f = assertInstanceOf(NoticeResponse.class, n.get(0)).fields();
        assertEquals("NOTICE", f.severity());
        assertEquals("00000", f.code());
        assertEquals("hello 42", f.message());
        assertEquals("PL/pgSQL function inline_code_block line 1 at RAISE", f.where());
        assertEquals(new CommandComplete("DO"), n.get(1));
        assertEquals(-1, ((CommandComplete) n.get(1)).rows());

        assertEquals(List.of(EmptyQueryResponse.INSTANCE, new ReadyForQuery(TxStatus.IDLE)), decodeAll(Captured.EMPTY));

        List<BackendMessage> a = decodeAll(Captured.NOTIFY);
        assertEquals(new CommandComplete("LISTEN"), a.get(0));
        assertEquals(new NotificationResponse(0x24d5, "chan1", "payload-1"), a.get(2));
    }

    @Test
    void copyOutAndIn() {
        List<BackendMessage> m = decodeAll(Captured.COPYOUT);
        CopyOutResponse r = assertInstanceOf(CopyOutResponse.class, m.get(0));
        assertEquals(0, r.format());
        assertArrayEquals(new int[] {0, 0}, r.columnFormats());
        assertArrayEquals("1\tr1\n".getBytes(UTF_8), assertInstanceOf(CopyData.class, m.get(1)).data());
        assertArrayEquals("2\tr2\n".getBytes(UTF_8), assertInstanceOf(CopyData.class, m.get(2)).data());
        assertEquals(CopyDone.INSTANCE, m.get(3));
        assertEquals(2, assertInstanceOf(CommandComplete.class, m.get(4)).rows());

        CopyInResponse in = assertInstanceOf(CopyInResponse.class, decodeAll(Captured.COPYIN).get(0));
        assertArrayEquals(new int[] {0}, in.columnFormats());
        PgErrorFields f = assertInstanceOf(ErrorResponse.class, decodeAll(Captured.COPYFAIL).get(0)).fields();
        assertEquals("57014", f.code());
        assertEquals("COPY from stdin failed: client gave up", f.message());
    }

    @Test
    void transactionStatuses() {
        List<BackendMessage> t = decodeAll(Captured.INTX);
        assertEquals(new CommandComplete("BEGIN"), t.get(0));
        assertEquals(1, ((CommandComplete) t.get(2)).rows()); // UPDATE 1
        assertEquals(new ReadyForQuery(TxStatus.IN_TRANSACTION), t.get(3));
        List<BackendMessage> e = decodeAll(Captured.FAILEDTX);
        assertEquals("22012", ((ErrorResponse) e.get(0)).fields().code());
        assertEquals(new ReadyForQuery(TxStatus.FAILED), e.get(1));
    }

    @Test
    void negotiateProtocolVersion() {
        List<BackendMessage> m = decodeAll(Captured.NEGOTIATE);
        // PostgreSQL sends the full version number (3 << 16 | minor) in the int32
        assertEquals(new NegotiateProtocolVersion(0, List.of("_pq_.bogus")), m.get(0));
        assertEquals(new NegotiateProtocolVersion(2, List.of()),
                BackendDecoder.decode((byte) 'v', hex("00000002 00000000"))); // a bare minor, as documented
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'v', hex("00040000 00000000")));
        assertEquals(AuthenticationOk.INSTANCE, m.get(1));
    }

    // ---- hand-built messages not produced by the captures ----

    @Test
    void authenticationRequests() {
        assertEquals(AuthenticationCleartextPassword.INSTANCE, BackendDecoder.decode((byte) 'R', hex("00000003")));
        AuthenticationMD5Password md5 = assertInstanceOf(AuthenticationMD5Password.class,
                BackendDecoder.decode((byte) 'R', hex("00000005 01020304")));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, md5.salt());
        // "SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0", as PostgreSQL sends over TLS
        AuthenticationSASL sasl = assertInstanceOf(AuthenticationSASL.class, BackendDecoder.decode((byte) 'R',
                hex("0000000a 5343 52414d2d5348412d3235362d504c555300 5343 52414d2d5348412d32353600 00")));
        assertEquals(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"), sasl.mechanisms());
        assertArrayEquals("r=abc".getBytes(UTF_8), assertInstanceOf(AuthenticationSASLContinue.class,
                BackendDecoder.decode((byte) 'R', hex("0000000b 723d616263"))).data());
        assertArrayEquals("v=x".getBytes(UTF_8), assertInstanceOf(AuthenticationSASLFinal.class,
                BackendDecoder.decode((byte) 'R', hex("0000000c 763d78"))).data());
        assertEquals(new AuthenticationUnsupported(7), BackendDecoder.decode((byte) 'R', hex("00000007")));
        assertEquals(new AuthenticationUnsupported(8), BackendDecoder.decode((byte) 'R', hex("00000008 aabb")));
        assertEquals(new AuthenticationUnsupported(99), BackendDecoder.decode((byte) 'R', hex("00000063")));
    }

    @Test
    void malformedInputNamesTheMessage() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> BackendDecoder.decode((byte) 'Z', hex("58")));
        assertTrue(e.getMessage().contains("ReadyForQuery"), e.getMessage());
        e = assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'x', new byte[0]));
        assertTrue(e.getMessage().contains("unknown backend message type 'x'"), e.getMessage());
        e = assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) '1', hex("00")));
        assertTrue(e.getMessage().contains("ParseComplete") && e.getMessage().contains("trailing"), e.getMessage());
        // DataRow: 0x7fff columns declared in 6 bytes -> refused before allocating
        e = assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'D', hex("7fff 00000001 41")));
        assertTrue(e.getMessage().contains("DataRow"), e.getMessage());
        // DataRow: a value length past the end, and one below -1
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'D', hex("0001 00000005 4142")));
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'D', hex("0001 fffffffe")));
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'D', hex("0001 00000001 4142")));
        // RowDescription with 1000 fields in 20 bytes; format code 2
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'T', hex("03e8" + "00".repeat(18))));
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'T',
                hex("0001 6100 00000000 0000 00000017 0004 ffffffff 0002")));
        // AuthenticationSASL with no mechanism, MD5 with a short salt, negative option count
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'R', hex("0000000a 00")));
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'R', hex("00000005 0102")));
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'v', hex("00000000 ffffffff")));
        // ErrorResponse without its terminating zero byte
        assertThrows(ProtocolException.class, () -> BackendDecoder.decode((byte) 'E', hex("4d6f6f707300")));
    }

    @Test
    void emptyDataRowAndEmptyValue() {
        DataRow none = assertInstanceOf(DataRow.class, BackendDecoder.decode((byte) 'D', hex("0000")));
        assertEquals(0, none.count());
        DataRow empty = assertInstanceOf(DataRow.class, BackendDecoder.decode((byte) 'D', hex("0001 00000000")));
        assertFalse(empty.isNull(0));
        assertEquals(0, empty.length(0));
        assertEquals(6, empty.offset(0));
    }

    @Test
    void commandCompleteRows() {
        assertEquals(5, new CommandComplete("INSERT 0 5").rows());
        assertEquals(3, new CommandComplete("UPDATE 3").rows());
        assertEquals(2, new CommandComplete("SELECT 2").rows());
        assertEquals(10, new CommandComplete("COPY 10").rows());
        assertEquals(7, new CommandComplete("DELETE 7").rows());
        assertEquals(4, new CommandComplete("MERGE 4").rows());
        assertEquals(1, new CommandComplete("FETCH 1").rows());
        assertEquals(-1, new CommandComplete("CREATE TABLE").rows());
        assertEquals(-1, new CommandComplete("DROP INDEX 3").rows()); // not a counting tag
        assertEquals(-1, new CommandComplete("SELECT x").rows());
        assertEquals(-1, new CommandComplete("SELECT 99999999999999999999999").rows());
        assertEquals(-1, new CommandComplete("").rows());
        assertEquals("INSERT", new CommandComplete("INSERT 0 5").command());
        assertEquals("CREATE TABLE", new CommandComplete("CREATE TABLE").command());
    }

    @Test
    void framing() {
        assertEquals(0, Framing.bodyLength(4, 100));
        assertEquals(96, Framing.bodyLength(100, 100));
        assertThrows(ProtocolException.class, () -> Framing.bodyLength(3, 100));
        assertThrows(ProtocolException.class, () -> Framing.bodyLength(-1, 100));
        assertThrows(ProtocolException.class, () -> Framing.bodyLength(101, 100));
        assertEquals(4, Framing.bodyLength(hex("5a 00000008"), 0, 100));
        assertEquals("'D' (DataRow)", Framing.describe((byte) 'D'));
    }

    @Test
    void backendKeyDataHidesSecret() {
        assertFalse(new BackendKeyData(1, 12345).toString().contains("12345"));
    }
}
