package dev.netcode.core.lagcomp;

import java.util.Objects;

/**
 * Judges a client's action against what that client saw: rewinds other entities to the client's
 * view time, never further back than {@code maxRewindMs} ({@value #DEFAULT_MAX_REWIND_MS} ms by
 * default).
 *
 * <pre>{@code
 * double capMs = LagCompensator.maxRewindMsFor(maxInterpolationDelayMs, maxRttMs, maxInputSlackMs);
 * EntityHistory history = new EntityHistory(2, 64, EntityHistory.ticksFor(capMs, 1000.0 / 60));
 * LagCompensator lag = new LagCompensator(history, 1000.0 / 60, capMs);
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
 * <h2>Choosing the cap</h2>
 * The rewind a client needs is its whole view lag: interpolation delay (which already includes the
 * snapshots' one-way transit) + the input's one-way transit (RTT/2) + the time the input waits in
 * the server's input buffer (the slack). Size the cap for the worst link you still want to serve
 * fairly with {@link #maxRewindMsFor}: a cap below a client's real lag does not make that client
 * miss "a bit": every one of its shots at a moving target is judged at the wrong time
 * ({@link #clampedRewinds()} counts them, and should stay near zero on the links you support).
 * The default {@value #DEFAULT_MAX_REWIND_MS} ms covers an interpolation delay of 250 ms, an RTT
 * of 300 ms and 100 ms of input slack; engines commonly allow up to one second.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The cap protects players on good links from being hit "around corners" by players on bad
 *       ones; a rewind beyond it is clamped ({@link #clampedRewinds()}), so very laggy shooters must
 *       lead their targets.</li>
 *   <li>A reported view time is remote input: it is clamped to {@code [now − cap, now]}.</li>
 *   <li>The history must hold the cap plus two ticks ({@link EntityHistory#ticksFor}); the
 *       constructor refuses a shorter one.</li>
 * </ul>
 */
public final class LagCompensator {
    /** Default rewind cap: 250 ms interpolation delay + 300 ms RTT / 2 + 100 ms input slack. */
    public static final double DEFAULT_MAX_REWIND_MS = 500;

    private final EntityHistory history;
    private final double tickMs;
    private final double maxRewindMs;
    private boolean enabled = true;
    private long rewinds;
    private long clampedRewinds;
    private double maxRequestedRewindMs;
    private long historyMisses;

    public LagCompensator(EntityHistory history, double tickMs, double maxRewindMs) {
        this.history = Objects.requireNonNull(history, "history");
        if (!(tickMs > 0) || !(maxRewindMs >= 0)) {
            throw new IllegalArgumentException("tickMs must be > 0 and maxRewindMs >= 0");
        }
        if (history.capacityTicks() < EntityHistory.ticksFor(maxRewindMs, tickMs)) {
            throw new IllegalArgumentException("a history of " + history.capacityTicks() + " ticks cannot cover a "
                    + maxRewindMs + " ms rewind; use EntityHistory.ticksFor(maxRewindMs, tickMs) = "
                    + EntityHistory.ticksFor(maxRewindMs, tickMs));
        }
        this.tickMs = tickMs;
        this.maxRewindMs = maxRewindMs;
    }

    /** {@value #DEFAULT_MAX_REWIND_MS} ms cap. */
    public LagCompensator(EntityHistory history, double tickMs) {
        this(history, tickMs, DEFAULT_MAX_REWIND_MS);
    }

    /**
     * The cap that serves every client within the given worst case fairly: the longest view lag
     * such a client can have, {@code maxInterpolationDelayMs + maxRttMs / 2 + maxInputSlackMs}.
     *
     * @param maxInterpolationDelayMs the largest interpolation delay a client reports (measured on
     *     the server clock, so it includes the snapshots' transit)
     * @param maxRttMs the largest round-trip time you still want to compensate fully
     * @param maxInputSlackMs the longest an input waits in the server's buffer (target slack × tick)
     */
    public static double maxRewindMsFor(double maxInterpolationDelayMs, double maxRttMs, double maxInputSlackMs) {
        if (!(maxInterpolationDelayMs >= 0) || !(maxRttMs >= 0) || !(maxInputSlackMs >= 0)
                || Double.isInfinite(maxInterpolationDelayMs + maxRttMs + maxInputSlackMs)) {
            throw new IllegalArgumentException("delays must be finite and >= 0");
        }
        return maxInterpolationDelayMs + maxRttMs / 2 + maxInputSlackMs;
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
        double requestedMs = (nowTick - t) * tickMs;
        if (requestedMs > maxRequestedRewindMs) {
            maxRequestedRewindMs = requestedMs;
        }
        if (t < earliest) {
            clampedRewinds++;
            return earliest;
        }
        return Math.min(t, nowTick);
    }

    /**
     * The tick to judge at, estimated from the client's interpolation delay and RTT: now − delay −
     * RTT/2. Add the time the action waited in your input buffer to the delay (see the class comment).
     */
    public double viewTickFromDelay(int nowTick, double interpolationDelayMs, double rttMs) {
        return viewTick(nowTick, nowTick - (interpolationDelayMs + rttMs / 2) / tickMs);
    }

    /** Where {@code entityId} was at {@code viewTick} (see {@link EntityHistory#sample}). */
    public boolean positionAt(int entityId, double viewTick, double[] out) {
        if (history.sample(viewTick, entityId, out)) {
            return true;
        }
        historyMisses++;
        return false;
    }

    public double maxRewindMs() {
        return maxRewindMs;
    }

    public long rewinds() {
        return rewinds;
    }

    /** Rewinds that wanted to go further back than the cap (judged at the cap instead: wrong). */
    public long clampedRewinds() {
        return clampedRewinds;
    }

    /** The furthest rewind any client asked for so far, ms (compare with {@link #maxRewindMs()}). */
    public double maxRequestedRewindMs() {
        return maxRequestedRewindMs;
    }

    /**
     * {@link #positionAt} calls the history could not answer (entity not recorded at that time,
     * e.g. it joined later); the caller then judges against the present.
     */
    public long historyMisses() {
        return historyMisses;
    }
}
