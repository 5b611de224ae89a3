package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.postgres.wire.PgErrorFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Unix sockets, bounded-memory streaming and notices on the real server. */
class PgExtrasTest {

    @Test
    void unixSocketConnection() {
        Path sock = Pg.server().unixSocket().orElse(Path.of("/var/run/postgresql/.s.PGSQL." + Pg.server().port()));
        assertTrue(Files.exists(sock), "no PostgreSQL unix socket at " + sock);
        PgConfig cfg = PgConfig.builder().socket(sock).user(Pg.server().user()).database(Pg.server().database()).build();
        try (PgConnection c = PgConnection.connect(cfg)) {
            assertFalse(c.session().isTls());
            assertEquals(1, c.execute("select $1::int4", 1).rows().get(0).getInt(0));
            // the server sees a local (socket) client: no client address
            assertTrue(c.query("select inet_client_addr() is null").get(0).rows().get(0).getBoolean(0));
        }
        // libpq style: a host that is a directory
        PgConfig dir = PgConfig.builder().host(sock.getParent().toString()).port(Pg.server().port())
                .user(Pg.server().user()).database(Pg.server().database()).build();
        try (PgConnection c = PgConnection.connect(dir)) {
            assertEquals(2, c.execute("select $1::int4", 2).rows().get(0).getInt(0));
        }
    }

    @Test
    void streamingAMillionRowsUnder64MegabytesOfHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String url = Pg.server().postgresUrl() + (Pg.server().postgresUrl().contains("?") ? "&" : "?") + "sslMode=disable&poolSize=1";
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                PgStreamProbe.class.getName(), url).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("rows=1000000"), out);
        assertTrue(out.contains("sum=500000500000"), out);
    }

    @Test
    void noticesGoToTheHandler() {
        List<PgErrorFields> notices = new CopyOnWriteArrayList<>();
        try (PgConnection c = Pg.connect()) {
            c.onNotice(notices::add);
            c.query("do $$ begin raise notice 'hello %', 42; end $$");
            assertEquals(1, notices.size());
            assertEquals("hello 42", notices.get(0).message());
            assertEquals("NOTICE", notices.get(0).severity());
        }
    }
}
