package io.sluice.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the generated PKI with the JDK's own X.509 code, not with openssl. */
class TestCertificatesTest {

    private static TestCertificates certs;

    @BeforeAll
    static void create() {
        certs = TestCertificates.create();
    }

    @AfterAll
    static void delete() {
        Path dir = certs.dir();
        certs.close();
        assertFalse(Files.exists(dir));
    }

    private static X509Certificate load(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Set<String> sans(X509Certificate c) throws Exception {
        Set<String> out = new HashSet<>();
        if (c.getSubjectAlternativeNames() != null) {
            for (List<?> e : c.getSubjectAlternativeNames()) {
                out.add(e.get(0) + ":" + e.get(1));
            }
        }
        return out;
    }

    @Test
    void caIsSelfSignedCertificateAuthority() throws Exception {
        X509Certificate ca = load(certs.ca().certPem());
        ca.verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "CA flag missing");
        assertTrue(ca.getSubjectX500Principal().getName().contains("CN=Sluice Test CA"));
    }

    @Test
    void serverLeafIsSignedByCaAndNamesLocalhost() throws Exception {
        X509Certificate ca = load(certs.ca().certPem());
        X509Certificate leaf = load(certs.server().certPem());
        leaf.verify(ca.getPublicKey());
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(Set.of("2:localhost", "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), sans(leaf));
        assertTrue(leaf.getExtendedKeyUsage().containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")));
    }

    @Test
    void wrongHostLeafIsTrustedButForAnotherName() throws Exception {
        X509Certificate leaf = load(certs.wrongHost().certPem());
        leaf.verify(load(certs.ca().certPem()).getPublicKey());
        assertEquals(Set.of("2:wrong.example"), sans(leaf));
    }

    @Test
    void untrustedLeafDoesNotVerifyAgainstTrustedCa() throws Exception {
        X509Certificate leaf = load(certs.untrustedServer().certPem());
        X509Certificate trusted = load(certs.ca().certPem());
        assertThrows(SignatureException.class, () -> leaf.verify(trusted.getPublicKey()));
        leaf.verify(load(certs.untrustedCa().certPem()).getPublicKey());
    }

    @Test
    void keysArePkcs8PemMatchingTheirCertificates() throws Exception {
        TestCertificates.Leaf client = certs.client();
        String pem = Files.readString(client.keyPem());
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem.lines().findFirst().orElse(""));
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initSign(key);
        sig.update(new byte[] {1, 2, 3});
        byte[] signature = sig.sign();
        sig.initVerify(load(client.certPem()));
        sig.update(new byte[] {1, 2, 3});
        assertTrue(sig.verify(signature));
    }

    @Test
    void storesOpenWithChangeit() throws Exception {
        TestCertificates.TlsMaterial m = certs.tlsMaterial();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(m.trustStoreP12())) {
            trust.load(in, "changeit".toCharArray());
        }
        assertEquals(load(m.caPem()), trust.getCertificate("sluice-test-ca"));
        KeyStore client = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(m.clientKeyStoreP12())) {
            client.load(in, "changeit".toCharArray());
        }
        String alias = client.aliases().nextElement();
        assertTrue(client.isKeyEntry(alias));
        assertEquals(load(m.clientCertPem()), client.getCertificate(alias));
        assertEquals(2, client.getCertificateChain(alias).length, "leaf + CA chain");
    }

    @Test
    void rejectsNamesThatWouldInjectConfig() {
        assertThrows(IllegalArgumentException.class, () -> certs.leaf("evil\nCN=x", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> certs.leaf("ok", List.of("a,DNS:b"), List.of()));
    }
}
