package io.sluice.postgres.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Certificates made with the openssl CLI; expected hashes from
 * {@code openssl x509 -outform der | openssl dgst -<hash>} (independent of the code under test).
 */
class TlsServerEndPointTest {

    private static X509Certificate cert(String name) throws Exception {
        try (InputStream in = TlsServerEndPointTest.class.getResourceAsStream(name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String hash(String name) throws Exception {
        byte[] h = TlsServerEndPoint.hash(cert(name));
        return h == null ? null : HexFormat.of().formatHex(h);
    }

    @Test
    void sha256WithRsa() throws Exception {
        assertEquals("cd63cf72bd61b7fbc9fa29bbc0a72cbb9ef6455d3c2de9ca0e3c917a287c5d77", hash("rsa256.pem"));
    }

    @Test
    void ecdsaWithSha384KeepsSha384() throws Exception {
        assertEquals("5fb2db11cf6fa715fb753cf140e63f3835e06ecbab9185e77741b6cac85ef51d63dc1f0f1a1e72db1abc3bea644e7ca8",
                hash("ec384.pem"));
    }

    @Test
    void sha1IsUpgradedToSha256() throws Exception {
        assertEquals("533a1ebb10ff4f73de1e76ba70f5fc3ebec8cb23fc4d5b6b9b0d0c6d5e90dc80", hash("ec1.pem"));
    }

    @Test
    void rsassaPssUsesTheParameterHash() throws Exception {
        assertEquals("1997b7ffdc8a83f515fd8936c2991486e611e74208dfcea07c01cd5414c81f7e"
                + "2e7f00f02cd0e1dcab1890f70c77dc05a4285ed321bdc7b12d70554f5c82d2e9", hash("pss.pem"));
    }

    @Test
    void ed25519HasNoBindingHash() throws Exception {
        assertNull(hash("ed.pem"));
    }
}
