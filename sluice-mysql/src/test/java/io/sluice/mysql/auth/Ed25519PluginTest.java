package io.sluice.mysql.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ed25519PluginTest {
    private static final HexFormat HEX = HexFormat.of();
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { AlgId 1.3.101.112, BIT STRING }. */
    private static final byte[] SPKI_PREFIX = HEX.parseHex("302a300506032b6570032100");

    /** RFC 8032 section 7.1 TEST 1..3: {secret, public key, message, signature}. */
    private static final String[][] RFC8032 = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
        {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    };

    /**
     * What MariaDB 10.11.19 itself computes: {@code SELECT ed25519_password('...')} (the
     * authentication_string of {@code IDENTIFIED VIA ed25519 USING PASSWORD('...')}), run once on
     * a throwaway server with auth_ed25519 loaded.
     */
    private static final String[][] MARIADB_STORED = {
        {"secret", "ZIgUREUg5PVgQ6LskhXmO+eZLS0nC8be6HPjYWR4YJY"},
        {"", "4LH+dBF+G5W2CKTyId8xR3SyDqZoQjUNUVNxx8aWbG4"},
        {"a", "GvRmi9ungFjJD9sKjaq/T3CL1LmO2CLpz5I42gnB7Eg"},
        {"correct horse battery staple, longer than thirty-two bytes", "QOu7RoYz7+fUq/EVLMFdx8Xtt5X+1B3aFcsU/4xpgRE"},
        {"pässwörd", "3AcJUN7vR2AnAzs/McwNtGs2GDbHzL5YqZoIOPw62V0"},
    };

    /** The nonce of a real MariaDB AuthSwitchRequest to client_ed25519. */
    private static final byte[] CAPTURED_NONCE =
            HEX.parseHex("bbb7a93cf4d8507eb8df459271cf6357b0415e6dd47e1b7cf19221e158d80aee");

    @Test
    void rfc8032Vectors() {
        for (String[] v : RFC8032) {
            byte[] secret = HEX.parseHex(v[0]);
            assertEquals(v[1], HEX.formatHex(Ed25519.publicKey(secret)));
            assertEquals(v[3], HEX.formatHex(Ed25519.sign(secret, HEX.parseHex(v[2]))));
        }
    }

    @Test
    void matchesTheJdkForRandom32ByteSeeds() throws Exception {
        Random rnd = new Random(7);
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        for (int i = 0; i < 5; i++) {
            byte[] seed = new byte[32];
            rnd.nextBytes(seed);
            byte[] msg = new byte[rnd.nextInt(100)];
            rnd.nextBytes(msg);
            PrivateKey pk = kf.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pk);
            s.update(msg);
            assertArrayEquals(s.sign(), Ed25519.sign(seed, msg), "seed " + HEX.formatHex(seed));
        }
    }

    @Test
    void publicKeysMatchWhatMariaDbStores() {
        for (String[] v : MARIADB_STORED) {
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(Ed25519Plugin.ed25519PublicKey(v[0]));
            assertEquals(v[1], b64, "password '" + v[0] + "'");
        }
    }

    @Test
    void signaturesOfArbitraryLengthPasswordsVerifyWithTheJdk() throws Exception {
        for (String[] v : MARIADB_STORED) {
            AuthContext ctx = new AuthContext("ed", v[0], CAPTURED_NONCE, false, false, null);
            byte[] sig = new Ed25519Plugin().initialResponse(ctx);
            assertEquals(64, sig.length);
            assertTrue(jdkVerify(Base64.getDecoder().decode(v[1]), CAPTURED_NONCE, sig), v[0]);
            byte[] tampered = CAPTURED_NONCE.clone();
            tampered[0] ^= 1;
            assertFalse(jdkVerify(Base64.getDecoder().decode(v[1]), tampered, sig));
        }
    }

    @Test
    void pluginFlow() throws Exception {
        Ed25519Plugin p = new Ed25519Plugin();
        assertEquals("client_ed25519", p.name());
        AuthContext greeting = new AuthContext("ed", "secret", new byte[20], false, false, null);
        assertEquals(0, p.initialResponse(greeting).length, "nothing to sign with a 20-byte scramble");
        AuthStep step = p.onMoreData(greeting, CAPTURED_NONCE);
        byte[] sig = assertInstanceOf(AuthStep.Send.class, step).payload();
        assertTrue(jdkVerify(Ed25519Plugin.ed25519PublicKey("secret"), CAPTURED_NONCE, sig));
        assertThrows(ProtocolException.class, () -> p.onMoreData(greeting, new byte[31]));
        // a nonce ending in 0x00 is used as is (no NUL trimming for this plugin)
        byte[] nulNonce = new byte[32];
        nulNonce[0] = 5;
        byte[] sig2 = p.initialResponse(greeting.withSeed(nulNonce));
        assertTrue(jdkVerify(Ed25519Plugin.ed25519PublicKey("secret"), nulNonce, sig2));
    }

    @Test
    void utf8PasswordBytes() {
        assertArrayEquals(Ed25519.publicKey("pässwörd".getBytes(StandardCharsets.UTF_8)),
                Ed25519Plugin.ed25519PublicKey("pässwörd"));
    }

    private static boolean jdkVerify(byte[] rawPublicKey, byte[] msg, byte[] sig) throws Exception {
        byte[] spki = new byte[SPKI_PREFIX.length + 32];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, 32);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(key);
        v.update(msg);
        return v.verify(sig);
    }
}
