package io.sluice.mysql.wire;

import io.sluice.core.error.UsageException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * Encodes caller strings for the server without {@code String.getBytes}' silent '?' replacement: a
 * character the connection charset cannot carry would otherwise change the value (or the statement)
 * without anyone noticing. Encoders are created per call: they are not thread-safe and a cache per
 * thread is pointless with virtual threads.
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
        try {
            ByteBuffer bb = encoder(cs, what).encode(CharBuffer.wrap(s));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw unencodable(s, cs, what);
        }
    }

    /** Throws unless every character of {@code s} is representable in {@code cs}. */
    static void check(CharSequence s, Charset cs, String what) {
        if (!encoder(cs, what).canEncode(s)) {
            throw unencodable(s, cs, what);
        }
    }

    private static UsageException unencodable(CharSequence s, Charset cs, String what) {
        CharsetEncoder enc = encoder(cs, what);
        int at = 0;
        while (at < s.length()) {
            int cp = Character.codePointAt(s, at);
            int n = Character.charCount(cp);
            if (!enc.canEncode(s.subSequence(at, at + n))) {
                break;
            }
            at += n;
        }
        return new UsageException(what + " contains a character (index " + at
                + ") that the connection charset " + cs.name() + " cannot represent");
    }
}
