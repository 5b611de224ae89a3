package io.sluice.postgres.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.core.error.AuthenticationException;
import io.sluice.core.error.UsageException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Client side of SCRAM-SHA-256 and SCRAM-SHA-256-PLUS (RFC 5802, RFC 7677; PostgreSQL
 * sasl-authentication), sans-I/O. One instance per authentication attempt:
 * <ol>
 *   <li>{@link #chooseMechanism} with AuthenticationSASL's list, then send
 *       SASLInitialResponse(mechanism, {@link #clientFirst()});</li>
 *   <li>{@link #clientFinal} with AuthenticationSASLContinue's data, send it as SASLResponse;</li>
 *   <li>{@link #verifyServerFinal} with AuthenticationSASLFinal's data, before trusting
 *       AuthenticationOk (see {@link ChannelBinding#checkAuthOk}).</li>
 * </ol>
 * Calls out of order raise {@link UsageException}; anything wrong with the server's messages raises
 * {@link io.sluice.core.error.AuthenticationException}. The password never appears in messages or
 * {@code toString}.
 */
public final class ScramClient {
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";

    /**
     * Default bound on the server's iteration count. PostgreSQL's default is 4096 (scram_iterations);
     * 1,000,000 leaves room for hardened setups while capping the CPU a hostile server can make us
     * burn (roughly a second) per connection attempt.
     */
    public static final int DEFAULT_MAX_ITERATIONS = 1_000_000;

    private enum State { NEW, MECHANISM_CHOSEN, FIRST_SENT, FINAL_SENT, COMPLETE, FAILED }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final ChannelBinding mode;
    private final byte[] cbindData;
    private final int maxIterations;
    private final String clientNonce;
    private byte[] password; // SASLprep'd bytes, wiped once the proof is computed
    private State state = State.NEW;
    private String mechanism;
    private String gs2Header;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /**
     * A client with a random nonce, the default iteration bound and an empty SCRAM user name
     * (PostgreSQL takes the user from the StartupMessage and ignores this one, as libpq does).
     *
     * @param tlsServerEndPoint {@link TlsServerEndPoint#hash} of the server certificate, or {@code null}
     *                          without TLS (or when the certificate allows no binding)
     */
    public ScramClient(String password, ChannelBinding mode, byte[] tlsServerEndPoint) {
        this("", password, mode, tlsServerEndPoint, DEFAULT_MAX_ITERATIONS, null);
    }

    /** As {@link #ScramClient(String, ChannelBinding, byte[])} with an explicit iteration bound. */
    public ScramClient(String password, ChannelBinding mode, byte[] tlsServerEndPoint, int maxIterations) {
        this("", password, mode, tlsServerEndPoint, maxIterations, null);
    }

    /**
     * Full form, mainly for tests.
     *
     * @param user        the SCRAM user name (saslname-escaped here); "" is what PostgreSQL expects
     * @param clientNonce a fixed nonce (printable ASCII without ','), or {@code null} for 18 random bytes
     * @throws AuthenticationException under {@link ChannelBinding#REQUIRE} without binding data
     */
    public ScramClient(String user, String password, ChannelBinding mode, byte[] tlsServerEndPoint,
            int maxIterations, String clientNonce) {
        if (user == null || password == null || mode == null) {
            throw new UsageException("user, password and channel binding mode must not be null");
        }
        if (maxIterations < 1) {
            throw new UsageException("maxIterations must be >= 1, was " + maxIterations);
        }
        if (mode == ChannelBinding.REQUIRE && tlsServerEndPoint == null) {
            throw new AuthenticationException("channel binding is required, but there is no TLS server end-point "
                    + "data (no TLS, or the certificate's signature algorithm has no RFC 5929 hash)");
        }
        if (clientNonce != null && (clientNonce.isEmpty() || !isPrintable(clientNonce))) {
            throw new UsageException("client nonce must be non-empty printable ASCII without ','");
        }
        this.user = user;
        this.mode = mode;
        this.cbindData = tlsServerEndPoint == null ? null : tlsServerEndPoint.clone();
        this.maxIterations = maxIterations;
        this.clientNonce = clientNonce != null ? clientNonce : randomNonce();
        this.password = SaslPrep.prepare(password);
    }

    /**
     * Picks the mechanism from the server's list: SCRAM-SHA-256-PLUS when binding is allowed and
     * possible, otherwise SCRAM-SHA-256 (not under REQUIRE).
     *
     * @throws AuthenticationException when no acceptable mechanism is offered
     */
    public String chooseMechanism(List<String> offered) {
        expect(State.NEW, "chooseMechanism");
        boolean canBind = mode != ChannelBinding.DISABLE && cbindData != null;
        if (canBind && offered.contains(SCRAM_SHA_256_PLUS)) {
            mechanism = SCRAM_SHA_256_PLUS;
            gs2Header = "p=tls-server-end-point,,";
        } else if (mode == ChannelBinding.REQUIRE) {
            state = State.FAILED;
            throw new AuthenticationException("channel binding is required, but the server does not offer "
                    + SCRAM_SHA_256_PLUS + " (offered " + offered + ")");
        } else if (offered.contains(SCRAM_SHA_256)) {
            mechanism = SCRAM_SHA_256;
            // RFC 5802 section 6: "y" tells the server we could bind but think it cannot; a server
            // that does support binding then knows its -PLUS offer was stripped and refuses.
            gs2Header = canBind ? "y,," : "n,,";
        } else {
            state = State.FAILED;
            throw new AuthenticationException("server offers no supported SASL mechanism: " + offered);
        }
        state = State.MECHANISM_CHOSEN;
        return mechanism;
    }

    /** The client-first-message: gs2 header, {@code n=<user>,r=<client nonce>}. */
    public byte[] clientFirst() {
        expect(State.MECHANISM_CHOSEN, "clientFirst");
        clientFirstBare = "n=" + saslName(user) + ",r=" + clientNonce;
        state = State.FIRST_SENT;
        return (gs2Header + clientFirstBare).getBytes(UTF_8);
    }

    /**
     * Checks the server-first-message ({@code r=,s=,i=}) and answers with the client-final-message
     * ({@code c=<binding>,r=<nonce>,p=<proof>}).
     *
     * @throws AuthenticationException on a malformed message, a nonce that does not extend ours, a bad
     *                                 salt, or an iteration count outside 1..maxIterations
     */
    public byte[] clientFinal(byte[] serverFirst) {
        expect(State.FIRST_SENT, "clientFinal");
        state = State.FAILED; // until proven otherwise
        String msg = new String(serverFirst, UTF_8);
        String[] parts = msg.split(",", -1);
        if (parts.length < 3) {
            throw new AuthenticationException("malformed SCRAM server-first-message");
        }
        if (parts[0].startsWith("m=")) {
            throw new AuthenticationException("SCRAM server requires an unsupported mandatory extension");
        }
        String nonce = attribute(parts[0], 'r');
        String saltB64 = attribute(parts[1], 's');
        String iter = attribute(parts[2], 'i');
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length() || !isPrintable(nonce)) {
            throw new AuthenticationException("SCRAM server nonce does not extend the client nonce");
        }
        byte[] salt;
        try {
            salt = Base64.getDecoder().decode(saltB64);
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("SCRAM salt is not valid base64");
        }
        if (salt.length == 0) {
            throw new AuthenticationException("SCRAM salt is empty");
        }
        int iterations = iterations(iter);

        byte[] cbindInput = gs2Header.getBytes(US_ASCII);
        if (mechanism.equals(SCRAM_SHA_256_PLUS)) {
            cbindInput = concat(cbindInput, cbindData);
        }
        String finalWithoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + nonce;
        byte[] authMessage = (clientFirstBare + "," + msg + "," + finalWithoutProof).getBytes(UTF_8);

        byte[] salted = hi(password, salt, iterations);
        Arrays.fill(password, (byte) 0);
        password = null;
        byte[] clientKey = hmac(salted, "Client Key".getBytes(US_ASCII));
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        byte[] serverKey = hmac(salted, "Server Key".getBytes(US_ASCII));
        expectedServerSignature = hmac(serverKey, authMessage);
        Arrays.fill(salted, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        state = State.FINAL_SENT;
        return (finalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(UTF_8);
    }

    /**
     * Checks the server-final-message: {@code v=<server signature>} must match (compared in constant
     * time); {@code e=<error>} is the server refusing.
     *
     * @throws AuthenticationException on an error, a malformed message or "server signature mismatch"
     */
    public void verifyServerFinal(byte[] serverFinal) {
        expect(State.FINAL_SENT, "verifyServerFinal");
        state = State.FAILED;
        String msg = new String(serverFinal, UTF_8);
        int comma = msg.indexOf(',');
        String first = comma < 0 ? msg : msg.substring(0, comma); // extensions after it are ignored
        if (first.startsWith("e=")) {
            throw new AuthenticationException("SCRAM authentication failed on the server: " + first.substring(2));
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(attribute(first, 'v'));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("SCRAM server signature is not valid base64");
        }
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new AuthenticationException("SCRAM server signature mismatch");
        }
        state = State.COMPLETE;
    }

    /** The mechanism chosen, or {@code null} before {@link #chooseMechanism}. */
    public String mechanism() {
        return mechanism;
    }

    /** True once the server's signature was verified: the server knows the password. */
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    /** True when the exchange uses SCRAM-SHA-256-PLUS (bound to the TLS server certificate). */
    public boolean channelBindingUsed() {
        return SCRAM_SHA_256_PLUS.equals(mechanism);
    }

    @Override
    public String toString() {
        return "ScramClient[" + (mechanism == null ? "no mechanism" : mechanism) + ", " + state + "]";
    }

    // ---- helpers ----

    private void expect(State s, String call) {
        if (state != s) {
            throw new UsageException(call + "() called in SCRAM state " + state + ", expected " + s);
        }
    }

    private static String attribute(String part, char name) {
        if (part.length() < 2 || part.charAt(0) != name || part.charAt(1) != '=') {
            throw new AuthenticationException("malformed SCRAM message: expected attribute " + name + "=");
        }
        return part.substring(2);
    }

    private int iterations(String s) {
        // digits only: no sign, no spaces; more than 10 digits is beyond any accepted bound anyway
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new AuthenticationException("SCRAM iteration count is not a number");
        }
        long n = Long.parseLong(s);
        if (n < 1) {
            throw new AuthenticationException("SCRAM iteration count must be >= 1, was " + n);
        }
        if (n > maxIterations) {
            throw new AuthenticationException("SCRAM iteration count " + n + " exceeds the limit of " + maxIterations);
        }
        return (int) n;
    }

    /** RFC 5802 printable: %x21-2B / %x2D-7E (no comma). */
    private static boolean isPrintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') {
                return false;
            }
        }
        return true;
    }

    /** RFC 5802 saslname: '=' and ',' escaped as =3D and =2C. */
    private static String saslName(String u) {
        return u.replace("=", "=3D").replace(",", "=2C");
    }

    private static String randomNonce() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** RFC 5802 Hi(): PBKDF2 with HMAC-SHA-256 and one output block. */
    private static byte[] hi(byte[] password, byte[] salt, int iterations) {
        Mac mac = mac(password);
        mac.update(salt);
        mac.update(new byte[] {0, 0, 0, 1});
        byte[] u = mac.doFinal();
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec refuses an empty key; HMAC pads keys with zeros, so one zero byte is equivalent
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide HmacSHA256", e);
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide SHA-256", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
