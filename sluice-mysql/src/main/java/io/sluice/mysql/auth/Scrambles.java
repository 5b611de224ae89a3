package io.sluice.mysql.auth;

import io.sluice.core.error.ProtocolException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Digest and XOR helpers shared by the password plugins. A new MessageDigest per call: no caches. */
final class Scrambles {
    private Scrambles() {
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e); // mandated by the JDK spec
        }
    }

    static byte[] sha1(byte[]... parts) {
        return hash("SHA-1", parts);
    }

    static byte[] sha256(byte[]... parts) {
        return hash("SHA-256", parts);
    }

    static byte[] sha512(byte[]... parts) {
        return hash("SHA-512", parts);
    }

    private static byte[] hash(String algorithm, byte[]... parts) {
        MessageDigest md = digest(algorithm);
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** {@code a XOR b} for equal-length arrays, written into a new array. */
    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /**
     * The 20-byte scramble of the handshake or an AuthSwitchRequest: servers terminate it with a NUL
     * there (page_protocol_connection_phase_packets_protocol_auth_switch_request.html), which is not
     * part of the scramble. MySQL/MariaDB scrambles never contain NUL themselves.
     */
    static byte[] scramble(byte[] seed) {
        if (seed.length > 0 && seed[seed.length - 1] == 0) {
            return Arrays.copyOf(seed, seed.length - 1);
        }
        return seed;
    }

    /** The password's UTF-8 bytes followed by a NUL (the "clear password" form). */
    static byte[] withNul(byte[] password) {
        return Arrays.copyOf(password, password.length + 1);
    }

    static ProtocolException unexpected(String plugin, byte[] data) {
        return new ProtocolException("unexpected AuthMoreData (" + data.length + " bytes, first 0x"
                + (data.length == 0 ? "--" : Integer.toHexString(data[0] & 0xFF)) + ") for " + plugin);
    }
}
