package io.sluice.core.error;

/**
 * Authentication could not be carried out on the client side: unsupported plugin, a plugin that
 * needs TLS or an RSA key the caller did not allow, a channel-binding requirement not met. (A wrong
 * password reported by the server is an {@link AccessDeniedException}.)
 */
public class AuthenticationException extends ConnectionException {
    public AuthenticationException(String message) {
        super(message, 0, "28000", null);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, 0, "28000", cause);
    }
}
