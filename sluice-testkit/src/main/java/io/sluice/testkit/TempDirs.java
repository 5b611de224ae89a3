package io.sluice.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temp directories for throwaway servers, plus a reaper for the leftovers of a JVM that died
 * without running its shutdown hook (SIGKILL, a crashed surefire fork): each directory carries an
 * {@value #OWNER_FILE} file with the owning JVM's pid, so a later run can tell stale from live.
 */
final class TempDirs {

    static final String OWNER_FILE = "sluice-owner.pid";
    private static final System.Logger LOG = System.getLogger(TempDirs.class.getName());
    private static final Set<String> REAPED = ConcurrentHashMap.newKeySet();

    private TempDirs() {}

    /** Base directory: /tmp when it exists (short unix socket paths, traversable by service users). */
    static Path base() {
        Path tmp = Path.of("/tmp");
        return Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Creates {@code <base>/<prefix>XXXX} with mode 0755 and the owner marker. */
    static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(base(), prefix);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system: nothing to adjust
            }
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.US_ASCII);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temp directory under " + base() + ": " + e, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort; a leftover file in /tmp is not worth failing a test run
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + dir + ": " + e);
        }
    }

    /**
     * Once per prefix and JVM: removes directories {@code <base>/<prefix>*} whose owning JVM is
     * gone, first killing the server whose pid file lies inside (only when that process's command
     * line names the directory, so an unrelated process that reused the pid is never touched).
     */
    static void reapStale(String prefix, String... pidFiles) {
        if (!REAPED.add(prefix)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base(), prefix + "*")) {
            for (Path dir : ds) {
                Optional<Long> owner = readPid(dir.resolve(OWNER_FILE));
                if (owner.isEmpty() || ProcessHandle.of(owner.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                for (String pf : pidFiles) {
                    readPid(dir.resolve(pf)).flatMap(ProcessHandle::of).ifPresent(h -> {
                        String cmd = h.info().commandLine().orElse("");
                        if (h.isAlive() && cmd.contains(dir.toString())) {
                            LOG.log(System.Logger.Level.INFO, "killing stale test server " + h.pid() + " in " + dir);
                            Exec.killTree(h, java.time.Duration.ofSeconds(5));
                        }
                    });
                }
                deleteRecursively(dir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stale temp dir scan failed: " + e);
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            String first = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\s+")[0];
            return Optional.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
