package io.sluice.mysql.auth;

import io.sluice.core.error.AuthenticationException;
import java.util.Set;

/** Creates plugin instances by wire name. Unknown names are refused, never guessed at. */
public final class AuthPlugins {
    public static final String MYSQL_NATIVE_PASSWORD = "mysql_native_password";
    public static final String CACHING_SHA2_PASSWORD = "caching_sha2_password";
    public static final String SHA256_PASSWORD = "sha256_password";
    public static final String MYSQL_CLEAR_PASSWORD = "mysql_clear_password";
    public static final String CLIENT_ED25519 = "client_ed25519";

    private static final Set<String> SUPPORTED = Set.of(MYSQL_NATIVE_PASSWORD, CACHING_SHA2_PASSWORD,
            SHA256_PASSWORD, MYSQL_CLEAR_PASSWORD, CLIENT_ED25519);

    private AuthPlugins() {
    }

    /** A new plugin instance for one exchange. */
    public static AuthPlugin create(String name) {
        if (name == null) {
            throw new AuthenticationException("unsupported authentication plugin 'null'");
        }
        return switch (name) {
            case MYSQL_NATIVE_PASSWORD -> new NativePasswordPlugin();
            case CACHING_SHA2_PASSWORD -> new CachingSha2PasswordPlugin();
            case SHA256_PASSWORD -> new Sha256PasswordPlugin();
            case MYSQL_CLEAR_PASSWORD -> new ClearPasswordPlugin();
            case CLIENT_ED25519 -> new Ed25519Plugin();
            default -> throw new AuthenticationException("unsupported authentication plugin '" + name + "'");
        };
    }

    public static boolean isSupported(String name) {
        return SUPPORTED.contains(name);
    }

    public static Set<String> supported() {
        return SUPPORTED;
    }
}
