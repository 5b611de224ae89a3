package io.sluice.mysql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineListener;
import io.sluice.core.engine.ExecuteEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Without listeners the engine builds no statement events, but its statistics and slow-query
 * count must not notice: and a listener added later sees the next statements in full.
 */
class EngineStatsWithoutListenersTest {
    @Test
    void statsCountWithoutListenersAndALateListenerGetsEvents() {
        try (Engine e = EngineDb.engine("poolSize=1&slowQueryThreshold=100ms")) {
            e.execute("select ?", 1);
            assertThrows(RuntimeException.class, () -> e.execute("selec 1"));
            e.execute("select sleep(0.15)");
            try (var s = e.connect().stream("select seq from seq_1_to_3")) {
                s.forEachRemaining(r -> { });
            }
            var stats = e.stats();
            assertEquals(4, stats.queries());
            assertEquals(1, stats.errors());
            assertEquals(1, stats.slowQueries());
            assertEquals(4, stats.latency().count());

            List<String> seen = new CopyOnWriteArrayList<>();
            e.addListener(new EngineListener() {
                @Override
                public void beforeExecute(ExecuteEvent ev) {
                    seen.add("before:" + ev.sql());
                }

                @Override
                public void afterExecute(ExecuteEvent ev) {
                    seen.add("after:" + ev.rows());
                }
            });
            e.execute("select ?, ?", 1, 2);
            assertEquals(List.of("before:select ?, ?", "after:1"), seen);
        }
    }
}
