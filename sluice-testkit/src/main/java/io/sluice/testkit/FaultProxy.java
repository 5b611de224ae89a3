package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, with faults switched on at runtime for
 * adversity tests: stall everything ({@link #blackhole()}), reset every connection
 * ({@link #cutAll()}), slow every chunk ({@link #delay}), end a response early
 * ({@link #truncateServerToClientAfter}), flip a byte ({@link #corruptServerByteAt}).
 *
 * <p>Byte offsets for truncation and corruption count server-to-client bytes forwarded on each
 * connection <em>after the call</em> (for connections opened later: from their first byte), so a
 * test can let the handshake through and then break the next response. Each connection is two
 * virtual-thread pumps; a half-close on one side is passed on to the other.
 */
public final class FaultProxy implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());
    private static final long NONE = -1;

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock gateLock = new ReentrantLock();
    private final Condition gateOpen = gateLock.newCondition();
    private volatile boolean blackholed;
    private volatile long delayNanos;
    private volatile long truncateAfter = NONE;
    private volatile long corruptOffset = NONE;
    private volatile int corruptMask;

    private FaultProxy(String targetHost, int targetPort, ServerSocket listener) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listener;
    }

    /** Listens on 127.0.0.1, a free port, and forwards each connection to target. */
    public static FaultProxy start(String targetHost, int targetPort) {
        try {
            ServerSocket ss = new ServerSocket();
            ss.bind(new InetSocketAddress("127.0.0.1", 0));
            FaultProxy proxy = new FaultProxy(targetHost, targetPort, ss);
            Thread.ofVirtual().name("fault-proxy-accept-" + ss.getLocalPort()).start(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start fault proxy: " + e, e);
        }
    }

    public String host() { return "127.0.0.1"; }
    public int port() { return listener.getLocalPort(); }

    /** Connections currently open through the proxy. */
    public int connectionCount() { return links.size(); }

    /** Connections accepted since start. */
    public int acceptedCount() { return accepted.get(); }

    /** Stop forwarding in both directions; sockets stay open, so peers see silence, not errors. */
    public void blackhole() { blackholed = true; }

    /** Undo {@link #blackhole()}: bytes held back are forwarded. */
    public void resume() {
        blackholed = false;
        signalGate();
    }

    /** Sleep this long before forwarding each chunk, both directions ({@code Duration.ZERO} = off). */
    public void delay(Duration perChunk) { delayNanos = Math.max(0, perChunk.toNanos()); }

    /** Forward {@code bytes} more server bytes on each connection, then close it. */
    public void truncateServerToClientAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, was " + bytes);
        }
        truncateAfter = bytes;
        for (Link l : links) {
            l.s2cLimit = l.s2cForwarded + bytes;
        }
    }

    /** XOR the server byte at {@code offset} (relative to now, per connection) with {@code xorMask}; once per connection. */
    public void corruptServerByteAt(long offset, int xorMask) {
        if (offset < 0 || (xorMask & 0xff) == 0) {
            throw new IllegalArgumentException("offset must be >= 0 and xorMask must flip a bit, were "
                    + offset + ", " + xorMask);
        }
        corruptMask = xorMask & 0xff;
        corruptOffset = offset;
        for (Link l : links) {
            l.corruptMask = xorMask & 0xff;
            l.corruptAt = l.s2cForwarded + offset;
        }
    }

    /** Switch every fault off (blackhole, delay, truncation, corruption) for current and new connections. */
    public void clearFaults() {
        delayNanos = 0;
        truncateAfter = NONE;
        corruptOffset = NONE;
        for (Link l : links) {
            l.s2cLimit = Long.MAX_VALUE;
            l.corruptAt = NONE;
        }
        resume();
    }

    /** Abort all current connections with a TCP RST on both sides (SO_LINGER 0); new ones are still accepted. */
    public void cutAll() {
        for (Link l : List.copyOf(links)) {
            l.close(true);
        }
        signalGate();
    }

    /** Stops accepting and aborts every connection. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            cutAll();
        }
    }

    @Override
    public String toString() {
        return "FaultProxy[127.0.0.1:" + port() + " -> " + targetHost + ":" + targetPort + "]";
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.log(System.Logger.Level.WARNING, this + " accept failed: " + e);
                }
                return;
            }
            accepted.incrementAndGet();
            Thread.ofVirtual().name("fault-proxy-connect").start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, this + " cannot reach target: " + e);
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        Link link = new Link(client, upstream);
        link.s2cLimit = truncateAfter == NONE ? Long.MAX_VALUE : truncateAfter;
        link.corruptAt = corruptOffset;
        link.corruptMask = corruptMask;
        links.add(link);
        if (closed.get()) {
            link.close(true);
            return;
        }
        Thread.ofVirtual().name("fault-proxy-c2s").start(() -> link.pump(client, upstream, false));
        Thread.ofVirtual().name("fault-proxy-s2c").start(() -> link.pump(upstream, client, true));
    }

    private void signalGate() {
        gateLock.lock();
        try {
            gateOpen.signalAll();
        } finally {
            gateLock.unlock();
        }
    }

    /** Blocks while blackholed; false when the link was closed meanwhile. */
    private boolean awaitGate(Link link) throws InterruptedException {
        gateLock.lock();
        try {
            while (blackholed && !link.closed.get()) {
                gateOpen.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            gateLock.unlock();
        }
        return !link.closed.get();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** One proxied connection: client socket, upstream socket, fault state for the server->client side. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicInteger pumpsDone = new AtomicInteger();
        volatile long s2cForwarded;
        volatile long s2cLimit = Long.MAX_VALUE;
        volatile long corruptAt = NONE;
        volatile int corruptMask;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to, boolean serverToClient) {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        to.shutdownOutput(); // pass the half-close on
                        break;
                    }
                    if (!awaitGate(this)) {
                        return;
                    }
                    long d = delayNanos;
                    if (d > 0) {
                        Thread.sleep(Duration.ofNanos(d));
                    }
                    if (serverToClient && !forwardServerBytes(out, buf, n)) {
                        close(false);
                        return;
                    }
                    if (!serverToClient) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException | InterruptedException e) {
                close(false);
                return;
            }
            if (pumpsDone.incrementAndGet() == 2) {
                close(false);
            }
        }

        /** Applies corruption and truncation; false when the truncation limit was reached. */
        private boolean forwardServerBytes(OutputStream out, byte[] buf, int n) throws IOException {
            long start = s2cForwarded;
            long c = corruptAt;
            if (c != NONE && c >= start && c < start + n) {
                buf[(int) (c - start)] ^= (byte) corruptMask;
                corruptAt = NONE; // once per connection
            }
            long limit = s2cLimit;
            if (start + n >= limit) {
                int keep = (int) Math.max(0, limit - start);
                out.write(buf, 0, keep);
                out.flush();
                s2cForwarded = start + keep;
                return false;
            }
            // count before writing: a test that has already seen these bytes and now sets a
            // truncation limit must have the limit measured after them, not before
            s2cForwarded = start + n;
            out.write(buf, 0, n);
            out.flush();
            return true;
        }

        void close(boolean reset) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            links.remove(this);
            for (Socket s : new Socket[] {client, upstream}) {
                if (reset) {
                    try {
                        s.setSoLinger(true, 0); // close() then sends RST instead of FIN
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
                closeQuietly(s);
            }
        }
    }
}
