package dev.netcode.webrtc.sctp.internal;

import dev.netcode.webrtc.sctp.SctpScheduler;

/**
 * A restartable one-shot timer that never cancels scheduled tasks: it stores a deadline and, when
 * the scheduler fires early (because the deadline moved later) it re-arms for the remainder.
 * Restarting T3-rtx on every SACK therefore costs one field write instead of a cancel plus a new
 * scheduled task.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>At most one scheduled task is outstanding per timer ({@code armed}), so stopping and
 *       restarting in a loop does not pile up tasks in the scheduler.</li>
 * </ul>
 */
public final class LazyTimer {
    private static final long STOPPED = Long.MIN_VALUE;

    private final SctpScheduler scheduler;
    private final Runnable onExpiry;
    private final Runnable fire = this::fire;
    private long deadlineNanos = STOPPED;
    /** Time at which the outstanding scheduled task fires, or STOPPED if none. */
    private long armedForNanos = STOPPED;

    public LazyTimer(SctpScheduler scheduler, Runnable onExpiry) {
        this.scheduler = scheduler;
        this.onExpiry = onExpiry;
    }

    /** (Re)starts the timer to expire {@code delayNanos} from now. */
    public void start(long delayNanos) {
        long now = scheduler.nanoTime();
        deadlineNanos = now + delayNanos;
        // Only schedule when there is no task that fires at or before the new deadline.
        if (armedForNanos == STOPPED || armedForNanos - deadlineNanos > 0) {
            armedForNanos = deadlineNanos;
            scheduler.schedule(fire, delayNanos);
        }
    }

    /** Starts the timer unless it is already running. */
    public void startIfStopped(long delayNanos) {
        if (!isRunning()) {
            start(delayNanos);
        }
    }

    public void stop() {
        deadlineNanos = STOPPED;
    }

    public boolean isRunning() {
        return deadlineNanos != STOPPED;
    }

    private void fire() {
        long now = scheduler.nanoTime();
        if (armedForNanos != STOPPED && now - armedForNanos < 0) {
            return; // a stale task from an earlier, earlier-deadline arming that was superseded
        }
        armedForNanos = STOPPED;
        if (deadlineNanos == STOPPED) {
            return;
        }
        long remaining = deadlineNanos - now;
        if (remaining > 0) {
            armedForNanos = deadlineNanos;
            scheduler.schedule(fire, remaining);
            return;
        }
        deadlineNanos = STOPPED;
        onExpiry.run();
    }
}
