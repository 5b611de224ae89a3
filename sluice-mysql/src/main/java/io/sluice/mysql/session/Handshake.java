package io.sluice.mysql.session;

import io.sluice.core.error.ConfigurationException;
import io.sluice.core.error.ConnectionException;
import io.sluice.core.error.ProtocolException;
import io.sluice.core.transport.Deadline;
import io.sluice.core.transport.TlsContexts;
import io.sluice.core.transport.TlsMode;
import io.sluice.core.transport.Transport;
import io.sluice.core.wire.ByteWriter;
import io.sluice.mysql.MySqlConfig;
import io.sluice.mysql.auth.AuthContext;
import io.sluice.mysql.auth.AuthPlugin;
import io.sluice.mysql.auth.AuthPlugins;
import io.sluice.mysql.auth.AuthStep;
import io.sluice.mysql.wire.AuthMoreData;
import io.sluice.mysql.wire.AuthSwitchRequest;
import io.sluice.mysql.wire.Capability;
import io.sluice.mysql.wire.MariaDbCapability;
import io.sluice.mysql.wire.ErrPacket;
import io.sluice.mysql.wire.ErrorMapper;
import io.sluice.mysql.wire.HandshakeResponse41;
import io.sluice.mysql.wire.HandshakeV10;
import io.sluice.mysql.wire.MySqlCharset;
import io.sluice.mysql.wire.OkPacket;
import io.sluice.mysql.wire.SslRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connection phase (protocol docs: "Connection Phase"): greeting, optional TLS upgrade,
 * HandshakeResponse41, then the authentication exchange (auth switch, more-data rounds) until the
 * server answers OK or ERR. Runs once per connection and spends from the connect deadline.
 *
 * <p>State order: GREETING -> (TLS) -> RESPONSE_SENT -> AUTH_EXCHANGE* -> AUTHENTICATED. Any packet
 * that does not fit the current state is a protocol error and the socket is closed.
 */
final class Handshake {
    private static final int MAX_AUTH_ROUNDS = 16; // a server that never ends auth must not loop us forever

    record Outcome(HandshakeV10 greeting, long capabilities, long mariaDbCapabilities, int statusFlags, String authPlugin,
                   MySqlCharset charset) {
    }

    private Handshake() {
    }

