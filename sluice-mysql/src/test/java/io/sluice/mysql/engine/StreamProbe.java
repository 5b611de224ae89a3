package io.sluice.mysql.engine;

import io.sluice.core.engine.Engine;
import io.sluice.core.spi.RowCursor;

/**
 * Run in a child JVM with a small heap by {@link EngineFeaturesTest}: streams 1,000,000 rows and
 * prints their count and sum, proving the stream holds bounded memory.
 */
public final class StreamProbe {
    private StreamProbe() {
    }

    public static void main(String[] args) {
        try (Engine engine = Engine.create(args[0])) {
            long rows = engine.withConnection(c -> {
                long n = 0;
                long sum = 0;
                try (RowCursor cur = c.stream("select seq, repeat('x', 100), seq * 2 from seq_1_to_1000000 where seq > ?", 0)) {
                    while (cur.hasNext()) {
                        sum += cur.next().getLong(0);
                        n++;
                    }
                }
                System.out.println("sum=" + sum);
                return n;
            });
            System.out.println("rows=" + rows);
        }
    }
}
