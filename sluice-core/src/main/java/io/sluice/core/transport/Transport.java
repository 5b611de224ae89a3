package io.sluice.core.transport;

import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.TimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One blocking byte stream to a server: TCP or unix socket, optionally upgraded to TLS in place
 * (both protocols negotiate TLS after a plain-text preamble). Designed for virtual threads: plain
 * {@code java.net.Socket} / {@code SocketChannel} blocking I/O, which parks the virtual thread
 * instead of pinning a carrier, and no locks of its own: the session above orders its use, one
 * writer at a time and one reader at a time (a {@link Pipeline} lets a writer and a reader run
 * together: the read and write sides share no state).
 *
 * <p>Reads are buffered (one syscall can deliver many small packets); writes are buffered until
 * {@link #flush()}, so a command goes out in one syscall. Every failure is reported as a typed
 * Sluice exception and leaves the transport closed: after an I/O error or timeout mid-message the
 * stream position is unknown, so nothing may be read or written again.
 */
public final class Transport implements AutoCloseable {
    private static final int READ_BUFFER = 64 * 1024;
    private static final int WRITE_BUFFER = 16 * 1024;

    private final Endpoint endpoint;
    private Socket socket;               // TCP (possibly SSLSocket after startTls)
    private final Socket rawSocket;      // the TCP socket under TLS, closed directly on abort
    private final SocketChannel channel; // unix
    private InputStream in;
    private OutputStream out;
    private final byte[] rbuf = new byte[READ_BUFFER];
    private int rpos;
    private int rlim;
    private final byte[] wbuf = new byte[WRITE_BUFFER];
    private int wlen;
    private Duration readTimeout = Duration.ZERO;
    private Duration writeTimeout = Duration.ZERO;
    private volatile boolean closed;
    private volatile String closeReason; // set by watchdog / abort so the failing I/O can say why
    private boolean tls;

    private Transport(Endpoint endpoint, Socket socket, SocketChannel channel) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.rawSocket = socket;
        this.channel = channel;
        if (socket != null) {
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } else {
            in = Channels.newInputStream(channel);
            out = Channels.newOutputStream(channel);
        }
    }

    /** Opens a connection, spending at most {@code connectTimeout} (zero means no limit). */
    public static Transport connect(Endpoint endpoint, Duration connectTimeout) {
        try {
            if (endpoint instanceof Endpoint.Tcp tcp) {
                Socket s = new Socket();
                try {
                    s.setTcpNoDelay(true);
                    s.setKeepAlive(true);
                    s.connect(new InetSocketAddress(tcp.host(), tcp.port()), (int) Math.min(Integer.MAX_VALUE,
                            connectTimeout.toMillis()));
                    return new Transport(endpoint, s, null);
                } catch (IOException | RuntimeException e) {
                    s.close();
                    throw e;
                }
            }
            Endpoint.Unix unix = (Endpoint.Unix) endpoint;
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ScheduledFuture<?> timer = connectTimeout.isZero() ? null : Watchdog.arm(connectTimeout, () -> {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing to abort a hung connect; nothing more to do
                }
            });
            try {
                ch.connect(UnixDomainSocketAddress.of(unix.path()));
                return new Transport(endpoint, null, ch);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            } finally {
                if (timer != null) {
                    timer.cancel(false);
                }
            }
        } catch (SocketTimeoutException e) {
            throw new TimeoutException("connect to " + endpoint + " timed out after " + connectTimeout.toMillis()
                    + " ms", true, e);
        } catch (IOException e) {
            throw new ConnectionException("cannot connect to " + endpoint + ": " + e.getMessage(), e);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** True when TLS is active. */
    public boolean isTls() {
        return tls;
    }

    /** True when the channel protects a password in transit: TLS, or a local unix socket. */
    public boolean isSecure() {
        return tls || channel != null;
    }

    public boolean isUnixSocket() {
        return channel != null;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The TLS session (peer certificates, for channel binding), or null without TLS. */
    public SSLSession tlsSession() {
        return socket instanceof SSLSocket s ? s.getSession() : null;
    }

    public void setReadTimeout(Duration d) {
        readTimeout = d == null ? Duration.ZERO : d;
        if (socket != null) {
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            } catch (IOException e) {
                throw fail("cannot set read timeout", e);
            }
        }
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public void setWriteTimeout(Duration d) {
        writeTimeout = d == null ? Duration.ZERO : d;
    }

    /**
     * Upgrades the TCP stream to TLS in place and runs the handshake. For VERIFY_FULL the host name
     * is checked with the HTTPS rules (RFC 2818: SAN DNS/IP entries). Any failure closes the transport.
     */
    public void startTls(SSLContext ctx, TlsMode mode, String host) {
        if (socket == null) {
            throw new ConfigurationException("TLS over a unix socket is not supported; use sslMode=disable or prefer "
                    + "(a local socket already keeps the password off the network)");
        }
        if (rpos != rlim) {
            // bytes after the TLS request would be a man-in-the-middle injection (CVE-2021-23214 class)
            throw fail("server sent unexpected data before the TLS handshake", null);
        }
        try {
            SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(socket, host, socketPort(), true);
            SSLParameters p = s.getSSLParameters();
            if (mode == TlsMode.VERIFY_FULL) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (host != null && !host.isEmpty() && Character.isLetter(host.charAt(0)) && host.indexOf(':') < 0) {
                try {
                    p.setServerNames(java.util.List.of(new SNIHostName(host)));
                } catch (IllegalArgumentException ignored) {
                    // not a valid SNI name; the handshake proceeds without SNI
                }
            }
            s.setSSLParameters(p);
            s.setUseClientMode(true);
            s.setSoTimeout(socket.getSoTimeout());
            s.startHandshake();
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
            tls = true;
        } catch (SSLException e) {
            close();
            throw new ConnectionException("TLS handshake with " + endpoint + " failed: " + e.getMessage(), 0, "08001", e);
        } catch (IOException e) {
            throw fail("TLS handshake with " + endpoint + " failed", e);
        }
    }

    private int socketPort() {
        return endpoint instanceof Endpoint.Tcp t ? t.port() : 0;
    }

    // ---------------------------------------------------------------- reading

    /** Reads exactly {@code len} bytes or fails; never returns short. */
    public void readFully(byte[] dst, int off, int len) {
        while (len > 0) {
            int avail = rlim - rpos;
            if (avail == 0) {
                if (len >= READ_BUFFER) { // large payloads bypass the buffer: no double copy
                    int n = fill(dst, off, len);
                    off += n;
                    len -= n;
                    continue;
                }
                refill();
                avail = rlim;
            }
            int n = Math.min(avail, len);
            System.arraycopy(rbuf, rpos, dst, off, n);
            rpos += n;
            off += n;
            len -= n;
        }
    }

    /** Reads one byte. */
    public int read() {
        if (rpos == rlim) {
            refill();
        }
        return rbuf[rpos++] & 0xff;
    }

    /**
     * Refills the empty read buffer. The positions change only after the read succeeded: setting
     * {@code rpos = 0} first left, after a failed read, the bytes already consumed looking unread,
     * and a pipelined caller reading next on the broken connection got an earlier caller's
     * response out of them (PgPipelineConnectionLossTest).
     */
    private void refill() {
        int n = fill(rbuf, 0, READ_BUFFER);
        rpos = 0;
        rlim = n;
    }

    /** Bytes already buffered (readable without blocking). */
    public int buffered() {
        return rlim - rpos;
    }

    private int fill(byte[] b, int off, int len) {
        ensureOpen();
        ScheduledFuture<?> timer = null;
        if (channel != null && !readTimeout.isZero()) {
            timer = Watchdog.arm(readTimeout, () -> abortFor("read timed out after " + readTimeout.toMillis() + " ms"));
        }
        try {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw fail("server closed the connection", null);
            }
            return n;
        } catch (SocketTimeoutException e) {
            close();
            throw new TimeoutException("read from " + endpoint + " timed out after " + readTimeout.toMillis() + " ms",
                    true, e);
        } catch (IOException e) {
            throw fail("read from server failed", e);
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    // ---------------------------------------------------------------- writing

    public void write(byte[] src, int off, int len) {
        if (len > WRITE_BUFFER - wlen) {
            flushBuffer();
            if (len >= WRITE_BUFFER) {
                rawWrite(src, off, len);
                return;
            }
        }
        System.arraycopy(src, off, wbuf, wlen, len);
        wlen += len;
    }

    public void write(byte[] src) {
        write(src, 0, src.length);
    }

    /** Sends everything buffered. */
    public void flush() {
        flushBuffer();
        try {
            out.flush();
        } catch (IOException e) {
            throw fail("write to server failed", e);
        }
    }

    private void flushBuffer() {
        if (wlen > 0) {
            int n = wlen;
            wlen = 0;
            rawWrite(wbuf, 0, n);
        }
    }

    private void rawWrite(byte[] src, int off, int len) {
        ensureOpen();
        ScheduledFuture<?> timer = writeTimeout.isZero() ? null : Watchdog.arm(writeTimeout,
                () -> abortFor("write timed out after " + writeTimeout.toMillis() + " ms"));
        try {
            out.write(src, off, len);
        } catch (IOException e) {
            throw fail("write to server failed", e);
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    // ---------------------------------------------------------------- closing

    private void ensureOpen() {
        if (closed) {
            String why = closeReason;
            throw new ConnectionException("connection to " + endpoint + " is closed" + (why != null ? " (" + why + ")" : ""),
                    null);
        }
    }

    /** Closes the transport and builds the exception that reports why the operation failed. */
    private RuntimeException fail(String what, IOException cause) {
        String reason = closeReason;
        close();
        if (reason != null && reason.contains("timed out")) {
            return new TimeoutException(endpoint + ": " + reason, true, cause);
        }
        String detail = reason != null ? reason : cause != null && cause.getMessage() != null ? cause.getMessage() : null;
        return new ConnectionException(what + " (" + endpoint + ")" + (detail != null ? ": " + detail : ""), cause);
    }

    /**
     * Closes the socket from any thread to make a blocked read or write fail promptly; the blocked
     * call then reports {@code reason}. Used by watchdogs and hard cancellation.
     */
    public void abortFor(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        closed = true;
        try {
            // the raw socket, not the SSLSocket: an SSL close would try to send close_notify and
            // could block behind the very write we are aborting
            if (rawSocket != null) {
                rawSocket.close();
            } else {
                channel.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (socket != null) {
                socket.close();
            } else {
                channel.close();
            }
        } catch (IOException ignored) {
            // the peer may already be gone; a close failure changes nothing for us
        }
    }
}
