package io.sluice.core.transport;

import io.sluice.core.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext} for a {@link TlsConfig}. Modes below VERIFY_CA encrypt without
 * checking the peer (that is what they promise, no more); VERIFY_CA and VERIFY_FULL check the chain
 * against the configured CA or the JDK default trust store. Host-name checking for VERIFY_FULL is
 * switched on by {@link Transport#startTls} through the endpoint identification algorithm.
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SSLContext create(TlsConfig cfg) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers(cfg), trustManagers(cfg), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigurationException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(TlsConfig cfg) throws GeneralSecurityException, IOException {
        if (!cfg.mode().verifiesChain()) {
            return new TrustManager[] {new TrustAll()};
        }
        KeyStore ks = null;
        if (cfg.caFile() != null) {
            ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : readCertificates(cfg.caFile())) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new ConfigurationException("sslCa file holds no certificate: " + cfg.caFile());
            }
        } else if (cfg.trustStore() != null) {
            ks = loadStore(cfg.trustStore(), cfg.trustStoreType(), cfg.trustStorePassword());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks); // null means the JDK default trust store
        return tmf.getTrustManagers();
    }

    private static KeyManager[] keyManagers(TlsConfig cfg) throws GeneralSecurityException, IOException {
        KeyStore ks;
        char[] pw;
        if (cfg.clientCert() != null) {
            List<Certificate> chain = readCertificates(cfg.clientCert());
            if (chain.isEmpty()) {
                throw new ConfigurationException("sslCert file holds no certificate: " + cfg.clientCert());
            }
            PrivateKey key = readPkcs8Key(cfg.clientKey(), chain.get(0));
            pw = new char[0];
            ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
        } else if (cfg.keyStore() != null) {
            pw = cfg.keyStorePassword() == null ? new char[0] : cfg.keyStorePassword().toCharArray();
            ks = loadStore(cfg.keyStore(), cfg.keyStoreType(), cfg.keyStorePassword());
        } else {
            return null;
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf.getKeyManagers();
    }

    private static KeyStore loadStore(Path p, String type, String password) throws GeneralSecurityException, IOException {
        String t = type != null ? type : p.toString().endsWith(".jks") ? "JKS" : "PKCS12";
        KeyStore ks = KeyStore.getInstance(t);
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }

    static List<Certificate> readCertificates(Path p) throws GeneralSecurityException, IOException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(p)) {
            Collection<? extends Certificate> certs = cf.generateCertificates(in);
            return new ArrayList<>(certs);
        }
    }

    /** Reads a {@code -----BEGIN PRIVATE KEY-----} (PKCS#8) PEM file; the algorithm follows the certificate. */
    static PrivateKey readPkcs8Key(Path p, Certificate cert) throws GeneralSecurityException, IOException {
        String pem = Files.readString(p, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")
                || pem.contains("ENCRYPTED PRIVATE KEY")) {
            throw new ConfigurationException("sslKey must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
        }
        int b = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int e = pem.indexOf("-----END PRIVATE KEY-----");
        if (b < 0 || e < b) {
            throw new ConfigurationException("sslKey file holds no PEM private key: " + p);
        }
        String body = pem.substring(b + "-----BEGIN PRIVATE KEY-----".length(), e).replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        String alg = cert.getPublicKey().getAlgorithm();
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** For REQUIRE / PREFER / ALLOW: encryption without authentication of the peer, by definition of those modes. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
