package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Test PKI made with the {@code openssl} CLI: a trusted CA, an unrelated "untrusted" CA, and leaf
 * certificates (RSA 2048, SHA-256, 10 years, extendedKeyUsage serverAuth+clientAuth). Private keys
 * are unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"); every leaf also comes as a PKCS#12 keystore
 * (leaf + key + CA chain) with password {@value #STORE_PASSWORD}. Thread-safe; lazily created
 * items are cached.
 */
public final class TestCertificates implements AutoCloseable {

    public static final String STORE_PASSWORD = "changeit";

    /** A certificate authority: self-signed certificate and its key. */
    public record Ca(String commonName, Path certPem, Path keyPem) {}

    /** A leaf certificate, its PKCS#8 key, a PKCS#12 keystore holding both, and its issuer. */
    public record Leaf(String commonName, Path certPem, Path keyPem, Path pkcs12, Ca issuer) {}

    /** Everything a TLS test against a throwaway server needs, all under one trusted CA. */
    public record TlsMaterial(Path caPem, Path serverCertPem, Path serverKeyPem, Path clientCertPem,
                              Path clientKeyPem, Path trustStoreP12, Path clientKeyStoreP12,
                              String storePassword) {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._*-]{1,64}");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Path dir;
    private final boolean ownsDir;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger counter = new AtomicInteger();
    private Ca ca;
    private Ca untrustedCa;
    private Leaf server;
    private Leaf client;
    private Leaf wrongHost;
    private Leaf untrustedServer;
    private Path trustStore;

    private TestCertificates(Path dir, boolean ownsDir) {
        this.dir = dir;
        this.ownsDir = ownsDir;
    }

    /** Certificates in a fresh temp directory that {@link #close()} deletes. */
    public static TestCertificates create() {
        return new TestCertificates(TempDirs.create("sluice-certs-"), true);
    }

    /** Certificates in a caller-owned directory (created if needed; left in place by close()). */
    public static TestCertificates in(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e, e);
        }
        return new TestCertificates(dir, false);
    }

    public Path dir() {
        return dir;
    }

    /** The trusted test CA ("Sluice Test CA"). */
    public Ca ca() {
        lock.lock();
        try {
            if (ca == null) {
                ca = newCa("Sluice Test CA", "ca");
            }
            return ca;
        } finally {
            lock.unlock();
        }
    }

    /** A second CA nobody trusts, for "unknown issuer" tests. */
    public Ca untrustedCa() {
        lock.lock();
        try {
            if (untrustedCa == null) {
                untrustedCa = newCa("Sluice Untrusted CA", "untrusted-ca");
            }
            return untrustedCa;
        } finally {
            lock.unlock();
        }
    }

    /** A new leaf signed by {@link #ca()}. */
    public Leaf leaf(String cn, List<String> sanDns, List<String> sanIp) {
        return leaf(ca(), cn, sanDns, sanIp);
    }

    /** A new leaf signed by {@code issuer}. Names are restricted to [A-Za-z0-9 ._*-]. */
    public Leaf leaf(Ca issuer, String cn, List<String> sanDns, List<String> sanIp) {
        check(NAME, cn, "cn");
        sanDns.forEach(d -> check(NAME, d, "DNS SAN"));
        sanIp.forEach(i -> check(IP, i, "IP SAN"));
        String base = "leaf-" + counter.incrementAndGet() + "-" + cn.replaceAll("[^A-Za-z0-9]", "_");
        Path key = genKey(base + ".key");
        Path csr = dir.resolve(base + ".csr");
        Path cnf = write(base + "-req.cnf", reqConfig(cn, ""));
        openssl("req", "-new", "-config", cnf.toString(), "-key", key.toString(), "-out", csr.toString());
        List<String> san = new ArrayList<>();
        sanDns.forEach(d -> san.add("DNS:" + d));
        sanIp.forEach(i -> san.add("IP:" + i));
        String ext = "basicConstraints = critical, CA:FALSE\n"
                + "keyUsage = critical, digitalSignature, keyEncipherment\n"
                + "extendedKeyUsage = serverAuth, clientAuth\n"
                + "subjectKeyIdentifier = hash\n"
                + "authorityKeyIdentifier = keyid\n"
                + (san.isEmpty() ? "" : "subjectAltName = " + String.join(", ", san) + "\n");
        Path extFile = write(base + "-ext.cnf", ext);
        Path cert = dir.resolve(base + ".pem");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", issuer.certPem().toString(),
                "-CAkey", issuer.keyPem().toString(), "-set_serial", serial(), "-days", "3650",
                "-sha256", "-extfile", extFile.toString(), "-out", cert.toString());
        Path p12 = dir.resolve(base + ".p12");
        openssl("pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(),
                "-certfile", issuer.certPem().toString(), "-name", "sluice-test",
                "-out", p12.toString(), "-passout", "pass:" + STORE_PASSWORD);
        return new Leaf(cn, cert, key, p12, issuer);
    }

    /** Server leaf for CN/SAN localhost, IP 127.0.0.1 and ::1, signed by {@link #ca()}. */
    public Leaf server() {
        return cached(() -> server, l -> server = l,
                () -> leaf("localhost", List.of("localhost"), List.of("127.0.0.1", "::1")));
    }

    /** Client leaf with CN "sluice-client", signed by {@link #ca()}. */
    public Leaf client() {
        return cached(() -> client, l -> client = l, () -> leaf("sluice-client", List.of(), List.of()));
    }

    /** Leaf signed by the trusted CA but for host wrong.example only (hostname-mismatch tests). */
    public Leaf wrongHost() {
        return cached(() -> wrongHost, l -> wrongHost = l,
                () -> leaf("wrong.example", List.of("wrong.example"), List.of()));
    }

    /** Leaf for localhost/127.0.0.1 signed by {@link #untrustedCa()}. */
    public Leaf untrustedServer() {
        return cached(() -> untrustedServer, l -> untrustedServer = l,
                () -> leaf(untrustedCa(), "localhost", List.of("localhost"), List.of("127.0.0.1", "::1")));
    }

    /** PKCS#12 trust store holding only {@link #ca()}, password {@value #STORE_PASSWORD}. */
    public Path trustStore() {
        lock.lock();
        try {
            if (trustStore == null) {
                trustStore = trustStoreFor(ca(), "truststore.p12");
            }
            return trustStore;
        } finally {
            lock.unlock();
        }
    }

    /** CA, server and client certificates plus stores, all under {@link #ca()}. */
    public TlsMaterial tlsMaterial() {
        Leaf s = server();
        Leaf c = client();
        return new TlsMaterial(ca().certPem(), s.certPem(), s.keyPem(), c.certPem(), c.keyPem(),
                trustStore(), c.pkcs12(), STORE_PASSWORD);
    }

    @Override
    public void close() {
        if (ownsDir) {
            TempDirs.deleteRecursively(dir);
        }
    }

    private Leaf cached(java.util.function.Supplier<Leaf> get, java.util.function.Consumer<Leaf> set,
                        java.util.function.Supplier<Leaf> make) {
        lock.lock();
        try {
            Leaf l = get.get();
            if (l == null) {
                l = make.get();
                set.accept(l);
            }
            return l;
        } finally {
            lock.unlock();
        }
    }

    private Ca newCa(String cn, String base) {
        Path key = genKey(base + ".key");
        Path cnf = write(base + ".cnf", reqConfig(cn, "[v3_ca]\n"
                + "basicConstraints = critical, CA:TRUE\n"
                + "keyUsage = critical, keyCertSign, cRLSign\n"
                + "subjectKeyIdentifier = hash\n"));
        Path cert = dir.resolve(base + ".pem");
        openssl("req", "-x509", "-new", "-config", cnf.toString(), "-extensions", "v3_ca",
                "-key", key.toString(), "-set_serial", serial(), "-days", "3650", "-sha256",
                "-out", cert.toString());
        return new Ca(cn, cert, key);
    }

    /** A self-contained config so the system's openssl.cnf cannot change what we generate. */
    private static String reqConfig(String cn, String extra) {
        return "[req]\nprompt = no\ndistinguished_name = dn\n[dn]\nO = Sluice tests\nCN = " + cn + "\n" + extra;
    }

    private Path genKey(String name) {
        Path key = dir.resolve(name);
        // genpkey writes PKCS#8 PEM ("BEGIN PRIVATE KEY"), the format Java reads without BouncyCastle.
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
        return key;
    }

    private Path trustStoreFor(Ca authority, String name) {
        Path out = dir.resolve(name);
        try (InputStream in = Files.newInputStream(authority.certPem())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("sluice-test-ca", cert);
            try (OutputStream os = Files.newOutputStream(out)) {
                ks.store(os, STORE_PASSWORD.toCharArray());
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write trust store " + out + ": " + e, e);
        }
    }

    private static String serial() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        b[0] &= 0x7f; // positive
        b[0] |= 0x01; // no leading zero byte
        return "0x" + HexFormat.of().formatHex(b);
    }

    private Path write(String name, String content) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, content, StandardCharsets.US_ASCII);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + p + ": " + e, e);
        }
    }

    private void openssl(String... args) {
        Path bin = Exec.require(List.of("openssl"), "openssl", "(no env override: openssl is required for TLS tests)");
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.toString());
        cmd.addAll(List.of(args));
        Exec.run(cmd, null, java.util.Map.of(), dir, Duration.ofSeconds(60)).orThrow("openssl " + args[0]);
    }

    private static void check(Pattern p, String value, String what) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + p.pattern() + ", was " + value);
        }
    }
}
