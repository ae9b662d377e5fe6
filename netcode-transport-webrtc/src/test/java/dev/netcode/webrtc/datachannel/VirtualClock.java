package dev.netcode.webrtc.datachannel;

import dev.netcode.webrtc.sctp.SctpScheduler;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/** Deterministic virtual time: tasks run in (time, insertion) order; time jumps to the next task. */
final class VirtualClock implements SctpScheduler {
    private record Task(long atNanos, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.seq, b.seq));
    private long nowNanos = 1_000_000_000L;
    private long seq;

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
        tasks.add(new Task(nowNanos + Math.max(0, delayNanos), seq++, task));
    }

    long nowMs() {
        return nowNanos / 1_000_000L;
    }

    /** Runs tasks until {@code done} holds or {@code maxMs} of virtual time passed. */
    boolean runUntil(BooleanSupplier done, long maxMs) {
        long deadline = nowNanos + maxMs * 1_000_000L;
        while (!done.getAsBoolean()) {
            Task t = tasks.peek();
            if (t == null || t.atNanos > deadline) {
                nowNanos = Math.max(nowNanos, deadline);
                return done.getAsBoolean();
            }
            tasks.poll();
            nowNanos = Math.max(nowNanos, t.atNanos);
            t.run.run();
        }
        return true;
    }

    /** Runs everything due within the next {@code ms}. */
    void runFor(long ms) {
        runUntil(() -> false, ms);
    }
}
