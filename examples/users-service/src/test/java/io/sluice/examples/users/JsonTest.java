package io.sluice.examples.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2.50, 1e3, true, false, null], \"b\": \"x\\u00e9\\n\\\"\", \"c\": {}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, new BigDecimal("-2.50"), new BigDecimal("1e3"), true, false, null));
        expected.put("b", "xé\n\"");
        expected.put("c", Map.of());
        assertEquals(expected, v);
        assertEquals(new BigDecimal("12345678901234567890"), Json.parse("12345678901234567890"), "no overflow");
        assertEquals(-0L, Json.parse("-0"));
    }

    @Test
    void rejectsWhatRfc8259Rejects() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "+1", "{a:1}", "'x'", "\"\t\"",
                "\"\\x\"", "\"\\u12\"", "tru", "nul", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "[" .repeat(40) + "]".repeat(40))) {
            assertThrows(Json.JsonException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writesEscapedAndRoundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001");
        m.put("n", 12L);
        m.put("d", new BigDecimal("1.50"));
        m.put("l", List.of(true, "x"));
        m.put("z", null);
        m.put("t", Instant.parse("2024-01-02T03:04:05Z"));
        String text = Json.write(m);
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\\u0001\",\"n\":12,\"d\":1.50,\"l\":[true,\"x\"],\"z\":null,"
                + "\"t\":\"2024-01-02T03:04:05Z\"}", text);
        Map<String, Object> back = new LinkedHashMap<>(m);
        back.put("t", "2024-01-02T03:04:05Z");
        assertEquals(back, Json.parse(text));
    }
}
