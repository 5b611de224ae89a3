package io.sluice.bench;

import java.lang.management.ManagementFactory;

/** Process-wide clocks: CPU time of this JVM (all threads, GC and JIT included) and bytes allocated. */
public final class Cpu {
    private Cpu() {
    }

    /** CPU time this process has used, in nanoseconds (-1 when the JVM cannot say). */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Bytes allocated on the heap by all threads so far (JDK 21+), -1 when unsupported. */
    public static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
            return t.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    /** A full GC and a short pause, so one cell's garbage is not collected during the next one. */
    public static void settle() {
        System.gc();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
