package io.sluice.bench;

import io.sluice.bench.report.Markdown;
import java.util.Locale;

/**
 * One factual line, derived from the server-CPU figures of a missed goal's cells, saying that the
 * database server rather than the client is the likely bound, or that the target would take more
 * CPU than the server (or machine) has at the measured cost. Empty when the numbers do not show it
 * (or were not measured).
 */
public final class ServerBound {
    /** Share of the available server cores from which the server counts as saturated. */
    public static final double SATURATED = 0.85;
    /** Server CPU counted from fewer 10 ms clock ticks than this is too coarse (+-5% or worse) to claim a bound. */
    public static final int COARSE_TICKS = 20;

    private ServerBound() {
    }

    /**
     * The line for Sluice's cell of a missed goal, compared with {@code peer}'s cell (may be null);
     * {@code target} is the rate the goal asks for (threshold x the peer's value).
     */
    public static String explain(Cell sluice, Cell peer, double target) {
        if (!(sluice.num("server_cpu_ticks") >= COARSE_TICKS)) {
            return "";
        }
        return switch (sluice.workload()) {
            case BULK_INSERT, FETCH -> perRow(sluice, peer, target);
            case POINT_SELECT, NATIVE -> perQuery(sluice, peer, target);
            case POOL, POOL_JMH -> "";
        };
    }

    /**
     * Bulk insert and fetch run on one connection, so one server process/thread does the work: at
     * {@value #SATURATED} cores or more that core is the limit, and {@code 1e9 / ns-per-row} is the
     * most rows/s it can give at that cost whatever the client does. Independently of how busy the
     * server was (a loaded machine lowers the share), the target is out of reach when it would take
     * a core or more at Sluice's server cost per row.
     */
    static String perRow(Cell sluice, Cell peer, double target) {
        double share = sluice.num("server_cpu_share");
        double ns = sluice.num("server_cpu_ns_per_row");
        if (!(ns > 0)) {
            return "";
        }
        String bound = share >= SATURATED ? String.format(Locale.ROOT, "server-bound: the server spent %s ns of CPU per "
                        + "row, %.2f cores busy over the window (one core at that cost sustains ~%s rows/s)%s",
                Markdown.fmt(ns), share, Markdown.fmt(1e9 / ns), peerPart(peer, "server_cpu_ns_per_row", "ns/row")) : "";
        double needed = target * ns / 1e9;
        String reach = needed >= 1 ? String.format(Locale.ROOT, "out of reach at this server cost: the target of %s "
                        + "rows/s needs %.2f server cores at Sluice's %s ns/row, and one connection is served by one "
                        + "server process/thread", Markdown.fmt(target), needed, Markdown.fmt(ns)) : "";
        return join(bound, reach);
    }

    /**
     * Point selects run on several connections, so the server may use every core the client
     * leaves: it is the bound when it takes {@value #SATURATED} or more of the cores minus this
     * JVM's share. The target is out of reach on this machine when the server and this JVM, at
     * their CPU per query, would need more than all its cores.
     */
    static String perQuery(Cell sluice, Cell peer, double target) {
        double share = sluice.num("server_cpu_share");
        double us = sluice.num("server_cpu_us_per_op");
        double client = sluice.num("client_cpu_share");
        double cores = sluice.num("cores");
        double free = cores - client;
        if (!(us > 0) || !(free > 0)) {
            return "";
        }
        String bound = share >= SATURATED * free ? String.format(Locale.ROOT, "server-bound: the server spent %s us of "
                        + "CPU per query, %.2f cores busy over the window, %.0f%% of the %.2f of %.0f cores this JVM "
                        + "left free%s", Markdown.fmt(us), share, 100 * share / free, free, cores,
                peerPart(peer, "server_cpu_us_per_op", "us/query")) : "";
        double clientUs = sluice.num("cpu_us_per_op");
        double needed = target * (us + clientUs) / 1e6;
        String reach = needed > cores ? String.format(Locale.ROOT, "out of reach on this machine: the target of %s "
                        + "queries/s needs %.2f cores (server %s us + this JVM %s us per query), it has %.0f",
                Markdown.fmt(target), needed, Markdown.fmt(us), Markdown.fmt(clientUs), cores) : "";
        return join(bound, reach);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }

    private static String peerPart(Cell peer, String key, String unit) {
        if (peer == null || Double.isNaN(peer.num(key))) {
            return "";
        }
        return String.format(Locale.ROOT, "; %s: %s %s, %.2f cores", peer.target(), Markdown.fmt(peer.num(key)), unit,
                peer.num("server_cpu_share"));
    }
}