    static Outcome run(PacketChannel ch, MySqlConfig cfg, Deadline deadline) {
        Transport t = ch.transport();
        t.setReadTimeout(deadline.remainingOrZeroForUnlimited());
        byte[] first = ch.read();
        if (ErrPacket.isErr(first)) {
            throw ErrorMapper.map(ErrPacket.decode(first));
        }
        HandshakeV10 hs = HandshakeV10.decode(first);
        long server = hs.capabilities();
        if (!Capability.PROTOCOL_41.in(server)) {
            throw new ConnectionException("server " + hs.serverVersion() + " does not speak protocol 4.1; unsupported", null);
        }
        MySqlCharset charset = cfg.collation() != null ? MySqlCharset.forCollation(cfg.collation())
                : MySqlCharset.forName(cfg.charset());
        EnumSet<Capability> want = EnumSet.of(Capability.LONG_PASSWORD, Capability.LONG_FLAG, Capability.PROTOCOL_41,
                Capability.TRANSACTIONS, Capability.SECURE_CONNECTION, Capability.MULTI_RESULTS,
                Capability.PS_MULTI_RESULTS, Capability.PLUGIN_AUTH, Capability.CONNECT_ATTRS,
                Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA, Capability.DEPRECATE_EOF, Capability.LOCAL_FILES,
                Capability.SESSION_TRACK);
        if (cfg.database() != null && !cfg.database().isEmpty()) {
            want.add(Capability.CONNECT_WITH_DB);
        }
        if (cfg.multiStatements()) {
            want.add(Capability.MULTI_STATEMENTS);
        }
        if (cfg.foundRows()) {
            want.add(Capability.FOUND_ROWS);
        }
        long caps = Capability.mask(want) & server;
        // MariaDB (CLIENT_MYSQL clear): ask for metadata caching, so a cached prepared statement's
        // executions skip the column definitions the client already holds, and for bulk execution
        long mariaCaps = Capability.LONG_PASSWORD.in(caps) ? 0
                : (MariaDbCapability.CACHE_METADATA.bit() | MariaDbCapability.STMT_BULK_OPERATIONS.bit())
                        & hs.mariaDbExtendedCapabilities();
        if (cfg.database() != null && !cfg.database().isEmpty() && !Capability.CONNECT_WITH_DB.in(caps)) {
            throw new ConnectionException("server does not accept a database at connect (CONNECT_WITH_DB)", null);
        }
        // collation ids above 255 don't fit the handshake byte; they are set with SET NAMES after auth
        int handshakeCollation = charset.collationId() <= 255 ? charset.collationId() : MySqlCharset.forName("utf8mb4").collationId();

        TlsMode mode = cfg.tls().mode();
        boolean unix = t.isUnixSocket();
        boolean serverTls = Capability.SSL.in(server);
        if (!unix && mode != TlsMode.DISABLE) {
            if (serverTls) {
                caps |= Capability.SSL.bit();
                ByteWriter w = PacketChannel.newPayload(32);
                new SslRequest(caps, (int) cfg.maxPacketSize(), handshakeCollation, mariaCaps).encode(w);
                ch.write(w);
                ch.flush();
                t.startTls(TlsContexts.create(cfg.tls()), mode, cfg.host());
                t.setReadTimeout(deadline.remainingOrZeroForUnlimited());
            } else if (mode.required()) {
                t.close();
                throw new ConnectionException("sslMode=" + mode.optionValue() + " but server " + cfg.endpoint()
                        + " does not support TLS", 0, "08001", null);
            }
            // PREFER against a server without TLS: plain text, by definition of the mode
        }

        PublicKey rsaKey = loadRsaKey(cfg);
        String pluginName = hs.authPluginName() == null || hs.authPluginName().isEmpty()
                ? "mysql_native_password" : hs.authPluginName();
        AuthContext ctx = new AuthContext(cfg.user(), cfg.password(), hs.seed(), t.isSecure(),
                cfg.allowPublicKeyRetrieval(), rsaKey);
        AuthPlugin plugin = AuthPlugins.create(pluginName);
        byte[] authResponse = plugin.initialResponse(ctx);

        ByteWriter w = PacketChannel.newPayload(256);
        new HandshakeResponse41(caps, (int) cfg.maxPacketSize(), handshakeCollation, cfg.user(), authResponse,
                Capability.CONNECT_WITH_DB.in(caps) ? cfg.database() : null, plugin.name(), attributes(cfg), mariaCaps)
                .encode(w);
        ch.write(w);
        ch.flush();

        for (int round = 0; round < MAX_AUTH_ROUNDS; round++) {
            t.setReadTimeout(deadline.remainingOrZeroForUnlimited());
            byte[] p = ch.read();
            if (p.length == 0) {
                throw new ProtocolException("empty packet during authentication");
            }
            int tag = p[0] & 0xff;
            if (tag == 0x00) {
                OkPacket ok = OkPacket.decode(p, caps);
                return new Outcome(hs, caps, mariaCaps, ok.statusFlags(), plugin.name(), charset);
            } else if (tag == 0xff) {
                throw ErrorMapper.map(ErrPacket.decode(p));
            } else if (tag == 0xfe) {
                AuthSwitchRequest sw = AuthSwitchRequest.decode(p);
                plugin = AuthPlugins.create(sw.pluginName());
                ctx = new AuthContext(cfg.user(), cfg.password(), sw.pluginData(), t.isSecure(),
                        cfg.allowPublicKeyRetrieval(), rsaKey);
                send(ch, plugin.initialResponse(ctx));
            } else if (tag == 0x01) {
                AuthStep step = plugin.onMoreData(ctx, AuthMoreData.decode(p).data());
                if (step instanceof AuthStep.Send s) {
                    send(ch, s.payload());
                }
            } else {
                throw new ProtocolException("unexpected packet 0x" + Integer.toHexString(tag) + " during authentication");
            }
        }
        throw new ProtocolException("authentication did not finish after " + MAX_AUTH_ROUNDS + " rounds");
    }

    private static void send(PacketChannel ch, byte[] payload) {
        ByteWriter w = PacketChannel.newPayload(payload.length);
        w.bytes(payload);
        ch.write(w);
        ch.flush();
    }

    private static Map<String, String> attributes(MySqlConfig cfg) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("_client_name", "sluice");
        a.put("_client_version", "0.1.0");
        a.put("_runtime_version", Runtime.version().toString());
        a.put("_os", System.getProperty("os.name", "unknown"));
        a.put("_pid", Long.toString(ProcessHandle.current().pid()));
        a.putAll(cfg.connectionAttributes());
        return a;
    }

    private static PublicKey loadRsaKey(MySqlConfig cfg) {
        if (cfg.serverRsaPublicKeyFile() == null) {
            return null;
        }
        try {
            String pem = Files.readString(cfg.serverRsaPublicKeyFile(), StandardCharsets.US_ASCII);
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
            throw new ConfigurationException("serverRsaPublicKeyFile is not a PEM RSA public key: " + e.getMessage(), e);
        }
    }
}
