package io.sluice.postgres.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.core.error.UsageException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The response to AuthenticationMD5Password (protocol-flow "Start-up"):
 * {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}, lower-case hex. The inner hash is
 * what the server stores (pg_authid.rolpassword without the prefix); the salt makes the response
 * single-use. MD5 is weak: SCRAM is preferred whenever the server allows it.
 */
public final class Md5Password {
    private Md5Password() {
    }

    /** The PasswordMessage payload (send with {@code Frontend.password}); 35 ASCII characters. */
    public static String response(String user, String password, byte[] salt) {
        if (user == null || password == null || salt == null) {
            throw new UsageException("user, password and salt must not be null");
        }
        if (salt.length != 4) {
            throw new UsageException("MD5 salt must be 4 bytes, was " + salt.length);
        }
        HexFormat hex = HexFormat.of();
        MessageDigest md5 = md5();
        md5.update(password.getBytes(UTF_8));
        md5.update(user.getBytes(UTF_8));
        byte[] inner = hex.formatHex(md5.digest()).getBytes(UTF_8);
        md5.update(inner);
        md5.update(salt);
        return "md5" + hex.formatHex(md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide MD5", e);
        }
    }
}
