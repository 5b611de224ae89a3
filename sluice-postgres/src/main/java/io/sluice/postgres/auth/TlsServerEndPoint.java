package io.sluice.postgres.auth;

import io.sluice.core.error.AuthenticationException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/**
 * The tls-server-end-point channel binding data (RFC 5929 section 4.1): the hash of the server's
 * DER-encoded certificate, using the hash function of the certificate's signature algorithm,
 * except that MD5 and SHA-1 are replaced by SHA-256.
 */
public final class TlsServerEndPoint {
    private TlsServerEndPoint() {
    }

    /**
     * The binding data for the server's (leaf) certificate, or {@code null} when the signature
     * algorithm defines no single hash function (Ed25519, Ed448, unknown algorithms): then no
     * channel binding is possible, as PostgreSQL's server also cannot compute it.
     *
     * @throws AuthenticationException when the certificate cannot be encoded
     */
    public static byte[] hash(X509Certificate cert) {
        String digest = digestFor(cert);
        if (digest == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new AuthenticationException("cannot encode the server certificate for channel binding", e);
        } catch (GeneralSecurityException e) {
            return null; // digest unknown to this JDK: no binding possible
        }
    }

    /** The JCA digest name for the certificate's signature algorithm, after the RFC 5929 upgrade. */
    static String digestFor(X509Certificate cert) {
        String oid = cert.getSigAlgOID();
        if ("1.2.840.113549.1.1.10".equals(oid)) { // RSASSA-PSS: the hash is in the parameters
            return upgrade(pssDigest(cert.getSigAlgParams()));
        }
        String byOid = oid == null ? null : switch (oid) {
            case "1.2.840.113549.1.1.4", "1.2.840.113549.1.1.5", "1.2.840.10045.4.1", "1.2.840.10040.4.3" ->
                    "SHA-256"; // md5/sha1 with RSA, ECDSA, DSA: upgraded
            case "1.2.840.113549.1.1.14", "1.2.840.10045.4.3.1", "2.16.840.1.101.3.4.3.1" -> "SHA-224";
            case "1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2", "2.16.840.1.101.3.4.3.2" -> "SHA-256";
            case "1.2.840.113549.1.1.12", "1.2.840.10045.4.3.3" -> "SHA-384";
            case "1.2.840.113549.1.1.13", "1.2.840.10045.4.3.4" -> "SHA-512";
            default -> null;
        };
        if (byOid != null) {
            return byOid;
        }
        // fall back on the JCA name, "<hash>with<key>" (e.g. SHA3-256withECDSA)
        String name = cert.getSigAlgName();
        int with = name == null ? -1 : name.toUpperCase(Locale.ROOT).indexOf("WITH");
        return with <= 0 ? null : upgrade(name.substring(0, with));
    }

    private static String pssDigest(byte[] params) {
        if (params == null) {
            return "SHA-1"; // RSASSA-PSS default parameters (RFC 4055): SHA-1
        }
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("RSASSA-PSS");
            p.init(params);
            return p.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Normalizes a hash name to JCA form and applies RFC 5929's MD5/SHA-1 -> SHA-256 rule. */
    private static String upgrade(String hash) {
        if (hash == null) {
            return null;
        }
        String h = hash.toUpperCase(Locale.ROOT).replace("_", "-");
        return switch (h) {
            case "MD5", "SHA1", "SHA-1", "SHA" -> "SHA-256";
            case "SHA224", "SHA-224" -> "SHA-224";
            case "SHA256", "SHA-256" -> "SHA-256";
            case "SHA384", "SHA-384" -> "SHA-384";
            case "SHA512", "SHA-512" -> "SHA-512";
            default -> h.startsWith("SHA3-") ? h : null;
        };
    }
}
