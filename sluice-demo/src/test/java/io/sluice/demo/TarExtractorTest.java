package io.sluice.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives built by hand from the ustar layout (POSIX.1-1988 / GNU tar manual "Basic Tar Format":
 * name 0-99, mode 100-107, size 124-135, chksum 148-155, typeflag 156, linkname 157-256,
 * magic 257-262), plus archives written by the system's GNU tar in gnu and pax formats.
 */
class TarExtractorTest {
    @TempDir
    Path dir;

    @Test
    void filesDirectoriesSymlinksAndModes() throws IOException {
        Tar t = new Tar();
        t.entry("bin/", '5', 0755, new byte[0], "");
        t.entry("bin/initdb", '0', 0755, "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII), "");
        t.entry("lib/libx.so.1.2", '0', 0644, new byte[700], ""); // 700 bytes: one block + padding
        t.entry("lib/libx.so", '2', 0777, new byte[0], "libx.so.1.2");
        t.entry("share/a.txt", '0', 0600, "hello".getBytes(StandardCharsets.US_ASCII), "");
        t.entry("share/b.txt", '1', 0600, new byte[0], "share/a.txt");
        assertEquals(3, TarExtractor.extract(t.finish(), dir));
        assertEquals("#!/bin/sh\n", Files.readString(dir.resolve("bin/initdb")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bin/initdb"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("share/a.txt"))));
        assertEquals(700, Files.size(dir.resolve("lib/libx.so.1.2")));
        assertTrue(Files.isSymbolicLink(dir.resolve("lib/libx.so")));
        assertEquals(Path.of("libx.so.1.2"), Files.readSymbolicLink(dir.resolve("lib/libx.so")));
        assertEquals("hello", Files.readString(dir.resolve("share/b.txt")));
    }

    @Test
    void gnuLongNames() throws IOException {
        String longName = "share/" + "d".repeat(120) + "/file.txt";
        Tar t = new Tar();
        byte[] name = (longName + "\0").getBytes(StandardCharsets.US_ASCII);
        t.entry("././@LongLink", 'L', 0644, name, "");
        t.entry(longName.substring(0, 99), '0', 0644, "x".getBytes(StandardCharsets.US_ASCII), "");
        TarExtractor.extract(t.finish(), dir);
        assertEquals("x", Files.readString(dir.resolve(longName)));
    }

    @Test
    void paxPathRecord() throws IOException {
        String longName = "p/" + "e".repeat(150);
        String rec = "path=" + longName + "\n";
        int len = rec.length() + 4; // "NNN " prefix: the length counts its own digits and the space
        String pax = len + " " + rec;
        assertEquals(len, pax.length());
        Tar t = new Tar();
        t.entry("PaxHeaders/x", 'x', 0644, pax.getBytes(StandardCharsets.US_ASCII), "");
        t.entry("short", '0', 0644, "y".getBytes(StandardCharsets.US_ASCII), "");
        TarExtractor.extract(t.finish(), dir);
        assertEquals("y", Files.readString(dir.resolve(longName)));
        assertFalse(Files.exists(dir.resolve("short")));
    }

    @Test
    void refusesEntriesOutsideTheTarget() {
        for (String bad : List.of("../evil", "a/../../evil", "/etc/evil")) {
            Tar t = new Tar();
            t.entry(bad, '0', 0644, new byte[1], "");
            IOException e = assertThrows(IOException.class, () -> TarExtractor.extract(t.finish(), dir.resolve("t")));
            assertTrue(e.getMessage().contains("escapes") || e.getMessage().contains("absolute"), e.getMessage());
        }
        Tar t = new Tar();
        t.entry("lib/out", '2', 0777, new byte[0], "../../outside");
        IOException e = assertThrows(IOException.class, () -> TarExtractor.extract(t.finish(), dir));
        assertTrue(e.getMessage().contains("points outside"), e.getMessage());
        Tar abs = new Tar();
        abs.entry("lib/abs", '2', 0777, new byte[0], "/etc/passwd");
        assertThrows(IOException.class, () -> TarExtractor.extract(abs.finish(), dir));
    }

    @Test
    void corruptAndTruncatedArchives() {
        Tar t = new Tar();
        t.entry("f", '0', 0644, new byte[2000], "");
        byte[] good = t.finishBytes();
        byte[] badSum = good.clone();
        badSum[0] = 'g'; // name changed, checksum not
        IOException e = assertThrows(IOException.class, () -> TarExtractor.extract(new ByteArrayInputStream(badSum), dir));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(good, 512 + 1000);
        e = assertThrows(IOException.class, () -> TarExtractor.extract(new ByteArrayInputStream(cut), dir.resolve("c")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        byte[] noEnd = java.util.Arrays.copyOf(good, 512 + 2048);
        e = assertThrows(IOException.class, () -> TarExtractor.extract(new ByteArrayInputStream(noEnd), dir.resolve("d")));
        assertTrue(e.getMessage().contains("end-of-archive"), e.getMessage());
    }

    @Test
    void hugeMetadataIsRefusedBeforeAllocating() {
        Tar t = new Tar();
        t.header("././@LongLink", 'L', 0644, 1L << 33, ""); // 8 GiB long name, no body
        IOException e = assertThrows(IOException.class, () -> TarExtractor.extract(t.finish(), dir));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    @Test
    void unpacksWhatGnuTarWritesInGnuAndPaxFormats() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                "GNU tar not installed");
        Path src = Files.createDirectories(dir.resolve("src"));
        String deep = "d".repeat(60) + "/" + "e".repeat(60) + "/" + "f".repeat(60);
        Files.createDirectories(src.resolve("pkg/" + deep));
        Files.writeString(src.resolve("pkg/" + deep + "/long-named-file.txt"), "deep");
        Path exe = Files.writeString(src.resolve("pkg/run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(src.resolve("pkg/link"), Path.of("run.sh"));
        for (String format : List.of("gnu", "pax", "ustar")) {
            Path archive = dir.resolve(format + ".tar");
            List<String> cmd = format.equals("ustar")
                    ? List.of("tar", "--format=ustar", "-cf", archive.toString(), "-C", src.toString(), "pkg/run.sh",
                            "pkg/link")
                    : List.of("tar", "--format=" + format, "-cf", archive.toString(), "-C", src.toString(), "pkg");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            Path target = Files.createDirectories(dir.resolve("out-" + format));
            try (InputStream in = Files.newInputStream(archive)) {
                TarExtractor.extract(in, target);
            }
            if (!format.equals("ustar")) {
                assertEquals("deep", Files.readString(target.resolve("pkg/" + deep + "/long-named-file.txt")), format);
            }
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    target.resolve("pkg/run.sh"), LinkOption.NOFOLLOW_LINKS)), format);
            assertEquals(Path.of("run.sh"), Files.readSymbolicLink(target.resolve("pkg/link")), format);
        }
    }

    @Test
    void paxRecordsParse() throws IOException {
        PaxRecords r = PaxRecords.parse("12 path=a/b\n17 linkpath=../c\n13 mtime=1.5\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("a/b", r.path());
        assertEquals("../c", r.linkpath());
        assertThrows(IOException.class, () -> PaxRecords.parse("99 path=a\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> PaxRecords.parse("10 path=ab!".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> PaxRecords.parse("x".getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes ustar headers field by field (octal numbers NUL-terminated, checksum over the header with spaces). */
    private static final class Tar {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void entry(String name, char type, int mode, byte[] body, String link) {
            header(name, type, mode, body.length, link);
            out.writeBytes(body);
            out.writeBytes(new byte[(512 - body.length % 512) % 512]);
        }

        void header(String name, char type, int mode, long size, String link) {
            byte[] h = new byte[512];
            put(h, 0, name);
            put(h, 100, String.format("%07o", mode));
            put(h, 108, "0000000");
            put(h, 116, "0000000");
            put(h, 124, String.format("%011o", size));
            put(h, 136, "14655374561");
            h[156] = (byte) type;
            put(h, 157, link);
            put(h, 257, "ustar");
            put(h, 263, "00");
            int sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
            }
            put(h, 148, String.format("%06o", sum));
            h[155] = ' ';
            out.writeBytes(h);
        }

        private static void put(byte[] h, int off, String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, h, off, b.length);
        }

        byte[] finishBytes() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        InputStream finish() {
            return new ByteArrayInputStream(finishBytes());
        }
    }
}
