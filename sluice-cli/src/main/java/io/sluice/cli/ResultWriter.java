package io.sluice.cli;

import io.sluice.core.result.Result;

import java.io.PrintStream;

/**
 * Writes results as they arrive, each flushed at once so output keeps pace with a long script.
 * Table and csv results are separated by a blank line. In json mode several results are wrapped in
 * one array, so stdout is always a single JSON document; {@link #end()} closes that array even
 * after a failure, keeping what was printed parseable.
 */
final class ResultWriter {
    private final OutputFormat format;
    private final PrintStream out;
    private boolean started;
    private boolean array;
    private int written;

    ResultWriter(OutputFormat format, PrintStream out) {
        this.format = format;
        this.out = out;
    }

    /** Must precede the first {@link #write}; {@code several} says whether more than one result may follow. */
    void begin(boolean several) {
        started = true;
        array = format == OutputFormat.JSON && several;
    }

    boolean started() {
        return started;
    }

    void write(Result r) {
        if (!started) {
            throw new IllegalStateException("begin() first");
        }
        String text = format.format(r);
        if (array) {
            out.print(written == 0 ? "[\n" : ",\n");
            out.print(text);
        } else {
            out.print(written == 0 ? "" : "\n");
            out.print(text);
            out.print('\n');
        }
        written++;
        out.flush();
    }

    void end() {
        if (array) {
            out.print(written == 0 ? "[]\n" : "\n]\n");
        }
        out.flush();
    }
}
