package io.sluice.postgres.types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The golden vectors: for each case, the type OID, the bytes a real PostgreSQL 15 server sent for
 * it in binary ({@code *_send}) and text ({@code *_out}). Produced once by
 * {@code src/test/golden/gen_golden.py}, never by the code under test.
 */
final class Golden {
    record Case(String key, int oid, byte[] binary, byte[] text) {}

    static final Map<String, Case> CASES = load();

    private Golden() {}

    static Case get(String key) {
        Case c = CASES.get(key);
        if (c == null) {
            throw new AssertionError("no golden case " + key);
        }
        return c;
    }

    private static Map<String, Case> load() {
        Map<String, Case> m = new LinkedHashMap<>();
        HexFormat hex = HexFormat.of();
        try (InputStream in = Golden.class.getResourceAsStream("golden.tsv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                m.put(f[0], new Case(f[0], Integer.parseInt(f[1]), hex.parseHex(f[2]), hex.parseHex(f[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
