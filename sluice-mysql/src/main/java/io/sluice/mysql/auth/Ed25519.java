package io.sluice.mysql.auth;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Ed25519 signing (RFC 8032 section 5.1) over a secret of any length, which MariaDB's ed25519
 * plugin needs: it uses the password itself where RFC 8032 uses the 32-byte seed
 * (mariadb.com/kb/en/authentication-plugin-ed25519/). The JDK's EdDSA only takes 32-byte seeds,
 * hence this small implementation.
 *
 * <p>Plain BigInteger arithmetic in extended twisted-Edwards coordinates: a signature costs a few
 * milliseconds. Not constant-time; it signs once per login on the client, where the only secret is
 * the caller's own password.
 */
final class Ed25519 {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** Group order L = 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    /** d = -121665 / 121666 mod p. */
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    /** Base point B from RFC 8032 section 5.1. */
    private static final Point B = affine(
            new BigInteger("15112221349535400772501151409588531511454012693041857206046113283949847762202"),
            new BigInteger("46316835694926478169428394003475163141307993866256225615783033603165251855960"));
    private static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);

    /** A point (X:Y:Z:T) with x = X/Z, y = Y/Z, x*y = T/Z. */
    private record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
    }

    private Ed25519() {
    }

    /** The 32-byte public key A for {@code secret} (hashed with SHA-512 and clamped). */
    static byte[] publicKey(byte[] secret) {
        byte[] h = Scrambles.sha512(secret);
        try {
            return encode(mul(clampedScalar(h), B));
        } finally {
            Arrays.fill(h, (byte) 0);
        }
    }

    /** The 64-byte signature R || S of {@code message} under {@code secret}. */
    static byte[] sign(byte[] secret, byte[] message) {
        byte[] h = Scrambles.sha512(secret);
        try {
            BigInteger a = clampedScalar(h);
            byte[] publicKey = encode(mul(a, B));
            byte[] prefix = Arrays.copyOfRange(h, 32, 64);
            BigInteger r = littleEndian(Scrambles.sha512(prefix, message)).mod(L);
            byte[] rEncoded = encode(mul(r, B));
            BigInteger k = littleEndian(Scrambles.sha512(rEncoded, publicKey, message)).mod(L);
            BigInteger s = r.add(k.multiply(a)).mod(L);
            byte[] sig = Arrays.copyOf(rEncoded, 64);
            System.arraycopy(toLittleEndian32(s), 0, sig, 32, 32);
            return sig;
        } finally {
            Arrays.fill(h, (byte) 0);
        }
    }

    /** RFC 8032 5.1.5: first half of the hash, low 3 bits and bit 255 cleared, bit 254 set. */
    private static BigInteger clampedScalar(byte[] h) {
        byte[] a = Arrays.copyOf(h, 32);
        a[0] &= (byte) 248;
        a[31] &= 127;
        a[31] |= 64;
        BigInteger v = littleEndian(a);
        Arrays.fill(a, (byte) 0);
        return v;
    }

    private static Point affine(BigInteger x, BigInteger y) {
        return new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
    }

    /** RFC 8032 5.1.4 addition (complete for the Ed25519 curve, so it also doubles). */
    private static Point add(Point p, Point q) {
        BigInteger a = p.y.subtract(p.x).multiply(q.y.subtract(q.x)).mod(P);
        BigInteger b = p.y.add(p.x).multiply(q.y.add(q.x)).mod(P);
        BigInteger c = p.t.multiply(D2).multiply(q.t).mod(P);
        BigInteger d = p.z.shiftLeft(1).multiply(q.z).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    private static Point mul(BigInteger scalar, Point p) {
        Point acc = IDENTITY;
        for (int i = scalar.bitLength() - 1; i >= 0; i--) {
            acc = add(acc, acc);
            if (scalar.testBit(i)) {
                acc = add(acc, p);
            }
        }
        return acc;
    }

    /** RFC 8032 5.1.2: y little-endian with the low bit of x in bit 255. */
    private static byte[] encode(Point p) {
        BigInteger zInv = p.z.modInverse(P);
        BigInteger x = p.x.multiply(zInv).mod(P);
        BigInteger y = p.y.multiply(zInv).mod(P);
        byte[] out = toLittleEndian32(y);
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    static BigInteger littleEndian(byte[] b) {
        byte[] be = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            be[i] = b[b.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static byte[] toLittleEndian32(BigInteger v) {
        byte[] be = v.toByteArray(); // may carry a leading 0x00 sign byte
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }
}
