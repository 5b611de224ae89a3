package io.sluice.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.ConfigurationException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TlsModeTest {
    @Test
    void parsesLibpqAndMysqlSpellings() {
        assertEquals(TlsMode.VERIFY_FULL, TlsMode.parse("sslMode", "verify-full"));
        assertEquals(TlsMode.VERIFY_FULL, TlsMode.parse("sslMode", "VERIFY_IDENTITY"));
        assertEquals(TlsMode.REQUIRE, TlsMode.parse("sslMode", "required"));
        assertEquals(TlsMode.DISABLE, TlsMode.parse("sslMode", "disabled"));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TlsMode.parse("sslMode", "maybe"));
        assertTrue(e.getMessage().contains("sslMode") && e.getMessage().contains("verify-full"));
    }

    @Test
    void ladder() {
        assertFalse(TlsMode.PREFER.required());
        assertTrue(TlsMode.REQUIRE.required());
        assertFalse(TlsMode.REQUIRE.verifiesChain());
        assertTrue(TlsMode.VERIFY_CA.verifiesChain());
    }

    @Test
    void configValidation() {
        assertThrows(ConfigurationException.class, () -> new TlsConfig(TlsMode.REQUIRE, Path.of("/nonexistent/ca.pem"),
                null, null, null, null, null, null, null, null));
        assertThrows(ConfigurationException.class, () -> new TlsConfig(TlsMode.REQUIRE, null, null, null, null,
                Path.of("/etc/hostname"), null, null, null, null));
    }
}
