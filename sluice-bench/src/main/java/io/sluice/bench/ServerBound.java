package io.sluice.bench;

import io.sluice.bench.report.Markdown;
import java.util.Locale;

/**
 * One factual line, derived from the server-CPU figures of a missed goal's cells, saying that the
 * database server rather than the client is the likely bound. Empty when the numbers do not show it
 * (or were not measured).
 */
public final class ServerBound {
    /** Share of the available server cores from which the server counts as saturated. */
    public static final double SATURATED = 0.85;

    private ServerBound() {
    }

    /** The line for Sluice's cell of a missed goal, compared with {@code peer}'s cell (may be null). */
    public static String explain(Cell sluice, Cell peer) {
        return switch (sluice.workload()) {
            case BULK_INSERT, FETCH -> perRow(sluice, peer);
            case POINT_SELECT, NATIVE -> perQuery(sluice, peer);
            case POOL, POOL_JMH -> "";
        };
    }

    /**
     * Bulk insert and fetch run on one connection, so one server process/thread does the work: at
     * {@value #SATURATED} cores or more that core is the limit, and {@code 1e9 / ns-per-row} is the
     * most rows/s it can give at that cost whatever the client does.
     */
    static String perRow(Cell sluice, Cell peer) {
        double share = sluice.num("server_cpu_share");
        double ns = sluice.num("server_cpu_ns_per_row");
        if (!(share >= SATURATED) || !(ns > 0)) {
            return "";
        }
        return String.format(Locale.ROOT, "server-bound: the server spent %s ns of CPU per row, %.2f cores busy over "
                        + "the window (one core at that cost sustains ~%s rows/s)%s", Markdown.fmt(ns), share,
                Markdown.fmt(1e9 / ns), peerPart(peer, "server_cpu_ns_per_row", "ns/row"));
    }

    /**
     * Point selects run on 8 connections, so the server may use every core the client leaves: it is
     * the bound when it takes {@value #SATURATED} or more of the cores minus this JVM's share.
     */
    static String perQuery(Cell sluice, Cell peer) {
        double share = sluice.num("server_cpu_share");
        double us = sluice.num("server_cpu_us_per_op");
        double client = sluice.num("client_cpu_share");
        double cores = sluice.num("cores");
        double free = cores - client;
        if (!(share >= SATURATED * free) || !(us > 0) || !(free > 0)) {
            return "";
        }
        return String.format(Locale.ROOT, "server-bound: the server spent %s us of CPU per query, %.2f cores busy over "
                        + "the window, %.0f%% of the %.2f of %.0f cores this JVM left free%s", Markdown.fmt(us), share,
                100 * share / free, free, cores, peerPart(peer, "server_cpu_us_per_op", "us/query"));
    }

    private static String peerPart(Cell peer, String key, String unit) {
        if (peer == null || Double.isNaN(peer.num(key))) {
            return "";
        }
        return String.format(Locale.ROOT, "; %s: %s %s, %.2f cores", peer.target(), Markdown.fmt(peer.num(key)), unit,
                peer.num("server_cpu_share"));
    }
}
