package io.sluice.core.sql;

import io.sluice.core.spi.Dialect;
import io.sluice.core.spi.IsolationLevel;
import java.util.List;

/** Minimal dialects: only placeholders matter to SqlText. */
final class TestDialects {
    private TestDialects() {
    }

    static final Dialect QMARK = new Stub() {
        @Override
        public String placeholder(int index) {
            return "?";
        }
    };

    static final Dialect DOLLAR = new Stub() {
        @Override
        public String placeholder(int index) {
            return "$" + index;
        }
    };

    private abstract static class Stub implements Dialect {
        @Override
        public List<String> begin(IsolationLevel isolation, boolean readOnly) {
            return List.of("BEGIN");
        }

        @Override
        public String sleep(double seconds) {
            return "SELECT 1";
        }
    }
}
