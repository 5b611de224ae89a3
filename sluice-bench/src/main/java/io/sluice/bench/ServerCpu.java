package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time of the database server, read from {@code /proc/<pid>/stat} of every process named like
 * the server ({@code mariadbd}/{@code mysqld}, or all {@code postgres} processes: postmaster,
 * backends, background workers). It tells whether a slow cell was bound by the server rather than
 * the client. Only possible when the server runs on this machine and its processes are visible;
 * otherwise the probe is {@link Absent} and every figure is NaN.
 *
 * <p>Each process counts utime + stime + cutime + cstime: a PostgreSQL backend that exits during
 * the window (pgbench closes its connections before it returns) is reaped by the postmaster, whose
 * cutime/cstime then carry the backend's whole CPU time. Summing over every pid of each snapshot
 * and taking the difference therefore keeps that CPU: pids in both snapshots count their delta, new
 * pids count from 0, and a vanished pid's earlier CPU is subtracted because its parent now holds it.
 * The server's other clients (other jobs on this machine) are counted too.
 */
public sealed interface ServerCpu {

    /** Clock ticks are USER_HZ, which Linux fixes at 100 on every architecture it exports to user space. */
    long NANOS_PER_TICK = 10_000_000L;

    /** How busy the server is with no bench traffic: its CPU share over {@code d} of sleep (NaN if absent). */
    default double idleShare(java.time.Duration d) throws InterruptedException {
        Window w = start();
        Thread.sleep(d);
        return w.stop().share();
    }

    /** CPU ticks per pid at one instant. */
    record Snapshot(long nanoTime, Map<Integer, Long> ticks) {
        long total() {
            return ticks.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Server CPU over a window: {@code share} = CPU time / wall time (1.0 = one core busy). */
    record Usage(double cpuNanos, double wallNanos) {
        public static final Usage NONE = new Usage(Double.NaN, Double.NaN);

        public double share() {
            return cpuNanos / wallNanos;
        }

        /**
         * Puts {@code server_cpu_<perKey>} (CPU per {@code count} items, in {@code unitNanos}), the
         * share, and the number of clock ticks behind them (the report marks figures from few ticks).
         */
        public void putInto(Map<String, Object> extra, String perKey, double unitNanos, long count) {
            extra.put("server_cpu_" + perKey, count <= 0 ? Double.NaN : cpuNanos / unitNanos / count);
            extra.put("server_cpu_share", share());
            extra.put("server_cpu_ticks", Math.round(cpuNanos / NANOS_PER_TICK));
        }
    }

    /** An open measurement window; {@link #stop()} closes it. */
    record Window(ServerCpu probe, Snapshot before) {
        public Usage stop() {
            Snapshot after = probe.snapshot();
            if (before == null || after == null) {
                return Usage.NONE;
            }
            long ticks = Math.max(0, after.total() - before.total());
            return new Usage((double) ticks * NANOS_PER_TICK, after.nanoTime() - before.nanoTime());
        }
    }

    /** The server's processes are on this machine. */
    record Local(Db db, Set<String> names, int processes) implements ServerCpu {
        @Override
        public Snapshot snapshot() {
            return scan(Path.of("/proc"), names);
        }

        @Override
        public String describe() {
            return db.label() + " server CPU: summed over every process named " + String.join("/", names)
                    + " on this machine (" + processes + " at the start), in 10 ms clock ticks; any other client's work "
                    + "on that server counts too, and background work the server defers past a window does not";
        }
    }

    /** Not measurable; {@code reason} goes into the report. */
    record Absent(Db db, String reason) implements ServerCpu {
        @Override
        public Snapshot snapshot() {
            return null;
        }

        @Override
        public String describe() {
            return db.label() + " server CPU not measured: " + reason;
        }
    }

    /** The CPU ticks of the server's processes now, or null when not measurable. */
    Snapshot snapshot();

    /** One line for the report's notes. */
    String describe();

    default Window start() {
        return new Window(this, snapshot());
    }

    /** A probe for {@code db} at {@code s}: {@link Local} when it runs here and its processes are visible. */
    static ServerCpu probe(Db db, Servers.Server s) {
        Set<String> names = db == Db.MYSQL ? Set.of("mariadbd", "mysqld") : Set.of("postgres");
        if (!isLoopback(s.host())) {
            return new Absent(db, "the server at " + s.host() + " is not on this machine");
        }
        Snapshot snap = scan(Path.of("/proc"), names);
        if (snap == null || snap.ticks().isEmpty()) {
            return new Absent(db, "no process named " + String.join("/", names) + " is visible in /proc "
                    + "(server in a container or another PID namespace?)");
        }
        return new Local(db, names, snap.ticks().size());
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1");
    }

    /** Reads every numeric entry of {@code proc}; null when the directory cannot be listed (not Linux). */
    static Snapshot scan(Path proc, Set<String> names) {
        Map<Integer, Long> ticks = new HashMap<>();
        List<Path> pids;
        try (Stream<Path> dirs = Files.list(proc)) {
            pids = dirs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        } catch (IOException | java.io.UncheckedIOException e) { // Files.list reports late errors unchecked
            return null;
        }
        for (Path dir : pids) {
            String stat;
            try {
                stat = Files.readString(dir.resolve("stat"));
            } catch (IOException | RuntimeException gone) {
                continue; // the process exited between the listing and the read
            }
            Stat s = Stat.parse(stat);
            if (s != null && names.contains(s.comm())) {
                ticks.put(s.pid(), s.ticks());
            }
        }
        return new Snapshot(System.nanoTime(), ticks);
    }

    /** The fields of one {@code /proc/<pid>/stat} line that matter here. */
    record Stat(int pid, String comm, long ticks) {
        /**
         * Parses {@code pid (comm) state ...}: comm may itself contain spaces and parentheses, so it
         * ends at the LAST ')'. Fields 14-17 (1-based) are utime, stime, cutime, cstime.
         */
        static Stat parse(String line) {
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (open <= 0 || close < open) {
                return null;
            }
            String[] rest = line.substring(close + 1).trim().split(" ");
            if (rest.length < 15) {
                return null;
            }
            try {
                int pid = Integer.parseInt(line.substring(0, open).trim());
                // rest[0] is field 3 (state), so field n is rest[n - 3]
                long t = Long.parseLong(rest[11]) + Long.parseLong(rest[12]) + Long.parseLong(rest[13])
                        + Long.parseLong(rest[14]);
                return new Stat(pid, line.substring(open + 1, close), t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
