package io.sluice.postgres.types;

import io.sluice.core.error.UsageException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A PostgreSQL inet or cidr value: an address, a prefix length (netmask bits) and whether it is a
 * cidr (network) rather than an inet (host, optionally with a netmask).
 *
 * <p>IPv6 addresses are always {@link Inet6Address}, even IPv4-mapped ones ({@code ::ffff:1.2.3.4}),
 * so the family survives a round trip. Nothing here ever resolves a host name.
 *
 * <p>{@link #toString()} prints what the server prints: {@code 10.1.2.3/8}; an inet with a full
 * prefix has no suffix ({@code 10.1.2.3}, {@code ::1}); a cidr always has one ({@code 10.0.0.0/8});
 * IPv6 in the compressed form of the server's {@code inet_net_ntop} (longest run of two or more zero
 * groups as {@code ::}, embedded IPv4 for {@code ::a.b.c.d} and {@code ::ffff:a.b.c.d}).
 */
public record PgInet(InetAddress address, int prefixLength, boolean cidr) {
    public PgInet {
        if (address == null) {
            throw new UsageException("PgInet address is required");
        }
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new UsageException("PgInet prefix length must be 0.." + max + ", was " + prefixLength);
        }
    }

    /** An inet host address with a full prefix (/32 or /128). */
    public static PgInet of(InetAddress address) {
        return new PgInet(address, address instanceof Inet4Address ? 32 : 128, false);
    }

    public int maxPrefixLength() {
        return address instanceof Inet4Address ? 32 : 128;
    }

    /**
     * Parses the server's text form ({@code 192.168.0.1/24}, {@code ::1}, {@code 2001:db8::/32}); no
     * host names. Without a {@code /bits} suffix the prefix is the full address length.
     *
     * @return null when the text is not a valid address (callers decide the exception type)
     */
    public static PgInet parse(String text, boolean cidr) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = addr.indexOf(':') >= 0 ? parseV6(addr) : parseV4(addr);
        if (bytes == null) {
            return null;
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            String b = text.substring(slash + 1);
            if (b.isEmpty() || b.length() > 3 || !b.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                return null;
            }
            bits = Integer.parseInt(b);
            if (bits > bytes.length * 8) {
                return null;
            }
        }
        return new PgInet(address(bytes), bits, cidr);
    }

    /** 4 bytes -> Inet4Address, 16 -> Inet6Address (never converted to IPv4). */
    static InetAddress address(byte[] b) {
        try {
            return b.length == 4 ? InetAddress.getByAddress(b) : Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + b.length + " bytes", e);
        }
    }

    private static byte[] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int v = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (v < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) v;
                v = -1;
            } else if (c >= '0' && c <= '9') {
                v = v < 0 ? c - '0' : v * 10 + (c - '0');
                if (v > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    private static byte[] parseV6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        int[] head = dc < 0 ? groups(s) : groups(s.substring(0, dc));
        int[] tail = dc < 0 ? new int[0] : groups(s.substring(dc + 2));
        if (head == null || tail == null) {
            return null;
        }
        int n = head.length + tail.length;
        if (dc < 0 ? n != 8 : n > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 8 - tail.length + i;
            out[2 * at] = (byte) (tail[i] >> 8);
            out[2 * at + 1] = (byte) tail[i];
        }
        return out;
    }

    /** Colon-separated hex groups; a trailing dotted quad counts as two groups. "" is no groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        if (parts.length > 8) {
            return null;
        }
        String last = parts[parts.length - 1];
        boolean v4 = last.indexOf('.') >= 0;
        int[] out = new int[parts.length + (v4 ? 1 : 0)];
        for (int i = 0; i < parts.length - (v4 ? 1 : 0); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int h = Bin.hex(p.charAt(k));
                if (h < 0) {
                    return null;
                }
                v = v << 4 | h;
            }
            out[i] = v;
        }
        if (v4) {
            byte[] q = parseV4(last);
            if (q == null) {
                return null;
            }
            out[out.length - 2] = (q[0] & 0xff) << 8 | (q[1] & 0xff);
            out[out.length - 1] = (q[2] & 0xff) << 8 | (q[3] & 0xff);
        }
        return out;
    }

    @Override
    public String toString() {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder(48);
        if (b.length == 4) {
            appendV4(sb, b, 0);
        } else {
            appendV6(sb, b);
        }
        if (cidr || prefixLength != b.length * 8) {
            sb.append('/').append(prefixLength);
        }
        return sb.toString();
    }

    private static void appendV4(StringBuilder sb, byte[] b, int at) {
        sb.append(b[at] & 0xff).append('.').append(b[at + 1] & 0xff).append('.')
                .append(b[at + 2] & 0xff).append('.').append(b[at + 3] & 0xff);
    }

    private static void appendV6(StringBuilder sb, byte[] b) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        // longest run of zero groups (the first on a tie); runs of one are not compressed
        int base = -1;
        int len = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > len) {
                base = i;
                len = j - i;
            }
            i = j;
        }
        if (len < 2) {
            base = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (base >= 0 && i >= base && i < base + len) {
                if (i == base) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && base == 0 && (len == 6 || (len == 5 && w[5] == 0xffff))) {
                appendV4(sb, b, 12);
                break;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (base >= 0 && base + len == 8) {
            sb.append(':');
        }
    }
}
