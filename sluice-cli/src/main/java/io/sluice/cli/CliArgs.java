package io.sluice.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsed command line. Options may stand before or after positionals; {@code --format json} and
 * {@code --format=json} are both accepted; {@code --} ends options. An argument that starts with
 * '-' but contains whitespace is taken as SQL, not as an option (no option contains blanks), so
 * {@code '-- note\nselect 1'} needs no {@code --}.
 *
 * @param command what to run
 * @param url     connection URL (sql only)
 * @param sql     SQL text, or null to read statements from stdin
 * @param format  output format (sql only)
 */
record CliArgs(Command command, String url, String sql, OutputFormat format) {

    enum Command { SQL, VERSION, HELP }

    /** A mistake on the command line; exit status 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    static CliArgs parse(String[] args) throws UsageError {
        List<String> positional = new ArrayList<>();
        OutputFormat format = null;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (optionsEnded || !isOption(a)) {
                positional.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
            } else if (a.equals("--help") || a.equals("-h")) {
                return new CliArgs(Command.HELP, null, null, null);
            } else if (a.equals("--format") || a.startsWith("--format=")) {
                String value;
                if (a.equals("--format")) {
                    if (i + 1 >= args.length) {
                        throw new UsageError("option --format needs a value: table, csv or json");
                    }
                    value = args[++i];
                } else {
                    value = a.substring("--format=".length());
                }
                format = OutputFormat.parse(value);
                if (format == null) {
                    throw new UsageError("unknown format '" + value + "'; use table, csv or json");
                }
            } else {
                throw new UsageError("unknown option '" + a + "'");
            }
        }
        if (positional.isEmpty()) {
            throw new UsageError("missing command");
        }
        String name = positional.getFirst();
        return switch (name) {
            case "sql" -> {
                if (positional.size() < 2) {
                    throw new UsageError("missing connection URL for 'sql'");
                }
                if (positional.size() > 3) {
                    throw new UsageError("too many arguments for 'sql': pass the SQL as one argument "
                            + "(quote it) or on stdin");
                }
                String sql = positional.size() == 3 && !positional.get(2).equals("-") ? positional.get(2) : null;
                yield new CliArgs(Command.SQL, positional.get(1), sql, format == null ? OutputFormat.TABLE : format);
            }
            case "version", "help" -> {
                if (positional.size() > 1) {
                    throw new UsageError("'" + name + "' takes no arguments");
                }
                if (format != null) {
                    throw new UsageError("option --format only applies to 'sql'");
                }
                yield new CliArgs(name.equals("version") ? Command.VERSION : Command.HELP, null, null, null);
            }
            default -> throw new UsageError("unknown command '" + name + "'");
        };
    }

    private static boolean isOption(String a) {
        if (a.length() < 2 || a.charAt(0) != '-') {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (Character.isWhitespace(a.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
