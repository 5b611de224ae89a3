package io.sluice.postgres.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AuthenticationException;
import io.sluice.core.error.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SCRAM-SHA-256 against RFC 7677 section 3 and against vectors computed independently with
 * Python's hashlib/hmac (pbkdf2_hmac), never with the code under test.
 */
class ScramClientTest {
    private static final List<String> PLAIN = List.of("SCRAM-SHA-256");
    private static final List<String> BOTH = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256");

    // RFC 7677 section 3
    private static final String RFC_SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String RFC_CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String RFC_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    // independent vectors (python3 hashlib), password "pencil", salt QSXCR+Q6sek8bf92, i=4096
    private static final String NONCE = "fyko+d2lbbFgONRv9qkxdawL";
    private static final String SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawLsrvNonce123,s=QSXCR+Q6sek8bf92,i=4096";
    private static final byte[] CBIND = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            CBIND[i] = (byte) i;
        }
    }

    private static ScramClient rfcClient() {
        return new ScramClient("user", "pencil", ChannelBinding.DISABLE, null, 100_000, "rOprNGfwEbeRWgbNEkqO");
    }

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void rfc7677Vector() {
        ScramClient c = rfcClient();
        assertEquals("SCRAM-SHA-256", c.chooseMechanism(PLAIN));
        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", new String(c.clientFirst(), UTF_8));
        assertEquals(RFC_CLIENT_FINAL, new String(c.clientFinal(b(RFC_SERVER_FIRST)), UTF_8));
        assertFalse(c.isComplete());
        c.verifyServerFinal(b(RFC_SERVER_FINAL));
        assertTrue(c.isComplete());
        assertFalse(c.channelBindingUsed());
    }

    @Test
    void tamperedServerSignatureRejected() {
        ScramClient c = rfcClient();
        c.chooseMechanism(PLAIN);
        c.clientFirst();
        c.clientFinal(b(RFC_SERVER_FIRST));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> c.verifyServerFinal(b("v=6rriTRBi23WpRS/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
        assertTrue(e.getMessage().contains("server signature mismatch"), e.getMessage());
        assertFalse(c.isComplete());
    }

    @Test
    void serverErrorAndMalformedFinal() {
        ScramClient c = rfcClient();
        c.chooseMechanism(PLAIN);
        c.clientFirst();
        c.clientFinal(b(RFC_SERVER_FIRST));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> c.verifyServerFinal(b("e=invalid-proof")));
        assertTrue(e.getMessage().contains("invalid-proof"));
        for (String bad : new String[] {"", "v=", "v=!!!", "x=abc"}) {
            ScramClient d = rfcClient();
            d.chooseMechanism(PLAIN);
            d.clientFirst();
            d.clientFinal(b(RFC_SERVER_FIRST));
            assertThrows(AuthenticationException.class, () -> d.verifyServerFinal(b(bad)), bad);
        }
    }

    @Test
    void iterationBound() {
        ScramClient c = new ScramClient("", "pencil", ChannelBinding.DISABLE, null, 4095, "abc");
        c.chooseMechanism(PLAIN);
        c.clientFirst();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> c.clientFinal(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=4096")));
        assertTrue(e.getMessage().contains("exceeds the limit of 4095"), e.getMessage());
        for (String i : new String[] {"0", "-1", "+5", "99999999999", "4e3", "", " 1"}) {
            ScramClient d = new ScramClient("", "pencil", ChannelBinding.DISABLE, null, 4095, "abc");
            d.chooseMechanism(PLAIN);
            d.clientFirst();
            assertThrows(AuthenticationException.class, () -> d.clientFinal(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=" + i)), i);
        }
        assertEquals(1_000_000, ScramClient.DEFAULT_MAX_ITERATIONS);
    }

    @Test
    void nonceMustExtendClientNonce() {
        for (String first : new String[] {
                "r=xyz123,s=QSXCR+Q6sek8bf92,i=4096", // unrelated
                "r=abc,s=QSXCR+Q6sek8bf92,i=4096", // server added nothing
                "r=ab,s=QSXCR+Q6sek8bf92,i=4096", // shorter
                "s=QSXCR+Q6sek8bf92,r=abcdef,i=4096", // wrong order
                "r=abcdef,s=not base64!,i=4096",
                "r=abcdef,s=,i=4096",
                "m=ext,r=abcdef,s=QSXCR+Q6sek8bf92,i=4096",
                "r=abcdef,s=QSXCR+Q6sek8bf92",
                "garbage"}) {
            ScramClient c = new ScramClient("", "pencil", ChannelBinding.DISABLE, null, 10_000, "abc");
            c.chooseMechanism(PLAIN);
            c.clientFirst();
            assertThrows(AuthenticationException.class, () -> c.clientFinal(b(first)), first);
        }
    }

    @Test
    void plusWithFixedChannelBindingData() {
        ScramClient c = new ScramClient("", "pencil", ChannelBinding.PREFER, CBIND, 10_000, NONCE);
        assertEquals("SCRAM-SHA-256-PLUS", c.chooseMechanism(BOTH));
        assertEquals("p=tls-server-end-point,,n=,r=" + NONCE, new String(c.clientFirst(), UTF_8));
        // c = base64("p=tls-server-end-point,," + bytes 00..1f)
        assertEquals("c=cD10bHMtc2VydmVyLWVuZC1wb2ludCwsAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=,"
                + "r=fyko+d2lbbFgONRv9qkxdawLsrvNonce123,p=5jntOfqX3a7N9A6MpaFLDJR57s+QM5R6KxhMcr0MLro=",
                new String(c.clientFinal(b(SERVER_FIRST)), UTF_8));
        c.verifyServerFinal(b("v=AweF+BASS/3CLhrPbKtxwnLmA7DTkDk+268rkc+lKU0="));
        assertTrue(c.isComplete());
        assertTrue(c.channelBindingUsed());
    }

    @Test
    void clientSupportsBindingButServerDidNotOfferPlus() {
        // RFC 5802 section 6: gs2 flag "y"
        ScramClient c = new ScramClient("", "pencil", ChannelBinding.PREFER, CBIND, 10_000, NONCE);
        assertEquals("SCRAM-SHA-256", c.chooseMechanism(PLAIN));
        assertEquals("y,,n=,r=" + NONCE, new String(c.clientFirst(), UTF_8));
        assertEquals("c=eSws,r=fyko+d2lbbFgONRv9qkxdawLsrvNonce123,p=0IMAtSH4BV0OCUhcl6LGONRLTY7S3h7k2G5nVE4t9rw=",
                new String(c.clientFinal(b(SERVER_FIRST)), UTF_8));
        c.verifyServerFinal(b("v=45XNVx9wqGO3+KLG0Ie8sftOIa3Eaqg9gLpdkC5puGk="));
        assertFalse(c.channelBindingUsed());
    }

    @Test
    void disableNeverBindsAndNoTlsSaysN() {
        ScramClient off = new ScramClient("", "pencil", ChannelBinding.DISABLE, CBIND, 10_000, NONCE);
        assertEquals("SCRAM-SHA-256", off.chooseMechanism(BOTH));
        assertTrue(new String(off.clientFirst(), UTF_8).startsWith("n,,"));
        ScramClient noTls = new ScramClient("", "pencil", ChannelBinding.PREFER, null, 10_000, NONCE);
        assertEquals("SCRAM-SHA-256", noTls.chooseMechanism(BOTH));
        assertTrue(new String(noTls.clientFirst(), UTF_8).startsWith("n,,"));
    }

    @Test
    void requireRefusesEverythingButPlus() {
        assertThrows(AuthenticationException.class,
                () -> new ScramClient("", "pencil", ChannelBinding.REQUIRE, null, 10_000, NONCE));
        ScramClient c = new ScramClient("", "pencil", ChannelBinding.REQUIRE, CBIND, 10_000, NONCE);
        assertThrows(AuthenticationException.class, () -> c.chooseMechanism(PLAIN));
        ScramClient d = new ScramClient("", "pencil", ChannelBinding.REQUIRE, CBIND, 10_000, NONCE);
        assertEquals("SCRAM-SHA-256-PLUS", d.chooseMechanism(BOTH));
        assertThrows(AuthenticationException.class,
                () -> new ScramClient("", "p", ChannelBinding.PREFER, null, 10, null).chooseMechanism(List.of("OAUTHBEARER")));
    }

    @Test
    void saslPrepAppliedAndRawFallback() {
        // U+2168 ROMAN NUMERAL NINE prepares to "IX" (NFKC); vector computed for password "IX"
        ScramClient c = new ScramClient("", "\u2168", ChannelBinding.DISABLE, null, 100, "abc");
        c.chooseMechanism(PLAIN);
        c.clientFirst();
        assertEquals("c=biws,r=abcdef,p=cg4YlFVZe99YCt2dv/8e8FIqsQ7gCQCJyue/5GtMjws=",
                new String(c.clientFinal(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=16")), UTF_8));
        // U+0221 is unassigned in Unicode 3.2: prep fails, the raw UTF-8 bytes are used
        ScramClient r = new ScramClient("", "\u0221x", ChannelBinding.DISABLE, null, 100, "abc");
        r.chooseMechanism(PLAIN);
        r.clientFirst();
        assertEquals("c=biws,r=abcdef,p=LncxVC8oaz+d+jbwbKHCiXtGMAt3nThHaOcP1jDG2KQ=",
                new String(r.clientFinal(b("r=abcdef,s=QSXCR+Q6sek8bf92,i=16")), UTF_8));
    }

    @Test
    void callsOutOfOrderAreUsageErrors() {
        ScramClient c = rfcClient();
        assertThrows(UsageException.class, c::clientFirst);
        assertThrows(UsageException.class, () -> c.clientFinal(b(RFC_SERVER_FIRST)));
        c.chooseMechanism(PLAIN);
        assertThrows(UsageException.class, () -> c.verifyServerFinal(b(RFC_SERVER_FINAL)));
        assertThrows(UsageException.class, () -> new ScramClient("", "p", ChannelBinding.DISABLE, null, 0, null));
        assertThrows(UsageException.class, () -> new ScramClient("", "p", ChannelBinding.DISABLE, null, 10, "a,b"));
    }

    @Test
    void randomNoncesDifferAndPasswordNotInToString() {
        ScramClient a = new ScramClient("hunter2", ChannelBinding.DISABLE, null);
        ScramClient b = new ScramClient("hunter2", ChannelBinding.DISABLE, null);
        a.chooseMechanism(PLAIN);
        b.chooseMechanism(PLAIN);
        String fa = new String(a.clientFirst(), UTF_8);
        assertNotEquals(fa, new String(b.clientFirst(), UTF_8));
        assertTrue(fa.matches("n,,n=,r=[A-Za-z0-9+/]{24}"), fa);
        assertFalse(a.toString().contains("hunter2"));
    }

    @Test
    void userNameIsEscaped() {
        ScramClient c = new ScramClient("a=b,c", "p", ChannelBinding.DISABLE, null, 10, "n1");
        c.chooseMechanism(PLAIN);
        assertEquals("n,,n=a=3Db=2Cc,r=n1", new String(c.clientFirst(), UTF_8));
    }
}
