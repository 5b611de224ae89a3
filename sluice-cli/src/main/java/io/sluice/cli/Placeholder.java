package io.sluice.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One random-value placeholder of a {@code sluice load} statement, e.g. {@code {int:1:10000}}.
 * Each becomes a {@code ?} in the SQL sent and its value is bound as a parameter, never spliced
 * into the text. Values come from {@link ThreadLocalRandom} (per virtual thread, no contention).
 */
sealed interface Placeholder {

    /** Longest {@code {string:N}}: a load test has no use for bigger values, and the bound keeps memory sane. */
    int MAX_STRING = 1 << 20;

    String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** The syntax summary shown in errors and help. */
    String SYNTAX = "{int:MIN:MAX} {long:MIN:MAX} {double:MIN:MAX} {string:LEN} {string:MIN:MAX} {uuid} "
            + "{choice:a|b|c} {seq} {now}";

    /** The next value; {@code seq} is the run-wide counter behind {@code {seq}}. */
    Object next(ThreadLocalRandom random, AtomicLong seq);

    /** Uniform int in [min, max]. */
    record IntRange(int min, int max) implements Placeholder {
        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            return (int) random.nextLong(min, (long) max + 1);
        }
    }

    /** Uniform long in [min, max]. */
    record LongRange(long min, long max) implements Placeholder {
        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            if (max == Long.MAX_VALUE) { // max + 1 would overflow; the lost value is immaterial unless min == max
                return min == max ? min : random.nextLong(min, max);
            }
            return random.nextLong(min, max + 1);
        }
    }

    /** Uniform double in [min, max). */
    record DoubleRange(double min, double max) implements Placeholder {
        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            return min == max ? min : random.nextDouble(min, max);
        }
    }

    /** Random letters and digits, length uniform in [minLength, maxLength]. */
    record Alnum(int minLength, int maxLength) implements Placeholder {
        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            int n = minLength == maxLength ? minLength : random.nextInt(minLength, maxLength + 1);
            char[] c = new char[n];
            for (int i = 0; i < n; i++) {
                c[i] = ALNUM.charAt(random.nextInt(ALNUM.length()));
            }
            return new String(c);
        }
    }

    /** A version 4 UUID from the fast generator (UUID.randomUUID's SecureRandom would be the bottleneck). */
    record RandomUuid() implements Placeholder {
        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
            long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
            return new UUID(msb, lsb);
        }
    }

    /** One of the listed strings, uniformly. */
    record Choice(List<String> values) implements Placeholder {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** The next value of the run-wide counter (1, 2, 3, ...), unique across statements and placeholders. */
    record Seq() implements Placeholder {
        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            return seq.incrementAndGet();
        }
    }

    /** The current instant (bound as DATETIME in the session time zone). */
    record Now() implements Placeholder {
        @Override
        public Object next(ThreadLocalRandom random, AtomicLong seq) {
            return Instant.now();
        }
    }

    /**
     * Parses the inside of one {@code {...}}: {@code kind} and the {@code :}-separated arguments.
     *
     * @param token the whole token with braces, for messages
     * @throws CliArgs.UsageError with a message naming the token and what is wrong with it
     */
    static Placeholder parse(String token, String kind, String args) throws CliArgs.UsageError {
        String k = kind.toLowerCase(Locale.ROOT);
        return switch (k) {
            case "int" -> {
                String[] a = args(token, args, 2, "{int:MIN:MAX}");
                int min = (int) integer(token, a[0], "min", Integer.MIN_VALUE, Integer.MAX_VALUE);
                int max = (int) integer(token, a[1], "max", Integer.MIN_VALUE, Integer.MAX_VALUE);
                ordered(token, min, max);
                yield new IntRange(min, max);
            }
            case "long" -> {
                String[] a = args(token, args, 2, "{long:MIN:MAX}");
                long min = integer(token, a[0], "min", Long.MIN_VALUE, Long.MAX_VALUE);
                long max = integer(token, a[1], "max", Long.MIN_VALUE, Long.MAX_VALUE);
                ordered(token, min, max);
                yield new LongRange(min, max);
            }
            case "double" -> {
                String[] a = args(token, args, 2, "{double:MIN:MAX}");
                double min = decimal(token, a[0], "min");
                double max = decimal(token, a[1], "max");
                if (min > max) {
                    throw error(token, "min " + a[0].strip() + " > max " + a[1].strip());
                }
                if (!Double.isFinite(max - min)) {
                    throw error(token, "the range from " + a[0].strip() + " to " + a[1].strip() + " is too wide");
                }
                yield new DoubleRange(min, max);
            }
            case "string" -> {
                if (args == null) {
                    throw error(token, "expected {string:LENGTH} or {string:MIN:MAX}");
                }
                String[] a = args.split(":", -1);
                if (a.length == 1) {
                    int n = (int) integer(token, a[0], "length", 0, MAX_STRING);
                    yield new Alnum(n, n);
                }
                if (a.length != 2) {
                    throw error(token, "expected {string:LENGTH} or {string:MIN:MAX}");
                }
                int min = (int) integer(token, a[0], "min length", 0, MAX_STRING);
                int max = (int) integer(token, a[1], "max length", 0, MAX_STRING);
                ordered(token, min, max);
                yield new Alnum(min, max);
            }
            case "uuid" -> {
                noArgs(token, args);
                yield new RandomUuid();
            }
            case "choice" -> {
                if (args == null || args.isEmpty()) {
                    throw error(token, "expected {choice:a|b|c} with at least one value");
                }
                List<String> values = new ArrayList<>();
                String[] parts = args.split("\\|", -1);
                for (int i = 0; i < parts.length; i++) {
                    if (parts[i].isEmpty()) {
                        throw error(token, "choice " + (i + 1) + " is empty");
                    }
                    values.add(parts[i]);
                }
                yield new Choice(values);
            }
            case "seq" -> {
                noArgs(token, args);
                yield new Seq();
            }
            case "now" -> {
                noArgs(token, args);
                yield new Now();
            }
            default -> throw error(token, "unknown placeholder '" + kind + "'; known: " + SYNTAX);
        };
    }

    private static String[] args(String token, String args, int n, String shape) throws CliArgs.UsageError {
        String[] a = args == null ? new String[0] : args.split(":", -1);
        if (a.length != n) {
            throw error(token, "expected " + shape);
        }
        return a;
    }

    private static void noArgs(String token, String args) throws CliArgs.UsageError {
        if (args != null) {
            throw error(token, "takes no arguments");
        }
    }

    private static void ordered(String token, long min, long max) throws CliArgs.UsageError {
        if (min > max) {
            throw error(token, "min " + min + " > max " + max);
        }
    }

    private static long integer(String token, String s, String what, long lo, long hi) throws CliArgs.UsageError {
        long v;
        try {
            v = Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw error(token, what + " must be an integer, was '" + s + "'");
        }
        if (v < lo || v > hi) {
            throw error(token, what + " must be between " + lo + " and " + hi + ", was " + v);
        }
        return v;
    }

    private static double decimal(String token, String s, String what) throws CliArgs.UsageError {
        double v;
        try {
            v = Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw error(token, what + " must be a number, was '" + s + "'");
        }
        if (!Double.isFinite(v)) {
            throw error(token, what + " must be finite, was '" + s + "'");
        }
        return v;
    }

    private static CliArgs.UsageError error(String token, String message) {
        return new CliArgs.UsageError("placeholder " + token + ": " + message);
    }
}
