package io.sluice.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run produced: cells, who was measured and how, the machine, and notes. */
public final class Results {
    /** A client as configured for this run. */
    public record TargetInfo(String name, Db db, String version, String settings, String fetch, List<String> bulk) {
    }

    public final List<Cell> cells = new ArrayList<>();
    public final List<TargetInfo> targets = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    public final Map<String, Object> machine = new LinkedHashMap<>();
    public final Map<String, Object> config = new LinkedHashMap<>();
    public String startedAt = "";
    public double wallSeconds;

    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    /** Adds a cell; a j.u.c lock rather than {@code synchronized} (house rule: nothing that can pin a carrier). */
    public void add(Cell c) {
        lock.lock();
        try {
            cells.add(c);
        } finally {
            lock.unlock();
        }
    }

    public void addTarget(Target t) {
        if (targets.stream().noneMatch(x -> x.name().equals(t.name()) && x.db() == t.db())) {
            targets.add(new TargetInfo(t.name(), t.db(), t.version(), t.settings(), t.fetchSettings(), t.bulkMethods()));
        }
    }

    /** The JSON document: config, machine, targets, cells and the goal evaluation. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started_at", startedAt);
        m.put("wall_seconds", wallSeconds);
        m.put("config", config);
        m.put("machine", machine);
        List<Object> ts = new ArrayList<>();
        for (TargetInfo t : targets) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", t.name());
            x.put("db", t.db().id());
            x.put("version", t.version());
            x.put("settings", t.settings());
            x.put("fetch", t.fetch());
            x.put("bulk_methods", t.bulk());
            ts.add(x);
        }
        m.put("targets", ts);
        List<Object> cs = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("workload", c.workload().id());
            x.put("db", c.db() == null ? null : c.db().id());
            x.put("target", c.target());
            x.put("variant", c.variant());
            x.put("value", c.value());
            x.put("unit", c.unit());
            x.putAll(c.extra());
            x.put("error", c.error());
            cs.add(x);
        }
        m.put("cells", cs);
        List<Object> rs = new ArrayList<>();
        for (Ratios.Ratio r : Ratios.evaluate(cells)) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("goal", r.goal());
            x.put("scope", r.scope());
            x.put("sluice", r.sluice());
            x.put("peer", r.peer());
            x.put("peer_value", r.peerValue());
            x.put("ratio", r.ratio());
            x.put("threshold", r.threshold());
            x.put("unit", r.unit());
            x.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            if (!r.bound().isEmpty()) {
                x.put("bound", r.bound());
            }
            rs.add(x);
        }
        m.put("goals", rs);
        m.put("notes", notes);
        return m;
    }
}
