package io.sluice.demo;

import io.sluice.core.engine.Engine;
import io.sluice.core.engine.EngineListener;
import io.sluice.core.engine.ExecuteEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link EngineListener} that records the statements one thread runs, so the demo can show
 * what a transaction sent (BEGIN, SAVEPOINT, ROLLBACK TO ...) next to the Java that caused it.
 */
final class SqlLog implements EngineListener, AutoCloseable {
    private static final int MAX_SQL = 96;
    private final Engine engine;
    private final Thread thread = Thread.currentThread();
    private final List<ExecuteEvent> events = new CopyOnWriteArrayList<>();

    private SqlLog(Engine engine) {
        this.engine = engine;
    }

    static SqlLog attach(Engine engine) {
        SqlLog log = new SqlLog(engine);
        engine.addListener(log);
        return log;
    }

    @Override
    public void afterExecute(ExecuteEvent e) {
        if (Thread.currentThread() == thread) {
            events.add(e);
        }
    }

    /** One line per statement: the SQL on one line, and the error class when it failed. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (ExecuteEvent e : events) {
            String sql = oneLine(e.sql());
            String line = e.error() == null ? sql : sql + "   -> " + e.error().getClass().getSimpleName();
            out.add(line);
        }
        return out;
    }

    static String oneLine(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > MAX_SQL ? s.substring(0, MAX_SQL - 3) + "..." : s;
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    @Override
    public void close() {
        engine.removeListener(this);
    }
}
