package io.sluice.bench.pool;

import io.sluice.bench.Cell;
import io.sluice.bench.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH form of workload (4): borrow + return on a 50-resource pool from JMH's worker threads.
 * Those are platform threads, so this measures the pools' hot path under moderate contention (64
 * threads by default), not the 2,000-virtual-thread scenario ({@link PoolRun} does that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PoolJmh {
    public static final int SIZE = 50;

    @Param({"sluice", "hikaricp"})
    public String pool;

    private Pools.Cycler cycler;

    @Setup(Level.Trial)
    public void setUp() {
        cycler = pool.equals("sluice") ? Pools.sluice(SIZE) : Pools.hikari(SIZE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cycler.close();
    }

    @Benchmark
    public void borrowReturn() throws Exception {
        cycler.cycle();
    }

    /** Runs the benchmark in a forked JVM; JMH's own log goes to {@code log}. */
    public static List<Cell> run(int threads, int iterations, int seconds, Path log) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(PoolJmh.class.getName() + ".borrowReturn")
                .forks(1)
                .threads(threads)
                .warmupIterations(iterations)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .jvmArgs("-Xms1g", "-Xmx1g")
                .output(log.toString())
                .build()).run();
        List<Cell> cells = new ArrayList<>();
        for (RunResult r : results) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("error", r.getPrimaryResult().getScoreError());
            extra.put("threads", threads);
            cells.add(new Cell(Workload.POOL_JMH, null, r.getParams().getParam("pool"), threads + " platform threads",
                    r.getPrimaryResult().getScore(), "cycles/s", extra, null));
        }
        return cells;
    }
}
