package io.sluice.cli;

import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.ServerException;
import io.sluice.core.error.SqlSyntaxException;
import io.sluice.core.error.TimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ErrorLineTest {

    @Test
    void serverErrorUsesTheServersOwnMessage() {
        assertEquals("ERROR 1064 (42000): You have an error in your SQL syntax",
                ErrorLine.format(new SqlSyntaxException("You have an error in your SQL syntax", 1064, "42000"), null));
        // getMessage() would be "[1146] (42S02) Table ..."; the line must not repeat code and state
        assertEquals("ERROR 1146 (42S02): Table 'test.nope' doesn't exist",
                ErrorLine.format(new ServerException("Table 'test.nope' doesn't exist", 1146, "42S02"), null));
    }

    @Test
    void clientErrorsHaveCodeZeroAndTheirStateOrHy000() {
        assertEquals("ERROR 0 (HY000): unknown option 'sslmod'",
                ErrorLine.format(new ConfigurationException("unknown option 'sslmod'"), null));
        assertEquals("ERROR 0 (08000): Connection refused",
                ErrorLine.format(new ConnectionException("Connection refused", null), null));
        assertEquals("ERROR 0 (HYT00): read timed out",
                ErrorLine.format(new TimeoutException("read timed out", true, null), null));
        assertEquals("ERROR 0 (HY000): RuntimeException", ErrorLine.format(new RuntimeException(), null));
        assertEquals("ERROR 0 (HY000): disk on fire",
                ErrorLine.format(new UncheckedIOException(new IOException("disk on fire")), null));
    }

    @Test
    void alwaysExactlyOneLine() {
        assertEquals("ERROR 1 (HY000): first second third",
                ErrorLine.format(new ServerException("first\nsecond\r\n  third\n", 1, null), null));
    }

    @Test
    void passwordIsScrubbed() {
        String url = "mysql://root:s3cret!@db:3306/x";
        assertEquals("ERROR 0 (08000): cannot connect to mysql://root:***@db:3306/x",
                ErrorLine.format(new ConnectionException("cannot connect to " + url, null), url));
        assertEquals("ERROR 1045 (28000): bad password ***",
                ErrorLine.format(new ServerException("bad password s3cret!", 1045, "28000"), url));
    }

    @Test
    void redactor() {
        assertEquals("mysql://root:***@host:3306/db?ssl=true", UrlRedactor.redact("mysql://root:secret@host:3306/db?ssl=true"));
        assertEquals("mysql://root@host/db", UrlRedactor.redact("mysql://root@host/db"));
        assertEquals("mysql://host:3306/db", UrlRedactor.redact("mysql://host:3306/db"));
        assertEquals("mysql://u:***@host/db", UrlRedactor.redact("mysql://u:p@ss/w0rd@host/db"));
        assertEquals("postgresql://host/db?user=u&password=***&x=1",
                UrlRedactor.redact("postgresql://host/db?user=u&password=pw&x=1"));
        assertEquals(List.of("p%40ss", "p@ss"), UrlRedactor.passwords("mysql://u:p%40ss@h/db"));
        assertEquals(List.of(), UrlRedactor.passwords("mysql://u@h/db"));
        assertEquals("a+b", UrlRedactor.percentDecode("a+b"));
        assertEquals(null, UrlRedactor.percentDecode("a%zz"));
    }
}
