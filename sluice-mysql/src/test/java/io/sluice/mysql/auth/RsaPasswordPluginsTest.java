package io.sluice.mysql.auth;

import static io.sluice.mysql.auth.PasswordPluginsTest.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AuthenticationException;
import io.sluice.core.error.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** caching_sha2_password full authentication and sha256_password: clear over TLS, RSA-OAEP otherwise. */
class RsaPasswordPluginsTest {
    private static KeyPair keys;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    private static AuthContext ctx(String pw, boolean secure, boolean allowRetrieval, PublicKey key) {
        return new AuthContext("u", pw, SEED, secure, allowRetrieval, key);
    }

    /** (password + NUL) XOR the 20-byte seed repeated, as the server computes after decrypting. */
    private static byte[] expectedPlain(String pw) {
        byte[] p = (pw + "\0").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < p.length; i++) {
            p[i] ^= SEED[i % SEED.length];
        }
        return p;
    }

    private static byte[] decrypt(byte[] cipherText, PrivateKey key) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        c.init(Cipher.DECRYPT_MODE, key);
        return c.doFinal(cipherText);
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static byte[] send(AuthStep step) {
        return assertInstanceOf(AuthStep.Send.class, step).payload();
    }

    @Test
    void cachingSha2FastAuthSuccessWaitsForOk() {
        AuthPlugin p = AuthPlugins.create("caching_sha2_password");
        AuthContext c = ctx("secret", false, false, null);
        p.initialResponse(c);
        assertInstanceOf(AuthStep.AwaitServer.class, p.onMoreData(c, new byte[] {3}));
        assertThrows(ProtocolException.class, () -> p.onMoreData(c, new byte[] {4}), "no second fast-auth result");
    }

    @Test
    void cachingSha2FullAuthOverTlsSendsClearPassword() {
        AuthPlugin p = AuthPlugins.create("caching_sha2_password");
        AuthContext c = ctx("pässwörd", true, false, null);
        p.initialResponse(c);
        assertArrayEquals("pässwörd\0".getBytes(StandardCharsets.UTF_8), send(p.onMoreData(c, new byte[] {4})));
    }

    @Test
    void cachingSha2FullAuthWithSuppliedKey() throws Exception {
        AuthPlugin p = AuthPlugins.create("caching_sha2_password");
        AuthContext c = ctx("secret", false, false, keys.getPublic());
        p.initialResponse(c);
        byte[] enc = send(p.onMoreData(c, new byte[] {4}));
        assertEquals(256, enc.length);
        assertArrayEquals(expectedPlain("secret"), decrypt(enc, keys.getPrivate()));
    }

    @Test
    void cachingSha2FullAuthRequestsKeyWhenAllowed() throws Exception {
        AuthPlugin p = AuthPlugins.create("caching_sha2_password");
        // a password longer than the seed exercises the seed cycling
        String pw = "a-password-longer-than-twenty-bytes";
        AuthContext c = ctx(pw, false, true, null);
        p.initialResponse(c);
        assertArrayEquals(new byte[] {2}, send(p.onMoreData(c, new byte[] {4})));
        byte[] enc = send(p.onMoreData(c, pem(keys.getPublic()).getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(expectedPlain(pw), decrypt(enc, keys.getPrivate()));
    }

    @Test
    void cachingSha2RefusesToLeakThePassword() {
        AuthPlugin p = AuthPlugins.create("caching_sha2_password");
        AuthContext c = ctx("secret", false, false, null);
        p.initialResponse(c);
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> p.onMoreData(c, new byte[] {4}));
        assertTrue(e.getMessage().contains("TLS"));
        assertTrue(e.getMessage().contains("allowPublicKeyRetrieval"));
        assertTrue(e.getMessage().contains("serverRsaPublicKeyFile"));
        assertThrows(ProtocolException.class, () -> AuthPlugins.create("caching_sha2_password").onMoreData(c, new byte[] {9}));
        assertThrows(ProtocolException.class, () -> AuthPlugins.create("caching_sha2_password").onMoreData(c, new byte[0]));
    }

    @Test
    void cachingSha2BadKeyFromServer() {
        AuthPlugin p = AuthPlugins.create("caching_sha2_password");
        AuthContext c = ctx("secret", false, true, null);
        p.initialResponse(c);
        p.onMoreData(c, new byte[] {4});
        assertThrows(AuthenticationException.class,
                () -> p.onMoreData(c, "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void sha256Password() throws Exception {
        assertArrayEquals(new byte[] {0}, AuthPlugins.create("sha256_password").initialResponse(ctx("", false, false, null)));
        assertArrayEquals("secret\0".getBytes(StandardCharsets.US_ASCII),
                AuthPlugins.create("sha256_password").initialResponse(ctx("secret", true, false, null)));

        byte[] direct = AuthPlugins.create("sha256_password").initialResponse(ctx("secret", false, false, keys.getPublic()));
        assertArrayEquals(expectedPlain("secret"), decrypt(direct, keys.getPrivate()));

        AuthPlugin p = AuthPlugins.create("sha256_password");
        AuthContext c = ctx("secret", false, true, null);
        assertArrayEquals(new byte[] {1}, p.initialResponse(c));
        byte[] enc = send(p.onMoreData(c, pem(keys.getPublic()).getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(expectedPlain("secret"), decrypt(enc, keys.getPrivate()));
        assertThrows(ProtocolException.class, () -> p.onMoreData(c, new byte[] {1}), "key only once");

        assertThrows(AuthenticationException.class,
                () -> AuthPlugins.create("sha256_password").initialResponse(ctx("secret", false, false, null)));
    }

    @Test
    void pemParsingAcceptsPkcs1AndRejectsGarbage() {
        PublicKey k = keys.getPublic();
        assertEquals(k, RsaPasswords.parsePem(pem(k)));
        // PKCS#1 body: the BIT STRING content of the 2048-bit SPKI starts at offset 24
        byte[] spki = k.getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(spki, 24, spki.length);
        assertEquals(0x30, pkcs1[0]);
        String rsaPem = "-----BEGIN RSA PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PUBLIC KEY-----\n";
        assertEquals(k, RsaPasswords.parsePem(rsaPem));
        assertThrows(AuthenticationException.class, () -> RsaPasswords.parsePem("hello"));
        assertThrows(AuthenticationException.class, () -> RsaPasswords.parsePem((String) null));
        assertThrows(AuthenticationException.class, () -> RsaPasswords.parsePem("x".repeat(20000)));
    }

    @Test
    void passwordTooLongForTheKeyIsAnAuthenticationError() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        PublicKey small = g.generateKeyPair().getPublic();
        AuthPlugin p = AuthPlugins.create("sha256_password");
        assertThrows(AuthenticationException.class, () -> p.initialResponse(ctx("x".repeat(200), false, false, small)));
    }
}
