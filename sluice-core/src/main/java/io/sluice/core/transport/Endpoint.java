package io.sluice.core.transport;

import java.nio.file.Path;

/** Where to connect: a TCP host and port, or a unix-domain socket path. */
public sealed interface Endpoint {
    record Tcp(String host, int port) implements Endpoint {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    record Unix(Path path) implements Endpoint {
        @Override
        public String toString() {
            return "unix:" + path;
        }
    }
}
