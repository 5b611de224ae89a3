package io.sluice.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Which statements may share a pipelined connection, and the pipelineDepth option. */
class SharedExecutionTest {

    @Test
    void onlyPlainQueriesAndDmlShare() {
        for (String sql : new String[] {"select 1", "  SELECT 1", "-- note\nselect 1", "/* c */ insert into t values (1)",
                "(select 1) union (select 2)", "with x as (select 1) select * from x", "update t set a = 1",
                "delete from t", "values (1)", "table t"}) {
            assertTrue(SharedExecution.shareable(sql), sql);
        }
        for (String sql : new String[] {"set search_path = x", "begin", "BEGIN; select 1", "listen ch", "commit",
                "create temp table t (a int)", "prepare p as select 1", "discard all", "call p()", "do $$ begin end $$",
                "lock table t", "", "/* unterminated", "-- only a comment"}) {
            assertFalse(SharedExecution.shareable(sql), sql);
        }
    }

    @Test
    void pipelineDepthIsValidated() {
        assertEquals(1, EngineConfig.fromUrl("postgresql://u@h/db").pipelineDepth());
        assertEquals(8, EngineConfig.fromUrl("postgresql://u@h/db?pipelineDepth=8").pipelineDepth());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> EngineConfig.fromUrl("postgresql://u@h/db?pipelineDepth=0"));
        assertEquals("pipelineDepth must be between 1 and 64, was 0", e.getMessage());
        assertThrows(ConfigurationException.class, () -> EngineConfig.fromUrl("postgresql://u@h/db?pipelineDepth=65"));
    }
}
