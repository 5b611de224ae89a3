package io.sluice.postgres;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.core.error.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The server ends a connection (pg_terminate_backend) while eight threads pipeline on it. Every
 * caller must then get its own answer or a connection error, never another caller's answer. This
 * caught a transport bug: a failed read left the read buffer's consumed bytes looking unread, and
 * the next ticket holder decoded an earlier response out of them (often several callers got the
 * same stale value).
 */
class PgPipelineConnectionLossTest {

    @Test
    void noCallerGetsAnotherCallersAnswerWhenTheServerEndsThePipelinedConnection() throws Exception {
        for (int round = 0; round < 5; round++) {
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> notBroken = new ConcurrentLinkedQueue<>();
            try (PgConnection c = Pg.connect(); PgConnection admin = Pg.connect()) {
                int pid = c.backendPid();
                List<Thread> ts = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int id = t;
                    ts.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < 1_000_000; i++) {
                            int v = id * 10_000_000 + i;
                            try {
                                Object got = c.execute("select $1::int4", v).rows().get(0).get(0);
                                if (((Number) got).intValue() != v) {
                                    wrong.add("asked " + v + ", got " + got);
                                }
                            } catch (SluiceException e) {
                                if (!e.isConnectionBroken()) {
                                    notBroken.add(e.toString());
                                }
                                if (!c.isUsable()) {
                                    return;
                                }
                            }
                        }
                    }));
                }
                Thread.sleep(100);
                admin.execute("select pg_terminate_backend($1)", pid);
                for (Thread t : ts) {
                    t.join();
                }
                assertFalse(c.isUsable());
            }
            assertTrue(wrong.isEmpty(), () -> "answers handed to the wrong caller: " + wrong);
            assertTrue(notBroken.isEmpty(), () -> "errors other than connection loss: " + notBroken);
        }
    }
}
