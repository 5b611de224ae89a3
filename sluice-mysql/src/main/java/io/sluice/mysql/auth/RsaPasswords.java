package io.sluice.mysql.auth;

import io.sluice.core.error.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSA password transport shared by caching_sha2_password and sha256_password
 * (dev.mysql.com/doc/dev/mysql-server/latest/page_caching_sha2_authentication_exchanges.html,
 * mariadb.com/kb/en/sha256_password-plugin/): the password plus NUL is XORed with the scramble
 * (repeated as needed) and encrypted with RSA_PKCS1_OAEP_PADDING, i.e. OAEP with SHA-1 and MGF1-SHA-1.
 * The XOR binds the ciphertext to this connection's scramble so it cannot be replayed.
 */
public final class RsaPasswords {
    /** Server keys arrive in one packet; anything larger than this is not a PEM public key. */
    private static final int MAX_PEM_CHARS = 16 * 1024;
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private RsaPasswords() {
    }

    /**
     * Parses a PEM RSA public key: {@code BEGIN PUBLIC KEY} (X.509 SubjectPublicKeyInfo, what MySQL
     * sends) or {@code BEGIN RSA PUBLIC KEY} (PKCS#1). Usable for a caller's serverRsaPublicKeyFile.
     */
    public static PublicKey parsePem(String pem) {
        if (pem == null || pem.length() > MAX_PEM_CHARS) {
            throw new AuthenticationException("RSA public key missing or larger than " + MAX_PEM_CHARS + " characters");
        }
        boolean pkcs1 = pem.contains("-----BEGIN RSA PUBLIC KEY-----");
        String marker = pkcs1 ? "RSA PUBLIC KEY" : "PUBLIC KEY";
        int begin = pem.indexOf("-----BEGIN " + marker + "-----");
        int end = pem.indexOf("-----END " + marker + "-----");
        if (begin < 0 || end < begin) {
            throw new AuthenticationException("not a PEM RSA public key (no BEGIN/END PUBLIC KEY lines)");
        }
        String body = pem.substring(begin + ("-----BEGIN " + marker + "-----").length(), end);
        try {
            byte[] der = Base64.getMimeDecoder().decode(body);
            if (pkcs1) {
                der = wrapPkcs1(der);
            }
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof RSAPublicKey)) {
                throw new AuthenticationException("server public key is not an RSA key");
            }
            return key;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new AuthenticationException("unusable RSA public key: " + e.getMessage(), e);
        }
    }

    /** Parses the PEM text the server sent in an AuthMoreData packet. */
    static PublicKey parsePem(byte[] data) {
        if (data.length > MAX_PEM_CHARS) {
            throw new AuthenticationException("server RSA public key larger than " + MAX_PEM_CHARS + " bytes");
        }
        return parsePem(new String(data, StandardCharsets.US_ASCII));
    }

    /**
     * {@code RSA-OAEP(key, (password + NUL) XOR scramble)}. Wipes {@code password}.
     */
    static byte[] encrypt(byte[] password, byte[] scramble, PublicKey key) {
        if (scramble.length == 0) {
            throw new AuthenticationException("cannot RSA-encrypt the password: the server sent no scramble");
        }
        byte[] plain = Scrambles.withNul(password);
        Arrays.fill(password, (byte) 0);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= scramble[i % scramble.length];
        }
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
                    PSource.PSpecified.DEFAULT));
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // IllegalBlockSize: password longer than the key allows (key bytes - 42 for OAEP-SHA1)
            throw new AuthenticationException("RSA encryption of the password failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier rsaEncryption, BIT STRING pkcs1 }. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] bitString = concat(new byte[] {0x03}, derLength(pkcs1.length + 1), new byte[] {0x00}, pkcs1);
        byte[] content = concat(RSA_ALGORITHM_ID, bitString);
        return concat(new byte[] {0x30}, derLength(content.length), content);
    }

    private static byte[] derLength(int n) {
        if (n < 0x80) {
            return new byte[] {(byte) n};
        } else if (n < 0x100) {
            return new byte[] {(byte) 0x81, (byte) n};
        } else if (n < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
        }
        return new byte[] {(byte) 0x83, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
