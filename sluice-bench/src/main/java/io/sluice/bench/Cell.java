package io.sluice.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured value: a workload (and its variant, e.g. {@code 32vt}) for one target on one server.
 * {@code value} is the headline number in {@code unit} (higher is better for every headline unit);
 * {@code extra} holds the secondary numbers (latency, CPU, heap...). A failed cell has an error.
 */
public record Cell(Workload workload, Db db, String target, String variant, double value, String unit,
                   Map<String, Object> extra, String error) {

    public Cell {
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    public static Cell failed(Workload w, Db db, String target, String variant, String error) {
        return new Cell(w, db, target, variant, Double.NaN, "", Map.of(), error);
    }

    public boolean ok() {
        return error == null && !Double.isNaN(value);
    }

    public boolean isSluice() {
        return target.equals("sluice");
    }

    public double num(String key) {
        Object o = extra.get(key);
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
