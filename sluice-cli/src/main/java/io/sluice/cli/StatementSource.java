package io.sluice.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Statements read lazily from a script, so stdin runs statement by statement as it arrives.
 * {@link #hasNext()} reads ahead only as far as the next complete statement.
 */
final class StatementSource implements Iterator<String> {
    private final BufferedReader reader;
    private final StatementSplitter splitter;
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private boolean eof;

    StatementSource(Reader reader, Dialect dialect) {
        this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        this.splitter = new StatementSplitter(dialect);
    }

    static StatementSource of(String script, Dialect dialect) {
        return new StatementSource(new StringReader(script), dialect);
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !eof) {
            String line = readLine();
            if (line == null) {
                eof = true;
                ready.addAll(splitter.finish());
            } else {
                ready.addAll(splitter.feed(line));
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.removeFirst();
    }

    /** One line with its terminator kept: a CR LF inside a string literal must reach the server as is. */
    private String readLine() {
        try {
            StringBuilder sb = new StringBuilder(128);
            int c;
            while ((c = reader.read()) != -1) {
                sb.append((char) c);
                if (c == '\n') {
                    break;
                }
            }
            return sb.isEmpty() ? null : sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL from stdin: " + e.getMessage(), e);
        }
    }
}
