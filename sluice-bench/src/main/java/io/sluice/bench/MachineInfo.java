package io.sluice.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the report says about the machine and the JVM. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static void collect(Map<String, Object> m) {
        m.put("cpu", cpuModel().orElse(System.getProperty("os.arch")));
        m.put("cores (available to the JVM)", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memory", String.format(java.util.Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / 1073741824.0));
            m.put("load average at start", String.format(java.util.Locale.ROOT, "%.2f", os.getSystemLoadAverage()));
        }
        m.put("os", osName() + " (kernel " + System.getProperty("os.version") + ")");
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        m.put("jvm flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("gc", String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(java.lang.management.GarbageCollectorMXBean::getName).toList()));
        m.put("max heap", Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
        m.put("sluice commit", gitCommit());
    }

    /** The checkout's commit (and "+ local changes" when dirty), or "?" outside a git checkout. */
    static String gitCommit() {
        try {
            String head = NativeRun.exec(List.of("git", "rev-parse", "--short", "HEAD"), 10).trim();
            String dirty = NativeRun.exec(List.of("git", "status", "--porcelain", "--untracked-files=no"), 10).trim();
            return head + (dirty.isEmpty() ? "" : " + local changes");
        } catch (Exception | Error e) {
            return "?";
        }
    }

    static Optional<String> cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String osName() {
        try {
            for (String l : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (l.startsWith("PRETTY_NAME=")) {
                    return l.substring(12).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }
}
