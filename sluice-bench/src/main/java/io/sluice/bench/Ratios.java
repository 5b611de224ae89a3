package io.sluice.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The targets, checked against measured cells: Sluice against the best Java peer on the
 * same server and variant (and against the native tool where one ran).
 */
public final class Ratios {
    private Ratios() {
    }

    /** The outcome of one goal in one scope. */
    public enum Status { MET, MISSED, NA }

    /**
     * @param goal the target as the issue words it
     * @param scope where it was measured, e.g. {@code mysql 32vt}
     * @param ratio sluice / peer (for CPU: lower is better)
     * @param bound for a missed goal, what the server-CPU figures say bounds it ({@link ServerBound}), else ""
     */
    public record Ratio(String goal, String scope, double sluice, String peer, double peerValue, double ratio,
                        double threshold, boolean lowerIsBetter, String unit, Status status, String bound) {

        Ratio explainedBy(Cell sluiceCell, Cell peerCell) {
            if (status != Status.MISSED || lowerIsBetter) { // a client-CPU goal is not bounded by the server
                return this;
            }
            return new Ratio(goal, scope, sluice, peer, peerValue, ratio, threshold, lowerIsBetter, unit, status,
                    ServerBound.explain(sluiceCell, peerCell, threshold * peerValue));
        }
    }

    public static List<Ratio> evaluate(List<Cell> cells) {
        List<Ratio> out = new ArrayList<>();
        for (String variant : variants(cells, Workload.POINT_SELECT)) {
            for (Db db : Db.values()) {
                List<Cell> group = select(cells, Workload.POINT_SELECT, db, variant);
                if (!group.isEmpty()) {
                    out.add(best("point select >= 1.3x best peer", db.id() + " " + variant, group, c -> c.value(),
                            1.3, false, "ops/s"));
                }
            }
        }
        for (Db db : Db.values()) {
            List<Cell> nat = select(cells, Workload.NATIVE, db, null);
            Optional<Cell> tool = nat.stream().filter(Cell::ok).filter(c -> c.target().equals("pgbench")
                    || c.target().equals("sysbench")).findFirst();
            Optional<Cell> sluice = nat.stream().filter(Cell::ok).filter(Cell::isSluice).findFirst();
            if (tool.isPresent() || sluice.isPresent()) {
                String scope = db.id() + " " + sluice.map(Cell::variant).orElse("");
                out.add(tool.isPresent() && sluice.isPresent()
                        ? ratio(">= 70% of native (" + tool.get().target() + ")", scope.trim(), sluice.get().value(),
                        tool.get().target(), tool.get().value(), 0.7, false, "ops/s")
                        .explainedBy(sluice.get(), tool.get())
                        : na(">= 70% of native", scope.trim()));
            }
        }
        for (Db db : Db.values()) {
            List<Cell> group = select(cells, Workload.BULK_INSERT, db, null);
            if (!group.isEmpty()) {
                out.add(best("bulk insert >= 1.5x best peer", db.id(), group, Cell::value, 1.5, false, "rows/s"));
            }
        }
        for (Db db : Db.values()) {
            List<Cell> group = select(cells, Workload.FETCH, db, null);
            if (!group.isEmpty()) {
                out.add(best("fetch >= 1.3x best peer", db.id(), group, Cell::value, 1.3, false, "rows/s"));
            }
        }
        for (Workload w : List.of(Workload.POOL, Workload.POOL_JMH)) {
            for (String variant : variants(cells, w)) {
                List<Cell> group = select(cells, w, null, variant);
                if (!group.isEmpty()) {
                    out.add(best((w == Workload.POOL ? "pool cycle" : "pool cycle (JMH)") + " >= HikariCP", variant,
                            group, Cell::value, 1.0, false, "cycles/s"));
                }
            }
        }
        for (String variant : variants(cells, Workload.POINT_SELECT)) {
            for (Db db : Db.values()) {
                List<Cell> group = select(cells, Workload.POINT_SELECT, db, variant);
                if (!group.isEmpty()) {
                    out.add(best("client CPU per query <= 0.6x best peer", db.id() + " " + variant, group,
                            c -> c.num("cpu_us_per_op"), 0.6, true, "us/query"));
                }
            }
        }
        return out;
    }

    /** Sluice's cell against the best peer cell of the group (max, or min when lower is better). */
    static Ratio best(String goal, String scope, List<Cell> group, ToDoubleFunction<Cell> metric, double threshold,
                      boolean lowerIsBetter, String unit) {
        Optional<Cell> sluice = group.stream().filter(Cell::ok).filter(Cell::isSluice)
                .filter(c -> !Double.isNaN(metric.applyAsDouble(c)))
                .max(Comparator.comparingDouble(c -> lowerIsBetter ? -metric.applyAsDouble(c) : metric.applyAsDouble(c)));
        Comparator<Cell> byMetric = Comparator.comparingDouble(metric);
        Optional<Cell> peer = group.stream().filter(Cell::ok).filter(c -> !c.isSluice())
                .filter(c -> !Double.isNaN(metric.applyAsDouble(c)))
                .max(lowerIsBetter ? byMetric.reversed() : byMetric);
        if (sluice.isEmpty() || peer.isEmpty()) {
            return na(goal, scope);
        }
        return ratio(goal, scope, metric.applyAsDouble(sluice.get()), peer.get().target(),
                metric.applyAsDouble(peer.get()), threshold, lowerIsBetter, unit).explainedBy(sluice.get(), peer.get());
    }

    static Ratio ratio(String goal, String scope, double sluice, String peer, double peerValue, double threshold,
                       boolean lowerIsBetter, String unit) {
        double r = sluice / peerValue;
        boolean met = lowerIsBetter ? r <= threshold : r >= threshold;
        return new Ratio(goal, scope, sluice, peer, peerValue, r, threshold, lowerIsBetter, unit,
                Double.isFinite(r) ? (met ? Status.MET : Status.MISSED) : Status.NA, "");
    }

    static Ratio na(String goal, String scope) {
        return new Ratio(goal, scope, Double.NaN, "-", Double.NaN, Double.NaN, Double.NaN, false, "", Status.NA, "");
    }

    static List<Cell> select(List<Cell> cells, Workload w, Db db, String variant) {
        return cells.stream().filter(c -> c.workload() == w && (db == null || c.db() == db)
                && (variant == null || Objects.equals(c.variant(), variant))).toList();
    }

    static Set<String> variants(List<Cell> cells, Workload w) {
        Set<String> v = new LinkedHashSet<>();
        cells.stream().filter(c -> c.workload() == w).forEach(c -> v.add(c.variant()));
        return v;
    }
}
