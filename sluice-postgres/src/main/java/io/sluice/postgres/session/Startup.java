package io.sluice.postgres.session;

import io.sluice.core.error.AuthenticationException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.transport.Deadline;
import io.sluice.core.transport.TlsContexts;
import io.sluice.core.transport.TlsMode;
import io.sluice.core.transport.Transport;
import io.sluice.core.wire.ByteWriter;
import io.sluice.postgres.PgConfig;
import io.sluice.postgres.auth.ChannelBinding;
import io.sluice.postgres.auth.Md5Password;
import io.sluice.postgres.auth.ScramClient;
import io.sluice.postgres.auth.TlsServerEndPoint;
import io.sluice.postgres.wire.BackendMessage;
import io.sluice.postgres.wire.Frontend;
import io.sluice.postgres.wire.PgErrorMapper;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Connection start-up (protocol docs: "Start-up", "SSL Session Encryption", "SASL Authentication"):
 * the sslmode ladder, the StartupMessage, the authentication exchange (cleartext, md5, SCRAM-SHA-256
 * with or without channel binding), then ParameterStatus / BackendKeyData until ReadyForQuery.
 * Everything spends from the one connect deadline.
 */
final class Startup {
    private static final int MAX_AUTH_ROUNDS = 8;

    record Outcome(Transport transport, PgChannel channel, int pid, int secret, Map<String, String> parameters,
                   String authMethod) {
    }

    private Startup() {
    }

    static Outcome run(PgConfig cfg, Deadline deadline) {
        TlsMode mode = cfg.tls().mode();
        // channelBinding=require can only succeed over TLS: the plain-text first try of ALLOW is doomed
        if (mode == TlsMode.ALLOW && cfg.channelBinding() != ChannelBinding.REQUIRE) {
            // libpq: try plain text first, TLS only when the server refuses the plain connection
            try {
                return attempt(cfg, deadline, false);
            } catch (io.sluice.core.error.SluiceException e) {
                if (e instanceof AuthenticationException || deadline.expired()) {
                    throw e;
                }
                return attempt(cfg, deadline, true);
            }
        }
        return attempt(cfg, deadline, mode != TlsMode.DISABLE);
    }

