package io.sluice.cli;

import io.sluice.core.result.Result;

import java.util.Locale;

/** The {@code --format} choices. */
enum OutputFormat {
    TABLE, CSV, JSON;

    /** One result rendered in this format, without a trailing newline. */
    String format(Result r) {
        return switch (this) {
            case TABLE -> TableFormatter.format(r);
            case CSV -> CsvFormatter.format(r);
            case JSON -> JsonFormatter.format(r);
        };
    }

    /** The format named {@code name} (case-insensitive), or null. */
    static OutputFormat parse(String name) {
        for (OutputFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
