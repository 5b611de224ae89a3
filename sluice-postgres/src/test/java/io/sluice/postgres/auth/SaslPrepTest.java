package io.sluice.postgres.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** RFC 4013 section 3 examples plus PostgreSQL's ASCII fast path and Unicode 3.2 unassigned rule. */
class SaslPrepTest {
    @Test
    void rfc4013Examples() {
        assertEquals("IX", SaslPrep.prep("I\u00ADX")); // soft hyphen mapped to nothing
        assertEquals("user", SaslPrep.prep("user"));
        assertEquals("USER", SaslPrep.prep("USER"));
        assertEquals("a", SaslPrep.prep("\u00AA")); // NFKC
        assertEquals("IX", SaslPrep.prep("\u2168")); // NFKC
        assertNull(SaslPrep.prep("\u0627\u0031")); // bidi: RandALCat must end the string
    }

    @Test
    void asciiIsUntouchedLikePostgres() {
        assertEquals("\u0007bell", SaslPrep.prep("\u0007bell")); // RFC would refuse; PostgreSQL passes ASCII through
    }

    @Test
    void mappingProhibitionAndUnassigned() {
        assertEquals("a b", SaslPrep.prep("a\u00A0b")); // non-ASCII space -> space
        assertEquals("\u00e9", SaslPrep.prep("e\u0301")); // NFKC composes
        assertNull(SaslPrep.prep("\u00AD")); // empty after mapping
        assertNull(SaslPrep.prep("a\uE000")); // private use
        assertNull(SaslPrep.prep("a\u0085")); // C.2.2 control
        assertNull(SaslPrep.prep("\u0221x")); // assigned in Unicode 4.0, unassigned in 3.2
        assertNull(SaslPrep.prep("\uD83D\uDE00é")); // emoji: unassigned in 3.2
        assertNull(SaslPrep.prep("\uD800é")); // unpaired surrogate
        assertEquals("\u0220é", SaslPrep.prep("\u0220é")); // assigned in 3.2
        assertEquals("\u05d0\u05d1", SaslPrep.prep("\u05d0\u05d1")); // all RandALCat: fine
        assertNull(SaslPrep.prep("\u05d0a\u05d1")); // RandALCat with LCat
    }

    @Test
    void prepareFallsBackToRawBytes() {
        assertEquals("\u0221x", new String(SaslPrep.prepare("\u0221x"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("IX", new String(SaslPrep.prepare("\u2168"), java.nio.charset.StandardCharsets.UTF_8));
    }
}
