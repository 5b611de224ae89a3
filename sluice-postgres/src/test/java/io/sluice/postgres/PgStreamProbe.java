package io.sluice.postgres;

import io.sluice.core.engine.Engine;
import io.sluice.core.spi.RowCursor;

/** Run in a child JVM with a 64 MB heap by {@link PgExtrasTest}: streams 1,000,000 rows through the engine. */
public final class PgStreamProbe {
    private PgStreamProbe() {
    }

    public static void main(String[] args) {
        try (Engine engine = Engine.create(args[0])) {
            long[] out = engine.withConnection(c -> {
                long n = 0;
                long sum = 0;
                try (RowCursor cur = c.stream("select g, repeat('x', 100), g * 2 from generate_series(1, $1::int4) g", 1_000_000)) {
                    while (cur.hasNext()) {
                        sum += cur.next().getInt(0);
                        n++;
                    }
                }
                return new long[] {n, sum};
            });
            System.out.println("rows=" + out[0]);
            System.out.println("sum=" + out[1]);
        }
    }
}
