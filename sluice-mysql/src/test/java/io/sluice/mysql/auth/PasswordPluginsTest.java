package io.sluice.mysql.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.AuthenticationException;
import io.sluice.core.error.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * mysql_native_password, caching_sha2_password (scramble step), mysql_clear_password and the
 * factory. Expected tokens were computed independently with Python's hashlib:
 * {@code sha1(pw) ^ sha1(seed + sha1(sha1(pw)))} and
 * {@code sha256(pw) ^ sha256(sha256(sha256(pw)) + seed)}.
 */
class PasswordPluginsTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The 20-byte scramble of the captured MariaDB greeting: "K$q./B>P" + "WG:-ppauIM'x". */
    static final byte[] SEED = "K$q./B>PWG:-ppauIM'x".getBytes(StandardCharsets.US_ASCII);

    static AuthContext ctx(String password, boolean secure) {
        return new AuthContext("u", password, SEED, secure, false, null);
    }

    @Test
    void nativePasswordVectors() {
        AuthPlugin p = AuthPlugins.create("mysql_native_password");
        assertEquals("02b51121d7604ce9256e5c294edb50788021aa5c", HEX.formatHex(p.initialResponse(ctx("secret", false))));
        assertEquals("2ce4dda74811a984cba4dcc96a51edd7b1b5acc8", HEX.formatHex(p.initialResponse(ctx("pässwörd", false))));
        // accepted by the real server in the capture session (stored hash *B609D30D...)
        assertEquals("b8174f3b8ea3062cac565c5f10df2cd40d66d50d", HEX.formatHex(p.initialResponse(ctx("sluicepw", false))));
        assertEquals(0, p.initialResponse(ctx("", false)).length);
        assertEquals(0, p.initialResponse(ctx(null, false)).length);
    }

    @Test
    void nativePasswordIgnoresTheSwitchRequestsTrailingNul() {
        AuthPlugin p = AuthPlugins.create("mysql_native_password");
        byte[] withNul = java.util.Arrays.copyOf(SEED, 21);
        assertArrayEquals(p.initialResponse(ctx("secret", false)),
                p.initialResponse(ctx("secret", false).withSeed(withNul)));
        assertThrows(ProtocolException.class, () -> p.onMoreData(ctx("secret", false), new byte[] {3}));
    }

    @Test
    void cachingSha2ScrambleVectors() {
        AuthPlugin p = AuthPlugins.create("caching_sha2_password");
        assertEquals("de56f99d0adcf35e9879181f7e6257ff6687af19144c5d6cd316fabd4b111e68",
                HEX.formatHex(p.initialResponse(ctx("secret", false))));
        assertEquals("9cdac241be1db2cde77b0244e2c1e20bd026b6e1d8e205c1b6f2b0f3751c7b14",
                HEX.formatHex(p.initialResponse(ctx("pässwörd", false))));
        assertEquals(0, p.initialResponse(ctx("", false)).length);
    }

    @Test
    void clearPasswordOnlyOverSecureTransport() {
        AuthPlugin p = AuthPlugins.create("mysql_clear_password");
        assertEquals("736563726574" + "00", HEX.formatHex(p.initialResponse(ctx("secret", true))));
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> p.initialResponse(ctx("secret", false)));
        assertTrue(e.getMessage().contains("TLS"));
        assertFalse(e.getMessage().contains("secret"));
    }

    @Test
    void factory() {
        assertEquals("mysql_native_password", AuthPlugins.create("mysql_native_password").name());
        assertEquals("caching_sha2_password", AuthPlugins.create("caching_sha2_password").name());
        assertEquals("sha256_password", AuthPlugins.create("sha256_password").name());
        assertEquals("mysql_clear_password", AuthPlugins.create("mysql_clear_password").name());
        assertEquals("client_ed25519", AuthPlugins.create("client_ed25519").name());
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> AuthPlugins.create("dialog"));
        assertEquals("unsupported authentication plugin 'dialog'", e.getMessage());
        assertThrows(AuthenticationException.class, () -> AuthPlugins.create("mysql_old_password"));
        assertThrows(AuthenticationException.class, () -> AuthPlugins.create(null));
        assertTrue(AuthPlugins.isSupported("client_ed25519"));
        assertFalse(AuthPlugins.isSupported("auth_gssapi_client"));
        // each call is a fresh instance: plugins keep per-exchange state
        assertFalse(AuthPlugins.create("caching_sha2_password") == AuthPlugins.create("caching_sha2_password"));
    }

    @Test
    void contextNeverPrintsThePassword() {
        AuthContext c = ctx("hunter2", false);
        assertFalse(c.toString().contains("hunter2"));
        assertTrue(c.toString().contains("<redacted>"));
        AuthStep.Send s = new AuthStep.Send("hunter2\0".getBytes(StandardCharsets.UTF_8));
        assertFalse(s.toString().contains("hunter2"));
        assertInstanceOf(AuthStep.AwaitServer.class, AuthStep.awaitServer());
    }
}