    private static Outcome attempt(PgConfig cfg, Deadline deadline, boolean tryTls) {
        Transport t = Transport.connect(cfg.endpoint(), deadline.remainingOrZeroForUnlimited());
        try {
            t.setReadTimeout(deadline.remainingOrZeroForUnlimited());
            PgChannel ch = new PgChannel(t, cfg.maxMessageSize());
            if (tryTls && !t.isUnixSocket()) {
                negotiateTls(cfg, t, ch);
            }
            return startup(cfg, deadline, t, ch);
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private static void negotiateTls(PgConfig cfg, Transport t, PgChannel ch) {
        ByteWriter w = new ByteWriter(8);
        Frontend.sslRequest(w);
        ch.write(w);
        ch.flush();
        int answer = ch.readSslAnswer();
        TlsMode mode = cfg.tls().mode();
        if (answer == 'S') {
            t.startTls(TlsContexts.create(cfg.tls()), mode, cfg.host());
        } else if (answer == 'N') {
            if (mode.required()) {
                throw new ConnectionException("sslMode=" + mode.optionValue() + " but server " + cfg.endpoint()
                        + " does not support TLS", 0, "08001", null);
            }
        } else if (answer == 'E') {
            throw new ConnectionException("server rejected the SSL request (a pre-7.0 server or not PostgreSQL)", null);
        } else {
            throw new ProtocolException("unexpected answer 0x" + Integer.toHexString(answer) + " to SSLRequest");
        }
    }

    private static Outcome startup(PgConfig cfg, Deadline deadline, Transport t, PgChannel ch) {
        ChannelBinding cb = cfg.channelBinding();
        // before the StartupMessage: a peer that refused TLS learns nothing (not even the user name)
        ChannelBinding.checkTls(cb, t.isTls());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", cfg.user());
        if (cfg.database() != null) {
            params.put("database", cfg.database());
        }
        params.put("application_name", cfg.applicationName());
        params.put("client_encoding", "UTF8");
        params.put("DateStyle", "ISO, MDY");
        if (!cfg.poolerMode()) {
            // pgbouncer refuses startup parameters it does not track ("unsupported startup parameter")
            // unless listed in its ignore_startup_parameters, which drops them anyway. Both values are
            // the server defaults since PostgreSQL 12 (extra_float_digits 1 already prints floats
            // exactly), so behind a pooler they are simply left out.
            params.put("extra_float_digits", "3");
            params.put("IntervalStyle", "postgres");
        }
        params.putAll(cfg.startupOptions());
        ByteWriter w = new ByteWriter(256);
        Frontend.startup(w, params);
        ch.write(w);
        ch.flush();

        ScramClient scram = null;
        boolean serverVerified = false;
        String method = "trust";
        Map<String, String> status = new LinkedHashMap<>();
        int pid = 0;
        int secret = 0;
        int rounds = 0;
        while (true) {
            t.setReadTimeout(deadline.remainingOrZeroForUnlimited());
            BackendMessage m = ch.read();
            if (m instanceof BackendMessage.ErrorResponse err) {
                throw PgErrorMapper.map(err.fields());
            }
            if (m instanceof BackendMessage.NoticeResponse) {
                continue;
            }
            if (m instanceof BackendMessage.NegotiateProtocolVersion) {
                continue; // the server accepts 3.0 without the options it did not recognise
            }
            if (++rounds > MAX_AUTH_ROUNDS + 64) {
                throw new ProtocolException("start-up did not finish");
            }
            switch (m) {
                case BackendMessage.AuthenticationOk ok -> {
                    // a server that skips the SCRAM final message (or authentication altogether) has not
                    // proven it knows the password: with channel binding required that is an attack
                    if (scram != null && !serverVerified) {
                        throw new AuthenticationException("server ended SCRAM authentication without proving its identity");
                    }
                    if (cb == ChannelBinding.REQUIRE && scram == null) {
                        throw new AuthenticationException("channelBinding=require but the server did not authenticate "
                                + "with SCRAM-SHA-256-PLUS (it accepted the connection without SASL)");
                    }
                }
                case BackendMessage.AuthenticationCleartextPassword c -> {
                    requireNotBound(cb, "cleartext password");
                    method = "password";
                    send(ch, w, () -> Frontend.password(w, cfg.password()));
                }
                case BackendMessage.AuthenticationMD5Password md5 -> {
                    requireNotBound(cb, "md5");
                    method = "md5";
                    String resp = Md5Password.response(cfg.user(), cfg.password(), md5.salt());
                    send(ch, w, () -> Frontend.password(w, resp));
                }
                case BackendMessage.AuthenticationSASL sasl -> {
                    byte[] endPoint = t.isTls() ? endPointHash(t.tlsSession()) : null;
                    scram = new ScramClient(cfg.password(), cb, endPoint, cfg.scramMaxIterations());
                    String mech = scram.chooseMechanism(sasl.mechanisms());
                    method = mech;
                    byte[] first = scram.clientFirst();
                    send(ch, w, () -> Frontend.saslInitialResponse(w, mech, first));
                }
                case BackendMessage.AuthenticationSASLContinue cont -> {
                    if (scram == null) {
                        throw new ProtocolException("SASLContinue without SASL");
                    }
                    byte[] fin = scram.clientFinal(cont.data());
                    send(ch, w, () -> Frontend.saslResponse(w, fin));
                }
                case BackendMessage.AuthenticationSASLFinal fin -> {
                    if (scram == null) {
                        throw new ProtocolException("SASLFinal without SASL");
                    }
                    scram.verifyServerFinal(fin.data());
                    serverVerified = true;
                }
                case BackendMessage.ParameterStatus ps -> status.put(ps.name(), ps.value());
                case BackendMessage.BackendKeyData key -> {
                    pid = key.pid();
                    secret = key.secret();
                }
                case BackendMessage.ReadyForQuery rfq -> {
                    return new Outcome(t, ch, pid, secret, status, method);
                }
                default -> throw new ProtocolException("unexpected " + m.getClass().getSimpleName() + " during start-up");
            }
        }
    }

    private static void send(PgChannel ch, ByteWriter w, Runnable encode) {
        w.reset();
        encode.run();
        ch.write(w);
        ch.flush();
    }

    private static byte[] endPointHash(SSLSession s) {
        try {
            Certificate[] chain = s.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? TlsServerEndPoint.hash(x) : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static void requireNotBound(ChannelBinding cb, String what) {
        if (cb == ChannelBinding.REQUIRE) {
            throw new AuthenticationException("channelBinding=require but the server asked for " + what
                    + " authentication; refusing to downgrade");
        }
    }
}
