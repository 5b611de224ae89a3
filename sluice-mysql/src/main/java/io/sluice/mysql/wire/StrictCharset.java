package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Encodes caller strings for the server without {@code String.getBytes}' silent '?' replacement: a
 * character the connection charset cannot carry would otherwise change the value (or the statement)
 * without anyone noticing. Encoders are created per call: they are not thread-safe and a cache per
 * thread is pointless with virtual threads.
 *
 * <p>"Can encode" is not enough: some JDK encoders have one-way best-fit mappings. Shift_JIS,
 * windows-31j and EUC-JP encode U+00A5 YEN SIGN as 0x5C and U+203E OVERLINE as 0x7E, bytes the server
 * reads back as {@code \} and {@code ~}. A yen sign before a quote then turns
 * {@link SqlLiteral}'s {@code \'} escape into {@code \\'} on the wire - an escaped backslash followed
 * by a bare quote that ends the literal (verified against MariaDB: {@code "\u00a5' or 1=1 -- "} selected
 * 1). So every non-UTF-8 encoding is decoded again and must give back the original string.
 */
final class StrictCharset {
    private StrictCharset() {
    }

    private static CharsetEncoder encoder(Charset cs, String what) {
        if (!cs.canEncode()) {
            throw new UsageException(what + ": charset " + cs.name() + " cannot encode");
        }
        return cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The bytes of {@code s} in {@code cs}; {@code what} names the value in the error message. */
    static byte[] encode(String s, Charset cs, String what) {
        byte[] out = encodeOrNull(s, encoder(cs, what));
        if (out == null) {
            throw unencodable(s, cs, what);
        }
        return out;
    }

    /** Throws unless every character of {@code s} is representable in {@code cs}. */
    static void check(CharSequence s, Charset cs, String what) {
        encode(s.toString(), cs, what);
    }

    /** The bytes, or null when a character is unmappable or does not decode back to itself. */
    private static byte[] encodeOrNull(CharSequence s, CharsetEncoder enc) {
        byte[] out;
        try {
            ByteBuffer bb = enc.encode(CharBuffer.wrap(s));
            out = new byte[bb.remaining()];
            bb.get(out);
        } catch (CharacterCodingException e) {
            return null;
        }
        // UTF-8 is exact (lone surrogates were reported as malformed above); others may map one way
        Charset cs = enc.charset();
        if (!cs.equals(StandardCharsets.UTF_8) && !new String(out, cs).contentEquals(s)) {
            return null;
        }
        return out;
    }

    private static UsageException unencodable(CharSequence s, Charset cs, String what) {
        CharsetEncoder enc = encoder(cs, what);
        int at = 0;
        while (at < s.length()) {
            int cp = Character.codePointAt(s, at);
            int n = Character.charCount(cp);
            if (encodeOrNull(s.subSequence(at, at + n), enc) == null) {
                break;
            }
            at += n;
        }
        return new UsageException(what + " contains a character (index " + at
                + ") that the connection charset " + cs.name() + " cannot represent");
    }
}
