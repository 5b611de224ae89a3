package io.sluice.postgres;

import io.sluice.postgres.types.CodecRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Turns rows of Java values into COPY text format lazily (one row in memory at a time): values are
 * rendered with their codec's text form and escaped (backslash, tab, newline, carriage return);
 * null is \N.
 */
final class CopyRows {
    private CopyRows() {
    }

    static InputStream asTextStream(Iterable<? extends List<?>> rows, CodecRegistry registry) {
        Iterator<? extends List<?>> it = rows.iterator();
        return new InputStream() {
            private byte[] buf = new byte[0];
            private int pos;

            private boolean fill() {
                while (pos >= buf.length) {
                    if (!it.hasNext()) {
                        return false;
                    }
                    StringBuilder sb = new StringBuilder(128);
                    int batch = 0;
                    while (it.hasNext() && batch++ < 256) {
                        List<?> row = it.next();
                        for (int i = 0; i < row.size(); i++) {
                            if (i > 0) {
                                sb.append('\t');
                            }
                            Object v = row.get(i);
                            appendEscaped(sb, v == null ? null : registry.forValue(v).encodeText(v));
                        }
                        sb.append('\n');
                    }
                    buf = sb.toString().getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                }
                return true;
            }

            @Override
            public int read() throws IOException {
                return fill() ? buf[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, buf.length - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    static void appendEscaped(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("\\N");
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
    }

    static InputStream empty() {
        return new ByteArrayInputStream(new byte[0]);
    }
}
