package dev.netcode.core.lagcomp;

import java.util.Objects;

/**
 * Judges a client's action against what that client saw: rewinds other entities to the client's
 * view time, never further back than {@code maxRewindMs} (250 ms by default).
 *
 * <pre>{@code
 * LagCompensator lag = new LagCompensator(history, 1000.0 / 60, 250);
 * // on a Fire message, at server tick `now`:
 * double view = lag.viewTick(now, fire.viewTick);                  // as reported by the client, clamped
 * // or: lag.viewTickFromDelay(now, interpolationDelayMs, connection.stats().rttMs())
 * if (lag.positionAt(targetId, view, pos) && hits(fire.ray, pos)) hit(targetId);
 * }</pre>
 *
 * <h2>View time</h2>
 * A client draws remote entities at its render time = server time − interpolation delay, and its
 * action reaches the server half an RTT later. Either the client reports the render time it drew
 * (best: it knows its exact interpolation state, and no convention can go wrong) or the server
 * estimates it as {@code now − interpolationDelay − RTT/2}, where the interpolation delay is
 * measured against the client's estimate of the <em>server's</em> clock (as the replication
 * client's is, so it includes the snapshots' transit). A client that renders a fixed delay behind
 * the newest snapshot it received is another half RTT further back: report its view tick.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The cap protects players on good links from being hit "around corners" by players on bad
 *       ones; a rewind beyond it is clamped ({@link #clampedRewinds()}), so very laggy shooters must
 *       lead their targets.</li>
 *   <li>A reported view time is remote input: it is clamped to {@code [now − cap, now]}.</li>
 *   <li>The history must hold at least the cap: {@code capacityTicks × tickMs ≥ maxRewindMs}.</li>
 * </ul>
 */
public final class LagCompensator {
    private final EntityHistory history;
    private final double tickMs;
    private final double maxRewindMs;
    private boolean enabled = true;
    private long rewinds;
    private long clampedRewinds;

    public LagCompensator(EntityHistory history, double tickMs, double maxRewindMs) {
        this.history = Objects.requireNonNull(history, "history");
        if (!(tickMs > 0) || !(maxRewindMs >= 0)) {
            throw new IllegalArgumentException("tickMs must be > 0 and maxRewindMs >= 0");
        }
        this.tickMs = tickMs;
        this.maxRewindMs = maxRewindMs;
    }

    /** 250 ms cap. */
    public LagCompensator(EntityHistory history, double tickMs) {
        this(history, tickMs, 250);
    }

    /** Switches compensation off (actions are judged against the present) or on. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** The tick to judge at, given the view tick the client reported, clamped to {@code [now − cap, now]}. */
    public double viewTick(int nowTick, double reportedViewTick) {
        if (!enabled) {
            return nowTick;
        }
        rewinds++;
        double earliest = nowTick - maxRewindMs / tickMs;
        double t = Double.isFinite(reportedViewTick) ? reportedViewTick : nowTick;
        if (t < earliest) {
            clampedRewinds++;
            return earliest;
        }
        return Math.min(t, nowTick);
    }

    /** The tick to judge at, estimated from the client's interpolation delay and RTT: now − delay − RTT/2. */
    public double viewTickFromDelay(int nowTick, double interpolationDelayMs, double rttMs) {
        return viewTick(nowTick, nowTick - (interpolationDelayMs + rttMs / 2) / tickMs);
    }

    /** Where {@code entityId} was at {@code viewTick} (see {@link EntityHistory#sample}). */
    public boolean positionAt(int entityId, double viewTick, double[] out) {
        return history.sample(viewTick, entityId, out);
    }

    public double maxRewindMs() {
        return maxRewindMs;
    }

    public long rewinds() {
        return rewinds;
    }

    /** Rewinds that wanted to go further back than the cap. */
    public long clampedRewinds() {
        return clampedRewinds;
    }
}
