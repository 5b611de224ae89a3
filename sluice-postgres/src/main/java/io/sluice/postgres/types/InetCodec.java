package io.sluice.postgres.types;

import io.sluice.core.wire.ByteWriter;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * inet and cidr &lt;-&gt; {@link PgInet}. Binary ({@code inet_send}): uint8 family (2 = IPv4,
 * 3 = IPv6: PGSQL_AF_INET and PGSQL_AF_INET+1, not the OS's AF_INET6), uint8 prefix bits, uint8
 * is_cidr, uint8 address length (4 or 16), then the address bytes. Encoding also accepts a plain
 * {@link InetAddress} (full prefix).
 */
final class InetCodec implements PgCodec {
    static final InetCodec INET = new InetCodec(false);
    static final InetCodec CIDR = new InetCodec(true);

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 3;

    private final boolean cidr;

    private InetCodec(boolean cidr) {
        this.cidr = cidr;
    }

    @Override public int oid() { return cidr ? PgTypes.CIDR : PgTypes.INET; }
    @Override public String name() { return cidr ? "cidr" : "inet"; }
    @Override public Class<?> javaType() { return PgInet.class; }

    @Override
    public Object decodeBinary(byte[] buf, int off, int len) {
        if (len < 4) {
            throw Bin.bad(name(), "binary form shorter than its 4-byte header: " + len);
        }
        int family = buf[off] & 0xff;
        int bits = buf[off + 1] & 0xff;
        int nb = buf[off + 3] & 0xff;
        int want = family == AF_INET ? 4 : family == AF_INET6 ? 16 : -1;
        if (want < 0) {
            throw Bin.bad(name(), "address family " + family);
        }
        if (nb != want || len != 4 + nb) {
            throw Bin.bad(name(), "address length " + nb + " in " + len + " bytes for family " + family);
        }
        if (bits > nb * 8) {
            throw Bin.bad(name(), "prefix /" + bits + " longer than the address");
        }
        byte[] a = new byte[nb];
        System.arraycopy(buf, off + 4, a, 0, nb);
        return new PgInet(PgInet.address(a), bits, cidr);
    }

    @Override
    public Object decodeText(byte[] buf, int off, int len) {
        String s = Bin.ascii(buf, off, Math.min(len, 64));
        PgInet v = len > 64 ? null : PgInet.parse(s, cidr);
        if (v == null) {
            throw Bin.bad(name(), "'" + s + "'");
        }
        return v;
    }

    @Override
    public boolean canEncode(Object v) {
        return v instanceof PgInet || v instanceof InetAddress;
    }

    private PgInet toInet(Object v) {
        return switch (v) {
            case PgInet i -> i;
            case InetAddress a -> PgInet.of(a);
            default -> throw Bin.cannotEncode(name(), v);
        };
    }

    @Override
    public void encodeBinary(ByteWriter w, Object v) {
        PgInet i = toInet(v);
        byte[] a = i.address().getAddress();
        w.u8(i.address() instanceof Inet4Address ? AF_INET : AF_INET6);
        w.u8(i.prefixLength());
        w.u8(cidr ? 1 : 0);
        w.u8(a.length);
        w.bytes(a);
    }

    @Override
    public String encodeText(Object v) {
        PgInet i = toInet(v);
        return new PgInet(i.address(), i.prefixLength(), cidr).toString();
    }
}
