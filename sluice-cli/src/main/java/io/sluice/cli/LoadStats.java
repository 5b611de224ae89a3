package io.sluice.cli;

import io.sluice.core.error.SluiceException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a load run records, shared by all workers: lock-free counters and histograms for the
 * measured window (after warmup), live counters for the progress line (warmup included), and
 * errors grouped by exception class, vendor code and SQLSTATE with the first message of each.
 */
final class LoadStats {
    private final String url;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final LatencyRecorder service = new LatencyRecorder();
    private final LatencyRecorder[] perStatement;
    private final LongAdder[] perStatementErrors;
    private final LongAdder errors = new LongAdder();
    private final ConcurrentHashMap<ErrorKey, ErrorTally> byKind = new ConcurrentHashMap<>();
    private final LongAdder liveOk = new LongAdder();
    private final LongAdder liveErrors = new LongAdder();
    private final AtomicReference<LatencyRecorder> interval = new AtomicReference<>(new LatencyRecorder());

    /** Errors with the same class, vendor code and SQLSTATE are counted together. */
    record ErrorKey(String type, int vendorCode, String sqlState) {
    }

    /** A group of errors: how many, and the first one's line (passwords scrubbed). */
    record ErrorCount(ErrorKey key, long count, String firstMessage) {
    }

    private record ErrorTally(LongAdder count, String firstMessage) {
    }

    /** @param url the connection URL, only to scrub its password out of error messages */
    LoadStats(int statements, String url) {
        this.url = url;
        perStatement = new LatencyRecorder[statements];
        perStatementErrors = new LongAdder[statements];
        for (int i = 0; i < statements; i++) {
            perStatement[i] = new LatencyRecorder();
            perStatementErrors[i] = new LongAdder();
        }
    }

    /**
     * A statement succeeded.
     *
     * @param latencyNanos from the scheduled start (open loop) or the actual start (closed loop)
     * @param serviceNanos from the actual start
     * @param measured     whether it started inside the measured window
     */
    void success(int statement, long latencyNanos, long serviceNanos, boolean measured) {
        liveOk.increment();
        interval.get().recordNanos(latencyNanos);
        if (measured) {
            latency.recordNanos(latencyNanos);
            service.recordNanos(serviceNanos);
            perStatement[statement].recordNanos(latencyNanos);
        }
    }

    void failure(int statement, Throwable error, boolean measured) {
        liveErrors.increment();
        if (!measured) {
            return;
        }
        errors.increment();
        perStatementErrors[statement].increment();
        Throwable e = unwrap(error);
        ErrorKey key = e instanceof SluiceException s
                ? new ErrorKey(e.getClass().getSimpleName(), s.vendorCode(), s.sqlState())
                : new ErrorKey(e.getClass().getSimpleName(), 0, null);
        byKind.computeIfAbsent(key, k -> new ErrorTally(new LongAdder(), ErrorLine.format(e, url))).count().increment();
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    LatencyRecorder latency() {
        return latency;
    }

    LatencyRecorder service() {
        return service;
    }

    LatencyRecorder statementLatency(int i) {
        return perStatement[i];
    }

    long statementErrors(int i) {
        return perStatementErrors[i].sum();
    }

    long ok() {
        return latency.count();
    }

    long errors() {
        return errors.sum();
    }

    long liveOk() {
        return liveOk.sum();
    }

    long liveErrors() {
        return liveErrors.sum();
    }

    /** The histogram since the previous call, replaced by a fresh one (a racing sample may be lost: display only). */
    LatencyRecorder takeInterval() {
        return interval.getAndSet(new LatencyRecorder());
    }

    /** Error groups, most frequent first. */
    List<ErrorCount> errorCounts() {
        List<ErrorCount> out = new ArrayList<>();
        byKind.forEach((k, t) -> out.add(new ErrorCount(k, t.count().sum(), t.firstMessage())));
        out.sort(Comparator.comparingLong(ErrorCount::count).reversed()
                .thenComparing(c -> c.key().type()).thenComparingInt(c -> c.key().vendorCode()));
        return out;
    }
}
