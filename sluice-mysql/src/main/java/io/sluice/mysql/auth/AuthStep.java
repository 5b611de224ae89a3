package io.sluice.mysql.auth;

/**
 * What the session does after handing an AuthMoreData packet to a plugin: send a payload (next
 * sequence id) or wait for the server's next packet without sending.
 */
public sealed interface AuthStep {

    /** Send {@code payload} as the next packet. */
    record Send(byte[] payload) implements AuthStep {
        @Override
        public String toString() {
            return "Send[<" + payload.length + " bytes>]"; // may be a password in clear over TLS
        }
    }

    /** Send nothing; read the server's next packet (an OK after caching_sha2's fast-auth success). */
    record AwaitServer() implements AuthStep {
    }

    static AuthStep send(byte[] payload) {
        return new Send(payload);
    }

    static AuthStep awaitServer() {
        return new AwaitServer();
    }
}
