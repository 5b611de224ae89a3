package io.sluice.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Launch / wait-until-ready / stop for a throwaway server process. */
final class ServerProcess {

    private ServerProcess() {}

    /** Starts {@code cmd} with stdout+stderr appended to {@code outputLog} (never a pipe that can fill). */
    static Process launch(List<String> cmd, Path workDir, Path outputLog) {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputLog.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Polls {@code ready} every 100 ms until it holds. Fails fast when the process exits, or after
     * {@code timeout}; the failure message carries {@code diagnostics} (the server log's tail).
     * On failure the process is killed, so a half-started server never outlives the error.
     */
    static void awaitReady(Process p, BooleanSupplier ready, Duration timeout, String what,
                           Supplier<String> diagnostics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ready.getAsBoolean()) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + p.exitValue()
                        + " before accepting connections.\n" + diagnostics.get());
            }
            if (System.nanoTime() > deadline) {
                Exec.killTree(p.toHandle(), Duration.ofSeconds(5));
                throw new IllegalStateException(what + " did not accept connections within " + timeout
                        + ".\n" + diagnostics.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Exec.killTree(p.toHandle(), Duration.ZERO);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
