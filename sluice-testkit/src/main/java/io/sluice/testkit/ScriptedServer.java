package io.sluice.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process fake server on 127.0.0.1 for protocol tests real servers cannot show (MySQL
 * 8-only auth flows, malformed or truncated packets). Each accepted connection runs the
 * {@link Handler} on its own virtual thread with a {@link ScriptedConn} offering blocking reads and
 * writes plus MySQL and PostgreSQL framing helpers.
 *
 * <p>Anything a handler throws is recorded; call {@link #assertNoHandlerErrors()} at the end of a
 * test so a failed script expectation fails the test instead of only closing a socket. Errors
 * caused by {@link #close()} tearing the sockets down are not recorded.
 */
public final class ScriptedServer implements AutoCloseable {

    /** The script run for each accepted connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(ScriptedConn conn) throws Exception;
    }

    private final ServerSocket listener;
    private final Handler handler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final Set<ScriptedConn> open = ConcurrentHashMap.newKeySet();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    private ScriptedServer(ServerSocket listener, Handler handler) {
        this.listener = listener;
        this.handler = handler;
    }

    public static ScriptedServer start(Handler handler) {
        try {
            ServerSocket ss = new ServerSocket();
            ss.bind(new InetSocketAddress("127.0.0.1", 0));
            ScriptedServer server = new ScriptedServer(ss, handler);
            Thread.ofVirtual().name("scripted-server-accept-" + ss.getLocalPort()).start(server::acceptLoop);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start scripted server: " + e, e);
        }
    }

    public String host() { return "127.0.0.1"; }
    public int port() { return listener.getLocalPort(); }

    /** Connections accepted so far. */
    public int acceptedCount() { return accepted.get(); }

    /** Connections whose handler has returned or thrown. */
    public int finishedCount() { return finished.get(); }

    /** Waits until {@code n} handlers have finished; false on timeout. Handy before asserting. */
    public boolean awaitFinished(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (finished.get() < n) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Errors thrown by handlers so far. */
    public List<Throwable> handlerErrors() {
        return List.copyOf(errors);
    }

    /** Throws an AssertionError carrying the first handler error (others suppressed), if any. */
    public void assertNoHandlerErrors() {
        List<Throwable> snapshot = new ArrayList<>(errors);
        if (snapshot.isEmpty()) {
            return;
        }
        AssertionError e = new AssertionError(snapshot.size() + " scripted-server handler error(s); first: "
                + snapshot.get(0), snapshot.get(0));
        snapshot.stream().skip(1).forEach(e::addSuppressed);
        throw e;
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            for (ScriptedConn c : List.copyOf(open)) {
                c.close();
            }
        }
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    errors.add(e);
                }
                return;
            }
            int id = accepted.incrementAndGet();
            Thread.ofVirtual().name("scripted-server-conn-" + id).start(() -> serve(s, id));
        }
    }

    private void serve(Socket socket, int id) {
        ScriptedConn conn;
        try {
            socket.setTcpNoDelay(true);
            conn = new ScriptedConn(socket, id);
        } catch (IOException e) {
            errors.add(e);
            finished.incrementAndGet();
            return;
        }
        open.add(conn);
        try {
            handler.handle(conn);
        } catch (Throwable t) {
            // A socket error after close() is our own teardown, not a script failure.
            if (!(closed.get() && (t instanceof SocketException || t instanceof java.io.EOFException))) {
                errors.add(t);
            }
        } finally {
            conn.close();
            open.remove(conn);
            finished.incrementAndGet();
        }
    }
}
