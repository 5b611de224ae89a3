package io.sluice.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Takes Sluice's log output over for the length of the demo. Sluice logs through System.Logger,
 * which the JDK backs with java.util.logging unless an application installs something else: the
 * engine's slow-query WARNING is collected so the demo can show "the slow-query log" in its own
 * layout instead of two timestamped stderr lines in the middle of a table, server notices (INFO,
 * e.g. from DROP) are hidden, and any other warning goes to {@code other} in one line. Everything
 * is restored on {@link #close()}.
 */
final class LogCapture implements AutoCloseable {
    private static final String ROOT = "io.sluice";
    static final String ENGINE_LOGGER = "io.sluice.core.engine.Engine";

    /** Held strongly: java.util.logging keeps only weak references to configured loggers. */
    private final Logger logger = Logger.getLogger(ROOT);
    private final Level savedLevel;
    private final boolean savedUseParent;
    private final Handler handler;
    private final List<String> slowQueryLines = new CopyOnWriteArrayList<>();

    LogCapture(Consumer<String> other) {
        savedLevel = logger.getLevel();
        savedUseParent = logger.getUseParentHandlers();
        SimpleFormatter f = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String msg = f.formatMessage(r);
                if (ENGINE_LOGGER.equals(r.getLoggerName()) && msg.startsWith("slow query")) {
                    slowQueryLines.add(r.getLevel() + " " + msg);
                } else if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    other.accept(r.getLevel() + " " + r.getLoggerName() + ": " + msg);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.WARNING);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
    }

    /** The engine's slow-query log lines seen so far. */
    List<String> slowQueryLog() {
        return new ArrayList<>(slowQueryLines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(savedUseParent);
        logger.setLevel(savedLevel);
    }
}
