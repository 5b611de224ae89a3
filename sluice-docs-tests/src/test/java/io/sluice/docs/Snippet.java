package io.sluice.docs;

import java.util.List;
import java.util.Set;

/**
 * One fenced {@code ```java id=... [db=...]} block of a guide page.
 *
 * @param file      the page, as shown in messages (e.g. {@code docs/transactions.md})
 * @param id        the block's {@code id=} value, unique across the guide
 * @param databases where it runs: {@code mysql}, {@code postgresql} or both
 * @param fenceLine 1-based line of the opening fence in the page
 * @param lines     the block's lines with their page line numbers (indentation of the fence removed)
 */
record Snippet(String file, String id, Set<String> databases, int fenceLine, List<Line> lines) {

    static final Set<String> DATABASES = Set.of("mysql", "postgresql");

    /** One line of a block and where it sits in the page. */
    record Line(int pageLine, String text) {
    }

    Snippet {
        databases = Set.copyOf(databases);
        lines = List.copyOf(lines);
    }

    boolean runsOn(String db) {
        return databases.contains(db);
    }

    /** {@code docs/x.md:12 [id]}, the prefix of every message about this snippet. */
    String where() {
        return file + ":" + fenceLine + " [" + id + "]";
    }

    /** A Java identifier derived from the id ({@code tx-savepoint} -> {@code Snippet_tx_savepoint}). */
    String className() {
        StringBuilder sb = new StringBuilder("Snippet_");
        for (char c : id.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return sb.toString();
    }
}
