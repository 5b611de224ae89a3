package io.sluice.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The two fields of a pax extended header (POSIX.1-2001, {@code typeflag 'x'}) that matter for
 * unpacking: {@code path} and {@code linkpath}. Records are {@code "<len> <key>=<value>\n"} where
 * {@code len} counts the whole record, its own digits included.
 *
 * @param path     the entry's name, or null when the header does not set it
 * @param linkpath the link target, or null
 */
record PaxRecords(String path, String linkpath) {

    static PaxRecords parse(byte[] data) throws IOException {
        String path = null;
        String linkpath = null;
        int pos = 0;
        while (pos < data.length && data[pos] != 0) {
            int sp = pos;
            long len = 0;
            while (sp < data.length && data[sp] >= '0' && data[sp] <= '9') {
                len = len * 10 + (data[sp] - '0');
                if (len > data.length) {
                    throw new IOException("pax record length exceeds the header");
                }
                sp++;
            }
            if (sp == pos || sp >= data.length || data[sp] != ' ' || pos + len > data.length
                    || len < sp - pos + 3 || data[(int) (pos + len - 1)] != '\n') {
                throw new IOException("malformed pax extended header");
            }
            String rec = new String(data, sp + 1, (int) (pos + len - 1 - (sp + 1)), StandardCharsets.UTF_8);
            int eq = rec.indexOf('=');
            if (eq < 0) {
                throw new IOException("malformed pax record (no '=')");
            }
            String key = rec.substring(0, eq);
            String value = rec.substring(eq + 1);
            if (key.equals("path")) {
                path = value;
            } else if (key.equals("linkpath")) {
                linkpath = value;
            }
            pos += (int) len;
        }
        return new PaxRecords(path, linkpath);
    }
}
