package io.sluice.bench;


/**
 * Where the two servers are: {@code user[:password]@host:port} per database, database
 * {@code sluice_bench} (created when missing).
 */
public record Servers(Server mysql, Server pg) {
    public static final String DATABASE = "sluice_bench";

    public record Server(String user, String password, String host, int port) {
        /** Parses {@code user[:password]@host[:port]}. */
        public static Server parse(String spec, int defaultPort) {
            String user = "root";
            String password = "";
            String hostPort = spec;
            int at = spec.lastIndexOf('@');
            if (at >= 0) {
                String cred = spec.substring(0, at);
                hostPort = spec.substring(at + 1);
                int colon = cred.indexOf(':');
                user = colon >= 0 ? cred.substring(0, colon) : cred;
                password = colon >= 0 ? cred.substring(colon + 1) : "";
            }
            String host = hostPort;
            int port = defaultPort;
            int colon = hostPort.lastIndexOf(':');
            if (colon >= 0) {
                host = hostPort.substring(0, colon);
                port = Integer.parseInt(hostPort.substring(colon + 1));
            }
            return new Server(user, password, host, port);
        }

        /** {@code scheme://user[:password]@host:port/sluice_bench}. */
        public String url(String scheme) {
            return scheme + "://" + user + (password.isEmpty() ? "" : ":" + password) + "@" + host + ":" + port + "/"
                    + DATABASE;
        }

        @Override
        public String toString() {
            return user + "@" + host + ":" + port;
        }
    }

    public Server of(Db db) {
        return db == Db.MYSQL ? mysql : pg;
    }

    public static Servers defaults() {
        return new Servers(Server.parse("root@127.0.0.1:3306", 3306), Server.parse("postgres@127.0.0.1:5432", 5432));
    }

}
