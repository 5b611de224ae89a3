package io.sluice.postgres.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.core.error.UsageException;
import org.junit.jupiter.api.Test;

/** Expected values computed with python3: "md5" + md5(md5(pw + user).hexdigest() + salt).hexdigest(). */
class Md5PasswordTest {
    @Test
    void knownVectors() {
        assertEquals("md598a0412b9c31436fc53776e863350083",
                Md5Password.response("alice", "secret", new byte[] {1, 2, 3, 4}));
        assertEquals("md55e5c61ac4cbcd6a1c67d510117ee65ab",
                Md5Password.response("postgres", "pässwörd", new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}));
    }

    @Test
    void saltMustBeFourBytes() {
        assertThrows(UsageException.class, () -> Md5Password.response("u", "p", new byte[3]));
    }
}
