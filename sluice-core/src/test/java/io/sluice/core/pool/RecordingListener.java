package io.sluice.core.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Records pool events for assertions. */
final class RecordingListener implements PoolListener<FakeManager.Conn> {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<StackTraceElement[]> leakStacks = new CopyOnWriteArrayList<>();
    final AtomicInteger timeouts = new AtomicInteger();
    final CountDownLatch leak = new CountDownLatch(1);

    @Override
    public void onCreate(FakeManager.Conn c) {
        events.add("create " + c);
    }

    @Override
    public void onCheckout(FakeManager.Conn c, long waitNanos) {
        events.add("checkout " + c);
    }

    @Override
    public void onCheckin(FakeManager.Conn c) {
        events.add("checkin " + c);
    }

    @Override
    public void onTimeout(long waitNanos) {
        timeouts.incrementAndGet();
    }

    @Override
    public void onInvalidate(FakeManager.Conn c, String reason) {
        events.add("invalidate " + c + " " + reason);
    }

    @Override
    public void onClose(FakeManager.Conn c, String reason) {
        events.add("close " + c + " " + reason);
    }

    @Override
    public void onLeak(FakeManager.Conn c, StackTraceElement[] borrowerStack, Duration heldFor) {
        events.add("leak " + c);
        leakStacks.add(borrowerStack);
        leak.countDown();
    }

    boolean has(String prefix) {
        return events.stream().anyMatch(e -> e.startsWith(prefix));
    }
}
