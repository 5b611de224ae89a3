package io.sluice.core.engine;

import io.sluice.core.result.Row;
import io.sluice.core.spi.RowCursor;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The Flow.Publisher behind {@link AsyncEngine#stream}: one virtual thread per subscription, demand-driven. */
final class RowPublisher {
    private RowPublisher() {
    }

    static final class Subscription implements Flow.Subscription {
        private final Engine engine;
        private final String sql;
        private final Object[] params;
        private final Flow.Subscriber<? super Row> subscriber;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition more = lock.newCondition();
        private long demand;
        private boolean cancelled;
        private Throwable badRequest;

        Subscription(Engine engine, String sql, Object[] params, Flow.Subscriber<? super Row> subscriber) {
            this.engine = engine;
            this.sql = sql;
            this.params = params;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            lock.lock();
            try {
                if (n <= 0) {
                    badRequest = new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)");
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
                more.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                cancelled = true;
                more.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** Waits for demand; false when cancelled. */
        private boolean awaitDemand() throws InterruptedException {
            lock.lock();
            try {
                while (demand == 0 && !cancelled && badRequest == null) {
                    more.await();
                }
                if (cancelled || badRequest != null) {
                    return false;
                }
                demand--;
                return true;
            } finally {
                lock.unlock();
            }
        }

        void run() {
            try (Connection c = engine.connect()) {
                try (RowCursor cur = c.stream(sql, params)) {
                    while (true) {
                        if (!awaitDemand()) {
                            // stop the statement on the server so closing the cursor need not read the rest
                            Executor.cancelQuietly(c.driver());
                            break;
                        }
                        if (!cur.hasNext()) {
                            subscriber.onComplete();
                            return;
                        }
                        subscriber.onNext(cur.next());
                    }
                }
                if (badRequest != null) {
                    subscriber.onError(badRequest);
                }
            } catch (Throwable t) {
                if (!cancelled) {
                    subscriber.onError(t);
                }
            }
        }
    }
}
