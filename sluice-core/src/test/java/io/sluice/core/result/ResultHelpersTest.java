package io.sluice.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.MultipleResultsException;
import io.sluice.core.error.NoResultException;
import io.sluice.core.error.ResultShapeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultHelpersTest {
    public record Item(long id, String name) {
    }

    private static final ColumnIndex IDX = new ColumnIndex(List.of(
            new Column("id", "t", "INT", Integer.class, false, 11, 0),
            new Column("name", "t", "VARCHAR", String.class, true, 20, 0)));

    private static Result of(int rows) {
        List<Row> list = new java.util.ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            list.add(new Row(IDX, new Object[] {i, "n" + i}));
        }
        return new Result(IDX, List.copyOf(list), rows, 0, 0, "");
    }

    @Test
    void oneWithNoRows() {
        NoResultException e = assertThrows(NoResultException.class, () -> of(0).one());
        assertEquals("expected exactly one row, got none", e.getMessage());
        assertTrue(e instanceof ResultShapeException);
    }

    @Test
    void oneWithTwoRows() {
        MultipleResultsException e = assertThrows(MultipleResultsException.class, () -> of(2).one());
        assertEquals("expected exactly one row, got 2", e.getMessage());
        assertEquals(2, e.rowCount());
    }

    @Test
    void oneWithOneRow() {
        assertEquals(1, of(1).one().get("id"));
    }

    @Test
    void oneOrNone() {
        assertNull(of(0).oneOrNone());
        assertEquals("n1", of(1).oneOrNone().getString("name"));
        MultipleResultsException e = assertThrows(MultipleResultsException.class, () -> of(3).oneOrNone());
        assertEquals("expected at most one row, got 3", e.getMessage());
    }

    @Test
    void scalarAndFirst() {
        assertEquals(1, of(3).scalar());
        assertEquals(1L, of(3).scalar(Long.class));
        assertNull(of(0).scalar());
        assertNull(of(0).first());
        assertEquals("n1", of(2).first().getString(1));
    }

    @Test
    void listHelpers() {
        Result r = of(2);
        assertSame(r.rows(), r.all());
        assertEquals(List.of(new Item(1, "n1"), new Item(2, "n2")), r.as(Item.class));
        assertEquals(List.of("n1", "n2"), r.map(row -> row.getString("name")));
        assertEquals(List.of(new Item(1, "n1"), new Item(2, "n2")), r.map(RecordMapper.of(Item.class)));
    }

    @Test
    void singleRowHelpersRefuseResultsWithoutRowSet() {
        Result dml = Result.update(3, 0, 0, "");
        ResultShapeException e = assertThrows(ResultShapeException.class, dml::one);
        assertEquals("one() needs a row set, but the statement returned none (affected 3 row(s)); use "
                + "affectedRows() for DML", e.getMessage());
        assertThrows(ResultShapeException.class, dml::scalar);
        assertThrows(ResultShapeException.class, dml::first);
        assertThrows(ResultShapeException.class, dml::oneOrNone);
        assertEquals(List.of(), dml.all());
        assertEquals(List.of(), dml.as(Item.class));
    }
}
