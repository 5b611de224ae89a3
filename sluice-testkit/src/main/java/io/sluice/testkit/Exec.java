package io.sluice.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Runs external commands (server binaries, CLI clients, openssl) and answers questions about the
 * operating system (are we root, where is a binary, install it with apt). Package-private plumbing
 * for the public testkit classes.
 */
final class Exec {

    private static final System.Logger LOG = System.getLogger(Exec.class.getName());
    private static final ReentrantLock INSTALL_LOCK = new ReentrantLock();
    private static volatile Boolean root;

    private Exec() {}

    /** Outcome of a finished command. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** Throws with the command, exit code and both outputs when the command failed. */
        Result orThrow(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " failed (exit " + exitCode + "): "
                        + String.join(" ", command) + "\n--- stdout ---\n" + tailOf(stdout, 40)
                        + "\n--- stderr ---\n" + tailOf(stderr, 40));
            }
            return this;
        }
    }

    static Result run(List<String> command, Duration timeout) {
        return run(command, null, Map.of(), null, timeout);
    }

    /**
     * Runs a command to completion. stdout and stderr are drained on virtual threads so a chatty
     * process can never block on a full pipe. On timeout the process tree is killed.
     */
    static Result run(List<String> command, String stdin, Map<String, String> env, Path workDir,
                      Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        Future<String> out = drain(p.getInputStream());
        Future<String> err = drain(p.getErrorStream());
        try (OutputStream os = p.getOutputStream()) {
            if (stdin != null) {
                os.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process may exit without reading its input; its exit code tells the story
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p.toHandle(), Duration.ZERO);
                throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", command));
            }
            return new Result(List.copyOf(command), p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            killTree(p.toHandle(), Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading output of " + String.join(" ", command), e.getCause());
        }
    }

    private static Future<String> drain(InputStream in) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        // A platform thread: a caller on a virtual thread inside a class initializer (a test's lazily
        // prepared database, first touched by many virtual threads at once) is pinned to its carrier,
        // and with every carrier pinned that way a virtual drain thread never ran: the process
        // finished, its output was never read, and the test hung.
        Thread t = new Thread(task, "sluice-exec-drain");
        t.setDaemon(true);
        t.start();
        return task;
    }

    /**
     * Stops a process: SIGTERM to it, wait up to {@code grace}, then SIGKILL to it and every
     * descendant that is still alive (a server that forked helpers must not leave orphans).
     */
    static void killTree(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> descendants = handle.descendants().toList();
        if (handle.isAlive()) {
            handle.destroy();
            try {
                handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.TimeoutException ignored) {
                // fall through to SIGKILL
            }
        }
        if (handle.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "process " + handle.pid() + " ignored SIGTERM; killing it");
            handle.destroyForcibly();
        }
        for (ProcessHandle d : descendants) {
            if (d.isAlive()) {
                d.destroyForcibly();
            }
        }
    }

    /** True when this JVM runs with effective uid 0 (read from /proc/self/status, else `id -u`). */
    static boolean isRoot() {
        Boolean r = root;
        if (r == null) {
            r = detectRoot();
            root = r;
        }
        return r;
    }

    private static boolean detectRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).trim().split("\\s+");
                    return f.length > 1 && f[1].equals("0");
                }
            }
        } catch (IOException ignored) {
            // not Linux; ask id
        }
        try {
            return run(List.of("id", "-u"), Duration.ofSeconds(10)).stdout().trim().equals("0");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Finds an executable: first each explicit candidate path, then each name on PATH. */
    static Optional<Path> find(List<String> candidates) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        for (String c : candidates) {
            if (c.contains("/")) {
                Path p = Path.of(c);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
                continue;
            }
            for (String d : dirs) {
                if (d.isEmpty()) {
                    continue;
                }
                Path p = Path.of(d, c);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Highest-versioned PostgreSQL bin directory under /usr/lib/postgresql (Debian layout). */
    static Optional<Path> postgresBinDir() {
        String override = System.getenv("SLUICE_TEST_PG_BIN");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override));
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> s = Files.list(base)) {
                Optional<Path> best = s.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .filter(p -> Files.isExecutable(p.resolve("bin/postgres")))
                        .max(Comparator.comparingDouble(p -> Double.parseDouble(p.getFileName().toString())));
                if (best.isPresent()) {
                    return Optional.of(best.get().resolve("bin"));
                }
            } catch (IOException ignored) {
                // fall through to PATH lookup
            }
        }
        return find(List.of("initdb")).map(Path::getParent);
    }

    /**
     * Returns the binary, installing {@code aptPackage} first when it is missing and we are root.
     * Otherwise fails with a message that says exactly what to install or which env vars to set.
     */
    static Path require(List<String> candidates, String aptPackage, String envHint) {
        Optional<Path> found = find(candidates);
        if (found.isPresent()) {
            return found.get();
        }
        String name = Path.of(candidates.get(candidates.size() - 1)).getFileName().toString();
        aptInstall(aptPackage, name, envHint);
        return find(candidates).orElseThrow(() -> missing(name, aptPackage, envHint,
                "still missing after apt-get install " + aptPackage));
    }

    /** Installs a Debian package when running as root; otherwise throws a precise instruction. */
    static void aptInstall(String aptPackage, String binary, String envHint) {
        if (!isRoot()) {
            throw missing(binary, aptPackage, envHint, "not running as root, so it was not installed automatically");
        }
        INSTALL_LOCK.lock();
        try {
            LOG.log(System.Logger.Level.INFO, binary + " is missing; installing " + aptPackage + " with apt-get");
            Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
            Duration t = Duration.ofMinutes(15);
            run(List.of("apt-get", "update"), null, env, null, t).orThrow("apt-get update");
            run(List.of("apt-get", "install", "-y", aptPackage), null, env, null, t)
                    .orThrow("apt-get install -y " + aptPackage);
        } finally {
            INSTALL_LOCK.unlock();
        }
    }

    private static IllegalStateException missing(String binary, String pkg, String envHint, String why) {
        return new IllegalStateException("The Sluice tests need `" + binary + "` (Debian package " + pkg
                + ") but it was not found (" + why + "). Install the servers with: "
                + "sudo apt-get install mariadb-server postgresql   -- or point the tests at running servers with "
                + envHint);
    }

    /** chown -R user:user-group path (only meaningful when running as root). */
    static void chownRecursive(Path path, String user) {
        run(List.of("chown", "-R", user + ":", path.toString()), Duration.ofSeconds(60)).orThrow("chown");
    }

    /** Command prefix that runs the rest of the command as {@code user} without an extra live process. */
    static List<String> asUser(String user) {
        // setpriv execs the target directly, so the Process we hold IS the server (clean signals);
        // runuser keeps a parent process around and is only the fallback.
        Optional<Path> setpriv = find(List.of("setpriv"));
        if (setpriv.isPresent()) {
            return List.of(setpriv.get().toString(), "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
        }
        return List.of(find(List.of("runuser")).map(Path::toString).orElse("runuser"), "-u", user, "--");
    }

    /** Last {@code lines} lines of a log file, or a note that it is unreadable. */
    static String tail(Path file, int lines) {
        try {
            // lenient decoding: a log with stray bytes must still be shown, not hidden by a charset error
            return tailOf(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), lines);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String tailOf(String text, int lines) {
        String[] all = text.split("\n", -1);
        int from = Math.max(0, all.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }
}
