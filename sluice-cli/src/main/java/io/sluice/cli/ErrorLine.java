package io.sluice.cli;

import io.sluice.core.error.ServerException;
import io.sluice.core.error.SluiceException;

import java.io.UncheckedIOException;

/**
 * The single stderr line for a failure, shaped like the mysql client's:
 * {@code ERROR 1146 (42S02): Table 'test.nope' doesn't exist}. Server errors show the server's own
 * message; client-side errors show vendor code 0 and their SQLSTATE, or HY000 (general error).
 */
final class ErrorLine {
    private ErrorLine() {
    }

    /** The line for {@code e}, without a trailing newline; {@code url} (may be null) is scrubbed from it. */
    static String format(Throwable e, String url) {
        // new UncheckedIOException(cause) copies cause.toString() into its message: show the cause's own
        Throwable shown = e instanceof UncheckedIOException u && u.getCause() != null
                && (u.getMessage() == null || u.getMessage().equals(u.getCause().toString())) ? u.getCause() : e;
        int vendorCode = 0;
        String sqlState = null;
        String message = null;
        if (shown instanceof SluiceException s) {
            vendorCode = s.vendorCode();
            sqlState = s.sqlState();
            if (s instanceof ServerException se) {
                message = se.serverMessage();
            }
        }
        if (message == null) {
            message = shown.getMessage();
        }
        if (message == null || message.isBlank()) {
            message = shown.getClass().getSimpleName();
        }
        if (sqlState == null || sqlState.isBlank()) {
            sqlState = "HY000";
        }
        String oneLine = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return UrlRedactor.scrub("ERROR " + vendorCode + " (" + sqlState + "): " + oneLine, url);
    }
}
