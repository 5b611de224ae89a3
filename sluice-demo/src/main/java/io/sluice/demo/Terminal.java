package io.sluice.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Everything the demo prints goes through here: section headers, the API call being shown, aligned
 * key/value lines, tables and the progress bar. On a terminal it uses ANSI colours (and Unicode
 * block characters when the locale is UTF-8) and rewrites the progress bar in place; otherwise
 * (piped, redirected, {@code NO_COLOR}, {@code TERM=dumb}, {@code --plain}) it prints plain text
 * with progress as separate lines, so a log file reads cleanly.
 */
final class Terminal {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String CYAN = "\u001b[36m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final int KEY_WIDTH = 15;

    private final PrintStream out;
    private final boolean rich;
    private final boolean unicode;
    private int section;

    Terminal(PrintStream out, boolean rich, boolean unicode) {
        this.out = out;
        this.rich = rich;
        this.unicode = rich && unicode;
    }

    /** Rich output only when stdout is an interactive terminal and nothing asks for plain text. */
    static Terminal detect(PrintStream out, boolean forcePlain) {
        boolean tty = !forcePlain && isTerminal() && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(out, tty, utf8Locale());
    }

    /**
     * {@code System.console() != null} meant "interactive" up to JDK 21; from JDK 22 a console may
     * exist for redirected streams too and {@code Console.isTerminal()} (22+) tells them apart. It is
     * called reflectively because the code compiles for release 21.
     */
    private static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException olderJdk) {
            return true;
        }
    }

    private static boolean utf8Locale() {
        for (String v : new String[] {System.getenv("LC_ALL"), System.getenv("LC_CTYPE"), System.getenv("LANG")}) {
            if (v != null && !v.isEmpty()) {
                String s = v.toLowerCase(Locale.ROOT);
                return s.contains("utf-8") || s.contains("utf8");
            }
        }
        return false;
    }

    boolean rich() {
        return rich;
    }

    // ------------------------------------------------------------------ text

    void title(String text) {
        line(style(BOLD, text));
    }

    void section(String name) {
        section++;
        out.print("\n");
        String head = section + ". " + name;
        if (rich) {
            String bar = unicode ? "\u2500" : "-";
            line(style(BOLD + CYAN, bar.repeat(2) + " " + head + " " + bar.repeat(Math.max(3, 72 - head.length()))));
        } else {
            line("== " + head + " ==");
        }
    }

    /** The Sluice call being demonstrated, as a Java snippet. */
    void code(String javaSnippet) {
        for (String l : javaSnippet.split("\n")) {
            line("  " + style(YELLOW, l));
        }
    }

    void text(String s) {
        line("  " + s);
    }

    void note(String s) {
        line("  " + style(DIM, s));
    }

    void kv(String key, Object value) {
        String k = key.length() >= KEY_WIDTH ? key + " " : key + " ".repeat(KEY_WIDTH - key.length());
        line("  " + style(BOLD, k) + value);
    }

    void ok(String s) {
        line("  " + style(GREEN, unicode ? "\u2714 " : rich ? "+ " : "ok: ") + s);
    }

    void failed(String s) {
        line("  " + style(RED, unicode ? "\u2718 " : rich ? "x " : "error: ") + s);
    }

    void table(List<String> lines) {
        for (String l : lines) {
            line("    " + l);
        }
    }

    /** A stage that takes a while: shown at once on a terminal, completed by {@link #stepDone}. */
    void step(String text) {
        if (rich) {
            out.print("  " + style(DIM, text + " ..."));
            out.flush();
        }
    }

    void stepDone(String text, double seconds) {
        String l = String.format(Locale.ROOT, "%-36s %5.1f s", text, seconds);
        if (rich) {
            out.print("\r\u001b[K");
        }
        line("  " + style(DIM, l));
    }

    void blank() {
        line("");
    }

    private void line(String s) {
        out.print(s);
        out.print('\n');
        out.flush();
    }

    private String style(String code, String s) {
        return rich ? code + s + RESET : s;
    }

    // ------------------------------------------------------------------ progress

    /** A progress display for {@code total} units: a bar rewritten in place, or a line per quarter. */
    Progress progress(String unit, long total) {
        return new Progress(unit, total);
    }

    final class Progress {
        private static final int WIDTH = 30;
        private final String unit;
        private final long total;
        private final long started = System.nanoTime();
        private long lastDraw;
        private int lastQuarter;

        private Progress(String unit, long total) {
            this.unit = unit;
            this.total = total;
        }

        /** Called from whatever thread does the work; draws at most ~20 times a second. */
        void update(long done) {
            if (rich) {
                long now = System.nanoTime();
                if (done < total && now - lastDraw < 50_000_000L) {
                    return;
                }
                lastDraw = now;
                int filled = (int) (WIDTH * Math.min(done, total) / Math.max(1, total));
                String bar = unicode
                        ? "\u2588".repeat(filled) + "\u2591".repeat(WIDTH - filled)
                        : "#".repeat(filled) + ".".repeat(WIDTH - filled);
                out.print(String.format(Locale.ROOT, "\r\u001b[K  [%s] %3d%%  %,d / %,d %s  %.1f s", bar,
                        percent(done), done, total, unit, seconds()));
                out.flush();
            } else {
                int quarter = (int) (4 * Math.min(done, total) / Math.max(1, total));
                if (quarter > lastQuarter) {
                    lastQuarter = quarter;
                    line(String.format(Locale.ROOT, "  ... %,d / %,d %s (%d%%, %.1f s)", done, total, unit,
                            percent(done), seconds()));
                }
            }
        }

        /** Leaves the finished bar on screen. */
        void finish() {
            if (rich) {
                lastDraw = 0;
                update(total);
                out.print('\n');
                out.flush();
            }
        }

        private int percent(long done) {
            return (int) (100 * Math.min(done, total) / Math.max(1, total));
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
