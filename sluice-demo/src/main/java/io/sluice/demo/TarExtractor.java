package io.sluice.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A minimal tar reader (POSIX ustar, GNU long names, pax path/linkpath records) that unpacks an
 * archive into a directory keeping exec permissions, symlinks and hard links. Enough for the
 * PostgreSQL binaries archive; not a general tar implementation (no sparse files, devices, owners).
 *
 * <p>Every entry must land inside the target directory: absolute names and {@code ..} components
 * are refused, and files are created with CREATE_NEW / NOFOLLOW_LINKS so an earlier symlink entry
 * cannot redirect a later write outside it. Header sizes are bounded before anything is allocated.
 */
final class TarExtractor {
    private static final int BLOCK = 512;
    /** Longest GNU long name / pax header accepted (they are held in memory). */
    private static final int MAX_META = 64 * 1024;
    /** Largest single file accepted; the PostgreSQL archive's biggest is ~30 MB. */
    private static final long MAX_FILE = 1L << 30;

    private final Path target;
    private final InputStream in;
    private final BooleanSupplier cancelled;
    private final byte[] header = new byte[BLOCK];
    private final List<Path> dirs = new ArrayList<>();
    private final List<Integer> dirModes = new ArrayList<>();
    private long files;

    private TarExtractor(InputStream in, Path target, BooleanSupplier cancelled) {
        this.in = in;
        this.cancelled = cancelled;
        this.target = target.toAbsolutePath().normalize();
    }

    /** Unpacks {@code tar} into {@code target} (which must exist); returns the number of regular files. */
    static long extract(InputStream tar, Path target) throws IOException {
        return extract(tar, target, () -> false);
    }

    /** As {@link #extract(InputStream, Path)}, stopping with an IOException once {@code cancelled} says so. */
    static long extract(InputStream tar, Path target, BooleanSupplier cancelled) throws IOException {
        TarExtractor x = new TarExtractor(tar, target, cancelled);
        x.run();
        return x.files;
    }

