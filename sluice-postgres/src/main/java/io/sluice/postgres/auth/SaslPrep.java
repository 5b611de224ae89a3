package io.sluice.postgres.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.IDN;
import java.text.Normalizer;

/**
 * SASLprep (RFC 4013, a stringprep profile of RFC 3454) for SCRAM passwords, matching what
 * PostgreSQL's server does (src/common/saslprep.c): pure-ASCII passwords are used unchanged; others
 * are mapped (non-ASCII spaces to U+0020, "commonly mapped to nothing" removed), NFKC-normalized
 * and checked for prohibited, unassigned and badly mixed bidirectional characters. When the
 * password fails the profile (or is not valid Unicode), PostgreSQL uses the raw UTF-8 bytes, so
 * {@link #prepare} does too: what matters is producing the same bytes as the server did when the
 * password was set.
 *
 * <p>"Unassigned" means unassigned in Unicode 3.2 (stringprep table A.1). The JDK has no Unicode
 * age property, but {@link IDN} implements nameprep, which is defined on Unicode 3.2 and refuses
 * unassigned code points unless {@link IDN#ALLOW_UNASSIGNED} is given: comparing the two answers
 * per code point gives exactly table A.1.
 */
final class SaslPrep {
    private SaslPrep() {
    }

    /** The bytes to feed SCRAM's Hi(): the prepared password, or the raw UTF-8 bytes when prep fails. */
    static byte[] prepare(String password) {
        String prepped = prep(password);
        return (prepped != null ? prepped : password).getBytes(UTF_8);
    }

    /** The SASLprep'd string, or {@code null} when the profile rejects the input. */
    static String prep(String s) {
        if (isAscii(s)) {
            return s; // as in PostgreSQL: ASCII needs no processing (not even control-char checks)
        }
        StringBuilder mapped = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                return null; // unpaired surrogate: not valid Unicode
            }
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                mapped.appendCodePoint(cp);
            }
        }
        if (mapped.isEmpty()) {
            return null; // PostgreSQL refuses an empty prepared password
        }
        String out = Normalizer.normalize(mapped, Normalizer.Form.NFKC);
        boolean randAl = false;
        boolean l = false;
        for (int i = 0; i < out.length(); ) {
            int cp = out.codePointAt(i);
            i += Character.charCount(cp);
            if (isProhibited(cp) || isUnassigned32(cp)) {
                return null;
            }
            byte dir = Character.getDirectionality(cp);
            randAl |= dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                    || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
            l |= dir == Character.DIRECTIONALITY_LEFT_TO_RIGHT;
        }
        // RFC 3454 section 6: RandALCat excludes LCat, and must start and end the string
        if (randAl && (l || !isRandAl(out.codePointAt(0)) || !isRandAl(out.codePointBefore(out.length())))) {
            return null;
        }
        return out;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRandAl(int cp) {
        byte dir = Character.getDirectionality(cp);
        return dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT || dir == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC;
    }

    /** RFC 3454 table C.1.2. */
    static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00A0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** RFC 3454 table B.1. */
    static boolean isMappedToNothing(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x1806 || (cp >= 0x180B && cp <= 0x180D)
                || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF;
    }

    /** RFC 4013 section 2.3: tables C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9. */
    static boolean isProhibited(int cp) {
        return isNonAsciiSpace(cp)
                || cp < 0x20 || cp == 0x7F // C.2.1
                || (cp >= 0x80 && cp <= 0x9F) || cp == 0x06DD || cp == 0x070F || cp == 0x180E || cp == 0x200C
                || cp == 0x200D || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFC)
                || (cp >= 0x1D173 && cp <= 0x1D17A) // C.2.2
                || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD)
                || (cp >= 0x100000 && cp <= 0x10FFFD) // C.3
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE // C.4
                || (cp >= 0xD800 && cp <= 0xDFFF) // C.5
                || (cp >= 0xFFF9 && cp <= 0xFFFD) // C.6
                || (cp >= 0x2FF0 && cp <= 0x2FFB) // C.7
                || cp == 0x0340 || cp == 0x0341 || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) // C.8
                || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F); // C.9
    }

    /** Stringprep table A.1 (unassigned in Unicode 3.2), via nameprep; see the class comment. */
    static boolean isUnassigned32(int cp) {
        if (cp < 0x80) {
            return false;
        }
        String s = new String(Character.toChars(cp));
        try {
            IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return false; // rejected for another reason (prohibited): decided by isProhibited
        }
        try {
            IDN.toASCII(s, 0);
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
