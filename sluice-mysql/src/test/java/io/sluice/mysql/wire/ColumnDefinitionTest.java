package io.sluice.mysql.wire;

import static io.sluice.mysql.wire.WireBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import io.sluice.core.result.Column;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ColumnDefinitionTest {
    /**
     * {@code SELECT id FROM test.t AS x} for {@code id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY},
     * laid out per page_protocol_com_query_response_text_resultset_column_definition.html.
     */
    static final byte[] BIGINT_ID = hex("""
            03 64 65 66          -- catalog "def"
            04 74 65 73 74       -- schema "test"
            01 78                -- table "x"
            01 74                -- org_table "t"
            02 69 64             -- name "id"
            02 69 64             -- org_name "id"
            0c                   -- length of fixed fields
            3f 00                -- character_set 63 (binary)
            14 00 00 00          -- column_length 20
            08                   -- type LONGLONG
            23 82                -- flags NOT_NULL|PRI_KEY|UNSIGNED|AUTO_INCREMENT|NUM
            00                   -- decimals
            00 00                -- filler
            """.replaceAll("--[^\\n]*", ""));

    /** The doc's own example: the column of {@code SELECT @@version_comment}. */
    static final byte[] VERSION_COMMENT = hex("03 64 65 66 00 00 00 11 40 40 76 65 72 73 69 6f 6e 5f 63 6f 6d 6d"
            + "65 6e 74 00 0c 08 00 1c 00 00 00 fd 00 00 1f 00 00");

    @Test
    void decodesAllFieldsOfAColumnDefinition41() {
        ColumnDefinition c = ColumnDefinition.decode(BIGINT_ID);
        assertEquals(new ColumnDefinition("def", "test", "x", "t", "id", "id", 63, 20, ColumnType.LONGLONG,
                0x8223, 0), c);
        assertEquals(EnumSet.of(ColumnFlag.NOT_NULL, ColumnFlag.PRI_KEY, ColumnFlag.UNSIGNED,
                ColumnFlag.AUTO_INCREMENT, ColumnFlag.NUM), ColumnFlag.decode(c.flags()));
        assertTrue(c.isUnsigned());
        assertEquals(new Column("id", "x", "BIGINT UNSIGNED", Object.class, false, 20, 0), c.toColumn());
    }

    @Test
    void decodesTheDocumentationExample() {
        ColumnDefinition c = ColumnDefinition.decode(VERSION_COMMENT);
        assertEquals("@@version_comment", c.name());
        assertEquals("", c.schema());
        assertEquals(8, c.collationId());
        assertEquals(28, c.length());
        assertEquals(ColumnType.VAR_STRING, c.type());
        assertEquals(0x1f, c.decimals());
        assertEquals(new Column("@@version_comment", "", "VARCHAR", String.class, true, 28, 0x1f), c.toColumn());
    }

    @Test
    void ignoresTrailingBytesSuchAsFieldListDefaults() {
        byte[] withDefault = WireBytes.cat(BIGINT_ID, hex("01 30"));
        assertEquals(ColumnDefinition.decode(BIGINT_ID), ColumnDefinition.decode(withDefault));
    }

    @Test
    void rejectsAWrongFixedFieldsLength() {
        byte[] bad = BIGINT_ID.clone();
        bad[19] = 0x0b; // the 0x0c marker after the six strings
        assertEquals(0x0c, BIGINT_ID[19]);
        assertThrows(ProtocolException.class, () -> ColumnDefinition.decode(bad));
    }

    @Test
    void rejectsAnUnknownTypeCode() {
        byte[] bad = BIGINT_ID.clone();
        bad[26] = (byte) 0xf0;
        ProtocolException e = assertThrows(ProtocolException.class, () -> ColumnDefinition.decode(bad));
        assertTrue(e.getMessage().contains("0xf0"), e.getMessage());
    }

    @Test
    void everyTruncationIsAProtocolError() {
        for (int n = 0; n < BIGINT_ID.length; n++) {
            byte[] prefix = Arrays.copyOf(BIGINT_ID, n);
            assertThrows(ProtocolException.class, () -> ColumnDefinition.decode(prefix), "prefix " + n);
        }
    }

    @Test
    void aStringLengthBeyondThePacketIsRejectedBeforeAllocation() {
        byte[] bad = hex("fe ff ff ff ff ff ff ff 7f");
        assertThrows(ProtocolException.class, () -> ColumnDefinition.decode(bad));
        assertThrows(ProtocolException.class, () -> ColumnDefinition.decode(hex("ff")));
    }

    @Test
    void typeNamesFollowTheWireTypeFlagsAndCollation() {
        assertEquals("TEXT", def(ColumnType.BLOB, 0, 45, 262_140).typeName());
        assertEquals("TINYTEXT", def(ColumnType.BLOB, 0, 45, 1020).typeName());
        assertEquals("MEDIUMTEXT", def(ColumnType.BLOB, 0, 33, 50_331_645).typeName());
        assertEquals("LONGTEXT", def(ColumnType.BLOB, 0, 45, 4_294_967_295L).typeName());
        assertEquals("BLOB", def(ColumnType.BLOB, 0x90, 63, 65_535).typeName());
        assertEquals("LONGBLOB", def(ColumnType.BLOB, 0x90, 63, 4_294_967_295L).typeName());
        assertEquals("VARBINARY", def(ColumnType.VAR_STRING, 0x80, 63, 10).typeName());
        assertEquals("CHAR", def(ColumnType.STRING, 0, 255, 40).typeName());
        assertEquals("ENUM", def(ColumnType.STRING, 0x100, 255, 4).typeName());
        assertEquals("SET", def(ColumnType.STRING, 0x800, 255, 12).typeName());
        assertEquals("INT", def(ColumnType.LONG, 0, 63, 11).typeName());
        assertEquals("TINYINT UNSIGNED", def(ColumnType.TINY, 0x20, 63, 3).typeName());
        assertEquals("JSON", def(ColumnType.JSON, 0x90, 63, 4_294_967_295L).typeName());
    }

    @Test
    void javaTypesMatchTheDecoderMapping() {
        assertEquals(Integer.class, def(ColumnType.TINY, 0, 63, 1).javaType());
        assertEquals(Integer.class, def(ColumnType.LONG, 0, 63, 11).javaType());
        assertEquals(Long.class, def(ColumnType.LONG, 0x20, 63, 10).javaType());
        assertEquals(Long.class, def(ColumnType.LONGLONG, 0, 63, 20).javaType());
        assertEquals(Object.class, def(ColumnType.LONGLONG, 0x20, 63, 20).javaType());
        assertEquals(byte[].class, def(ColumnType.BLOB, 0x90, 63, 65_535).javaType());
        assertEquals(String.class, def(ColumnType.BLOB, 0x10, 45, 262_140).javaType());
        assertEquals(String.class, def(ColumnType.JSON, 0x90, 63, 0).javaType());
        assertEquals(byte[].class, def(ColumnType.GEOMETRY, 0x90, 63, 0).javaType());
        assertEquals(java.time.Instant.class, def(ColumnType.TIMESTAMP, 0, 63, 19).javaType());
        assertEquals(java.time.Duration.class, def(ColumnType.TIME, 0, 63, 10).javaType());
    }

    @Test
    void columnTypeCodes() {
        assertEquals(ColumnType.DECIMAL, ColumnType.of(0x00));
        assertEquals(ColumnType.TIMESTAMP, ColumnType.of(0x07));
        assertEquals(ColumnType.BIT, ColumnType.of(0x10));
        assertEquals(ColumnType.JSON, ColumnType.of(0xf5));
        assertEquals(ColumnType.NEWDECIMAL, ColumnType.of(0xf6));
        assertEquals(ColumnType.GEOMETRY, ColumnType.of(0xff));
        for (ColumnType t : ColumnType.values()) {
            assertEquals(t, ColumnType.of(t.code()));
        }
        assertThrows(ProtocolException.class, () -> ColumnType.of(0x14));
        assertThrows(ProtocolException.class, () -> ColumnType.of(0xf4));
        assertThrows(ProtocolException.class, () -> ColumnType.of(256));
        assertThrows(ProtocolException.class, () -> ColumnType.of(-1));
    }

    @Test
    void nullableUnlessNotNullFlag() {
        assertTrue(def(ColumnType.LONG, 0, 63, 11).toColumn().nullable());
        assertFalse(def(ColumnType.LONG, 1, 63, 11).toColumn().nullable());
    }

    private static ColumnDefinition def(ColumnType type, int flags, int collation, long length) {
        return new ColumnDefinition("def", "s", "t", "t", "c", "c", collation, length, type, flags, 0);
    }
}
