package io.sluice.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.UsageException;
import java.lang.invoke.MethodHandles;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordMapperTest {
    public enum Status { ACTIVE, DISABLED }

    public record Person(long id, String fullName, Instant createdAt, Status status, BigDecimal amount,
                         Integer score, LocalDateTime seen, char grade) {
    }

    public record Snake(int user_id, String display_name) {
    }

    public record Small(int id) {
    }

    private record Hidden(String name) {
    }

    private static Column col(String name) {
        return new Column(name, "", "T", Object.class, true, 0, 0);
    }

    private static ColumnIndex index(String... names) {
        return new ColumnIndex(java.util.Arrays.stream(names).map(RecordMapperTest::col).toList());
    }

    private static final OffsetDateTime TS = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.ofHours(2));

    @Test
    void mapsByExactCaseInsensitiveAndSnakeCaseNames() {
        ColumnIndex idx = index("ID", "full_name", "CREATED_AT", "status", "amount", "score", "seen", "grade", "extra");
        Row row = new Row(idx, new Object[] {7, "Ann Lee", TS, "disabled", 12L, null,
                LocalDateTime.of(2024, 1, 2, 3, 4), "B", "ignored"});
        Person p = RecordMapper.of(Person.class).map(row);
        assertEquals(new Person(7L, "Ann Lee", Instant.parse("2024-05-06T05:08:09Z"), Status.DISABLED,
                new BigDecimal("12"), null, LocalDateTime.of(2024, 1, 2, 3, 4), 'B'), p);
    }

    @Test
    void camelCaseColumnsFillSnakeCaseComponents() {
        Row row = new Row(index("userId", "displayName"), new Object[] {3L, "x"});
        assertEquals(new Snake(3, "x"), RecordMapper.of(Snake.class).map(row));
    }

    @Test
    void exactMatchBeatsLooserMatches() {
        Row row = new Row(index("user_id", "userId", "displayname", "display_name"), new Object[] {1, 2, "loose", "exact"});
        assertEquals(new Snake(1, "exact"), RecordMapper.of(Snake.class).map(row));
    }

    @Test
    void nullIntoPrimitiveNamesTheComponent() {
        Row row = new Row(index("id"), new Object[] {null});
        UsageException e = assertThrows(UsageException.class, () -> RecordMapper.of(Small.class).map(row));
        assertEquals("column 'id' is NULL but component 'id' of record Small is a primitive int; declare it as "
                + "Integer or COALESCE the column", e.getMessage());
    }

    @Test
    void missingColumnListsAvailableColumns() {
        Row row = new Row(index("id", "name"), new Object[] {1, "n"});
        UsageException e = assertThrows(UsageException.class, () -> RecordMapper.of(Snake.class).map(row));
        assertEquals("no column for component(s) user_id (tried user_id, userId); display_name (tried display_name, "
                + "displayName) of record Snake; columns are [id, name]", e.getMessage());
    }

    @Test
    void unconvertibleValueNamesColumnAndComponent() {
        Row row = new Row(index("id"), new Object[] {"abc"});
        UsageException e = assertThrows(UsageException.class, () -> RecordMapper.of(Small.class).map(row));
        assertTrue(e.getMessage().startsWith("cannot map column 'id' to component int id of record Small"), e.getMessage());
        Row big = new Row(index("id"), new Object[] {1L << 40});
        assertThrows(UsageException.class, () -> RecordMapper.of(Small.class).map(big), "no silent truncation");
        Row badEnum = new Row(index("id", "full_name", "created_at", "status", "amount", "score", "seen", "grade"),
                new Object[] {1, "a", TS, "GONE", 1, 1, null, "A"});
        UsageException e2 = assertThrows(UsageException.class, () -> RecordMapper.of(Person.class).map(badEnum));
        assertTrue(e2.getMessage().contains("column 'status'"), e2.getMessage());
    }

    @Test
    void planFollowsTheColumnIndex() {
        RecordMapper<Small> m = RecordMapper.of(Small.class);
        assertEquals(new Small(1), m.map(new Row(index("x", "id"), new Object[] {"x", 1})));
        assertEquals(new Small(2), m.map(new Row(index("id", "x"), new Object[] {2, "x"})));
        ColumnIndex shared = index("id");
        assertEquals(List.of(new Small(3), new Small(4)),
                m.mapAll(List.of(new Row(shared, new Object[] {3}), new Row(shared, new Object[] {4}))));
    }

    @Test
    void publicMappersAreCachedPerClass() {
        assertSame(RecordMapper.of(Small.class), RecordMapper.of(Small.class));
    }

    @Test
    void nonPublicRecordOnTheClassPathIsReachedThroughAPrivateLookup() {
        Row row = new Row(index("name"), new Object[] {"h"});
        // on the class path every package is open, so no Lookup is needed
        assertEquals(new Hidden("h"), RecordMapper.of(Hidden.class).map(row));
        assertEquals(new Hidden("h"), RecordMapper.of(Hidden.class, MethodHandles.lookup()).map(row));
    }

    @Test
    void nameConversions() {
        assertEquals("created_at", RecordMapper.toSnake("createdAt"));
        assertEquals("http_url_value", RecordMapper.toSnake("httpURLValue"));
        assertEquals("user_id2", RecordMapper.toSnake("userId2"));
        assertEquals("id", RecordMapper.toSnake("id"));
        assertEquals("createdAt", RecordMapper.toCamel("created_at"));
        assertEquals("id", RecordMapper.toCamel("id"));
    }
}
