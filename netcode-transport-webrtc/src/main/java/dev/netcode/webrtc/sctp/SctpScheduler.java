package dev.netcode.webrtc.sctp;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Time source and timer service of an association. Production code uses
 * {@link #of(EventExecutor)} so that every timer fires on the Netty event loop that owns the
 * association; tests use a virtual clock so that minutes of retransmission timeouts run in
 * milliseconds and every run is reproducible.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Tasks must run on the same thread that calls the association (the association takes no
 *       locks).</li>
 *   <li>Timers are never cancelled: the association re-arms lazily and ignores early or stale
 *       firings, so {@code schedule} may be called with a task that later turns out to be a
 *       no-op. That keeps cancelling off the hot path (every SACK restarts T3-rtx).</li>
 * </ul>
 */
public interface SctpScheduler {
    /** Monotonic time in nanoseconds (any origin). */
    long nanoTime();

    /** Runs {@code task} on the association's thread after at least {@code delayNanos}. */
    void schedule(Runnable task, long delayNanos);

    /**
     * Runs {@code task} on the association's thread soon, after the current event (never inside
     * this call). The default schedules it with no delay; executors that can queue a task without
     * a timer entry should override it (posting an event then allocates no timer object).
     */
    default void execute(Runnable task) {
        schedule(task, 0);
    }

    /** A scheduler backed by a Netty executor (normally the channel's event loop). */
    static SctpScheduler of(EventExecutor executor) {
        return new SctpScheduler() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void schedule(Runnable task, long delayNanos) {
                executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void execute(Runnable task) {
                executor.execute(task); // queued even when called on the loop itself
            }
        };
    }
}