    private void run() throws IOException {
        String longName = null;
        String longLink = null;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new IOException("cancelled");
            }
            if (!readBlock(header)) {
                throw new IOException("tar archive truncated: no end-of-archive marker");
            }
            if (isZero(header)) {
                break; // end of archive (two zero blocks; the second need not be read)
            }
            verifyChecksum();
            char type = (char) (header[156] & 0xFF);
            long size = octal(124, 12, "size");
            String name = longName != null ? longName : entryName();
            String link = longLink != null ? longLink : string(157, 100);
            longName = null;
            longLink = null;
            switch (type) {
                case 'L' -> longName = trimNul(readMeta(size));
                case 'K' -> longLink = trimNul(readMeta(size));
                case 'x' -> {
                    PaxRecords pax = PaxRecords.parse(readMeta(size));
                    longName = pax.path();
                    longLink = pax.linkpath();
                }
                case 'g' -> skip(size); // global pax header: nothing in it matters here
                case '5' -> directory(name, mode());
                case '2' -> symlink(name, link);
                case '1' -> hardLink(name, link);
                case '0', '\0', '7' -> file(name, size, mode());
                default -> throw new IOException("tar entry '" + name + "' has unsupported type '" + type + "'");
            }
        }
        // directory modes last: a read-only directory must still receive its children first
        for (int i = dirs.size() - 1; i >= 0; i--) {
            Files.setPosixFilePermissions(dirs.get(i), permissions(dirModes.get(i)));
        }
    }

    private void directory(String name, int mode) throws IOException {
        Path p = resolve(name);
        Files.createDirectories(p);
        dirs.add(p);
        dirModes.add(mode | 0700);
    }

    private void symlink(String name, String link) throws IOException {
        Path p = resolve(name);
        Path linkTarget = Path.of(link);
        // a relative link must still point inside the tree (absolute ones are refused outright)
        if (linkTarget.isAbsolute() || !p.getParent().resolve(linkTarget).normalize().startsWith(target)) {
            throw new IOException("tar symlink '" + name + "' points outside the archive: " + link);
        }
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, linkTarget);
    }

    private void hardLink(String name, String link) throws IOException {
        Path p = resolve(name);
        Path existing = resolve(link);
        Files.createDirectories(p.getParent());
        try {
            Files.createLink(p, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, p, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void file(String name, long size, int mode) throws IOException {
        if (size > MAX_FILE) {
            throw new IOException("tar entry '" + name + "' is " + size + " bytes, over the " + MAX_FILE + " limit");
        }
        Path p = resolve(name);
        Files.createDirectories(p.getParent());
        try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[64 * 1024];
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new IOException("tar archive truncated inside '" + name + "'");
                }
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("tar archive holds '" + name + "' twice", e);
        }
        skipPadding(size);
        Files.setPosixFilePermissions(p, permissions(mode));
        files++;
    }

    private Path resolve(String name) throws IOException {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        if (n.isEmpty() || n.startsWith("/")) {
            throw new IOException("tar entry with an empty or absolute name: '" + name + "'");
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new IOException("tar entry escapes the target directory: '" + name + "'");
            }
        }
        Path p = target.resolve(n).normalize();
        if (!p.startsWith(target) || p.equals(target)) {
            throw new IOException("tar entry escapes the target directory: '" + name + "'");
        }
        return p;
    }

    // ------------------------------------------------------------------ header fields

    /** POSIX ustar splits long names into prefix (345..500) + name; GNU tar uses that area for times. */
    private String entryName() {
        String name = string(0, 100);
        boolean posix = header[257] == 'u' && header[262] == 0; // "ustar\0", GNU has "ustar  \0"
        if (posix && header[345] != 0) {
            return string(345, 155) + "/" + name;
        }
        return name;
    }

    private int mode() throws IOException {
        return (int) (octal(100, 8, "mode") & 07777);
    }

    private String string(int off, int len) {
        int end = off;
        while (end < off + len && header[end] != 0) {
            end++;
        }
        return new String(header, off, end - off, StandardCharsets.UTF_8);
    }

    private long octal(int off, int len, String field) throws IOException {
        if ((header[off] & 0x80) != 0) { // GNU base-256 for big values: only sizes could need it
            long v = header[off] & 0x7F;
            for (int i = off + 1; i < off + len; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    throw new IOException("tar " + field + " field overflows");
                }
                v = (v << 8) | (header[i] & 0xFF);
            }
            return v;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = header[i] & 0xFF;
            if (c == 0 || c == ' ') {
                if (v != 0 || i > off && (header[i - 1] & 0xFF) >= '0') {
                    break; // trailing terminator
                }
                continue; // leading padding
            }
            if (c < '0' || c > '7') {
                throw new IOException("tar " + field + " field is not octal");
            }
            if (v > (Long.MAX_VALUE >> 3)) {
                throw new IOException("tar " + field + " field overflows");
            }
            v = (v << 3) | (c - '0');
        }
        return v;
    }

    private void verifyChecksum() throws IOException {
        long stored = octal(148, 8, "checksum");
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xFF);
        }
        if (sum != stored) {
            throw new IOException("tar header checksum mismatch (corrupt archive)");
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                s.add(order[bit]);
            }
        }
        return s;
    }

    // ------------------------------------------------------------------ stream

    private byte[] readMeta(long size) throws IOException {
        if (size < 0 || size > MAX_META) {
            throw new IOException("tar metadata entry of " + size + " bytes (limit " + MAX_META + ")");
        }
        byte[] b = in.readNBytes((int) size);
        if (b.length != size) {
            throw new IOException("tar archive truncated in a metadata entry");
        }
        skipPadding(size);
        return b;
    }

    private void skip(long size) throws IOException {
        try {
            in.skipNBytes(size + pad(size));
        } catch (java.io.EOFException e) {
            throw new IOException("tar archive truncated", e);
        }
    }

    private void skipPadding(long size) throws IOException {
        skip0(pad(size));
    }

    private void skip0(long n) throws IOException {
        if (n > 0 && in.readNBytes((int) n).length != n) {
            throw new IOException("tar archive truncated");
        }
    }

    private static long pad(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private boolean readBlock(byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n != BLOCK) {
            throw new IOException("tar archive truncated in a header");
        }
        return true;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String trimNul(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
