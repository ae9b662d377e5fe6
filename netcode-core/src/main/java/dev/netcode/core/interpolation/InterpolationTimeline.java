package dev.netcode.core.interpolation;

import java.util.Objects;

/**
 * The client's render clock: which server time to show this frame.
 *
 * <p>Target: {@code render = estimated server time − delay}, where the delay adapts to what is
 * measured: {@code delay = smallest recent arrival lag + buffer}, {@code buffer = send interval + jitter
 * (worst minus smallest recent lag) + safety margin + loss cover}. The loss cover is
 * {@link InterpolationConfig#coveredLossRun()} send intervals once any loss was seen recently, but the
 * whole buffer is capped at {@link InterpolationConfig#maxBufferIntervals()} send intervals (3 by
 * default; one more when the measured loss rate makes runs longer than the cover frequent, see
 * {@link #lossRate()}), never below what one lost snapshot needs. The send interval is the smallest
 * gap between the server stamps of consecutive snapshots. The "arrival lag" of a snapshot is the
 * estimated server time at its arrival minus its server time stamp: one-way latency plus jitter (plus
 * any constant clock-sync error, which therefore cancels out). With that delay the next snapshot has
 * always arrived before render time reaches it unless more snapshots in a row are lost than the cover
 * bridges. {@link #bufferDelayNs()} is the part of the delay beyond the best-case latency.
 *
 * <p>Render time is integrated, not recomputed: each frame it advances by the frame's duration times
 * a time scale, which also absorbs clock drift between client and server. Small errors against the
 * target are corrected by nudging the scale by at most {@link InterpolationConfig#maxNudge()} (±5 %),
 * invisible to players; errors above {@link InterpolationConfig#catchUpThresholdNs()} (after a stall)
 * use a faster catch-up, at most {@link InterpolationConfig#maxCatchUpScale()} and at most half a send
 * interval of extra motion per frame, so motion speeds up but never teleports; only errors above
 * {@link InterpolationConfig#snapThresholdNs()} jump.
 *
 * <p>When a snapshot is overdue (the headroom between render time and the newest snapshot drops into
 * the loss cover) render time slows along a ramp, to at most
 * {@link InterpolationConfig#starvationSlowdown()} slower as the headroom approaches zero: it stretches
 * what is buffered so the snapshot after a run of losses usually arrives first. Those frames still
 * interpolate between two real snapshots; they are counted as slowed, not hidden.
 *
 * <p>Render time never runs more than {@link #extrapolationLimitNs()} (at most half a send interval)
 * past the newest snapshot: during a stall it holds there, and it never goes backwards.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Feed every received snapshot to {@link #onSnapshot}, including ones you drop as duplicates,
 *       with the local arrival time taken as early as possible (on the network thread).</li>
 *   <li>Call {@link #advance} exactly once per rendered frame with a monotonic clock.</li>
 *   <li>A frame where render time is past the newest snapshot is a hitch whatever is drawn:
 *       extrapolation shortens what the player sees, it does not make the frame correct.</li>
 * </ul>
 */
public final class InterpolationTimeline {
    private static final long NUDGE_DEAD_BAND_NS = 2_000_000L;
    private static final long NUDGE_FULL_NS = 20_000_000L;

    private final ClockSync clock;
    private final InterpolationConfig config;
    /** Gaps of more than this many missing snapshots are stalls, not losses. */
    private static final int STALL_LOSSES = 4;
    private static final double LOSS_RATE_WEIGHT = 1.0 / 1024;
    /**
     * Loss runs longer than the covered run are expected about {@code lossRate^(run + 1)} times per
     * snapshot; when that exceeds this many per minute the cap on the buffer grows by one interval.
     */
    private static final double UNCOVERED_RUNS_PER_MINUTE = 0.5;

    private final long[] rawLags;
    /** Smallest and largest of {@link #rawLags}, refreshed on each snapshot: read every frame, changed 20-60 times a second. */
    private long rawMinLag;
    private long rawMaxLag;
    private final long[] gaps;
    private int lossRun;
    /** Exponentially weighted fraction of snapshots lost (stalls excluded), over about 1,000 snapshots. */
    private double lossRate;
    private int gapNext;
    private int gapCount;
    private int lagCount;
    private int lagNext;
    private long newestServerTimeNs = Long.MIN_VALUE;
    private long intervalNs;
    private boolean started;
    private long renderTimeNs;
    private long lastFrameNs;
    private double timeScale = 1.0;

    public InterpolationTimeline(ClockSync clock, InterpolationConfig config) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.rawLags = new long[config.lagWindow()];
        this.gaps = new long[config.lagWindow() * 8];
    }

    /** Records a snapshot stamped {@code serverTimeNs} that arrived at local {@code arrivalNs}. */
    public void onSnapshot(long serverTimeNs, long arrivalNs) {
        // Store lag without the clock offset, so a later offset refinement applies to old samples too.
        rawLags[lagNext] = arrivalNs - serverTimeNs;
        lagNext = (lagNext + 1) % rawLags.length;
        lagCount = Math.min(lagCount + 1, rawLags.length);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < lagCount; i++) {
            min = Math.min(min, rawLags[i]);
            max = Math.max(max, rawLags[i]);
        }
        rawMinLag = min;
        rawMaxLag = max;
        // Gaps are remembered longer than lags: losses are rarer than jitter, and forgetting the last
        // one too soon shrinks the delay just before the next.
        gaps[gapNext] = newestServerTimeNs == Long.MIN_VALUE || serverTimeNs <= newestServerTimeNs
                ? 0 : serverTimeNs - newestServerTimeNs;
        gapNext = (gapNext + 1) % gaps.length;
        gapCount = Math.min(gapCount + 1, gaps.length);
        long gapNs = gaps[(gapNext + gaps.length - 1) % gaps.length];
        if (serverTimeNs > newestServerTimeNs) {
            newestServerTimeNs = serverTimeNs;
        }
        // The server stamps its own clock, so the smallest gap between consecutive snapshots is the
        // send interval exactly; longer gaps are losses.
        long minGap = Long.MAX_VALUE;
        for (int i = 0; i < gapCount; i++) {
            if (gaps[i] > 0) {
                minGap = Math.min(minGap, gaps[i]);
            }
        }
        if (minGap != Long.MAX_VALUE) {
            intervalNs = minGap;
            int run = 0;
            for (int i = 0; i < gapCount; i++) {
                if (gaps[i] > 0) {
                    long missing = (gaps[i] + intervalNs / 2) / intervalNs - 1;
                    if (missing <= STALL_LOSSES) { // longer gaps are stalls: holding handles them
                        run = (int) Math.max(run, Math.min(config.coveredLossRun(), missing));
                    }
                }
            }
            lossRun = run;
            if (gapNs > 0) {
                long missing = Math.max(0, (gapNs + intervalNs / 2) / intervalNs - 1);
                if (missing <= STALL_LOSSES) {
                    for (long i = 0; i < missing; i++) {
                        lossRate += LOSS_RATE_WEIGHT * (1 - lossRate);
                    }
                    lossRate -= LOSS_RATE_WEIGHT * lossRate;
                }
            }
        }
    }

    /** Total delay behind the estimated server clock that the timeline aims for. */
    public long delayNs() {
        if (lagCount == 0) {
            return intervalNs + config.safetyMarginNs();
        }
        long minLag = minLagNs();
        return minLag + baseBufferNs(minLag) + lossCoverNs(minLag);
    }

    /** One interval + jitter + margin: what the buffer needs without losses. */
    private long baseBufferNs(long minLag) {
        return intervalNs + (maxLagNs() - minLag) + config.safetyMarginNs();
    }

    /** The part of the buffer that bridges lost snapshots (0 until a loss was seen). */
    private long lossCoverNs(long minLag) {
        long base = baseBufferNs(minLag);
        // Having seen any loss, expect runs up to coveredLossRun: at a few percent independent loss a
        // double loss comes about once a minute at 20 Hz, soon after the singles that revealed it.
        long cover = lossRun > 0 ? intervalNs * config.coveredLossRun() : 0;
        if (config.maxBufferIntervals() > 0 && cover > 0) {
            // The cap limits what loss coverage adds on top of interval + jitter; a single loss is
            // always covered. Past the cap, latency costs more than the rare loss run it absorbs.
            long room = Math.round(intervalNs * capIntervals()) - base;
            cover = Math.min(cover, Math.max(Math.min(cover, intervalNs), room));
        }
        return cover;
    }

    /**
     * The cap on the buffer in send intervals: {@link InterpolationConfig#maxBufferIntervals()}, plus one
     * when the measured loss rate makes runs longer than the covered run frequent (more than
     * {@value #UNCOVERED_RUNS_PER_MINUTE} a minute): e.g. 6 % loss at 60 Hz gives about 0.8 triple losses a
     * minute, each of which would run a 3-interval buffer dry; 3 % gives 0.1.
     */
    private double capIntervals() {
        double cap = config.maxBufferIntervals();
        if (intervalNs > 0 && lossRun > 0) {
            double perMinute = 60e9 / intervalNs * Math.pow(lossRate, config.coveredLossRun() + 1);
            if (perMinute > UNCOVERED_RUNS_PER_MINUTE) {
                cap += 1;
            }
        }
        return cap;
    }

    /** Measured fraction of snapshots lost (exponentially weighted over about 1,000 snapshots). */
    public double lossRate() {
        return lossRate;
    }

    /** The delay minus the smallest recent lag: send interval(s) + jitter + margin. */
    public long bufferDelayNs() {
        return delayNs() - (lagCount == 0 ? 0 : minLagNs());
    }

    private long maxLagNs() {
        return rawMaxLag + clock.offsetNs();
    }

    private long minLagNs() {
        return rawMinLag + clock.offsetNs();
    }

    /** Where render time should be at local time {@code nowNs}. */
    public long targetRenderTimeNs(long nowNs) {
        return clock.serverTimeNs(nowNs) - delayNs();
    }

    /**
     * Advances render time to local {@code nowNs}; call once per frame.
     *
     * @return the server time to render, or {@link Long#MIN_VALUE} before the first snapshot
     */
    public long advance(long nowNs) {
        if (newestServerTimeNs == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long target = targetRenderTimeNs(nowNs);
        if (!started) {
            started = true;
            renderTimeNs = Math.min(target, newestServerTimeNs);
            lastFrameNs = nowNs;
            return renderTimeNs;
        }
        long frameNs = Math.max(0, nowNs - lastFrameNs);
        lastFrameNs = nowNs;
        long previous = renderTimeNs;
        // Compare with where render time would be after this frame at normal speed.
        long error = target - (renderTimeNs + frameNs);
        if (Math.abs(error) > config.snapThresholdNs()) {
            renderTimeNs = target;
            timeScale = 1.0;
        } else {
            timeScale = Math.min(scaleFor(error, frameNs), overdueScale());
            renderTimeNs += Math.round(frameNs * timeScale);
        }
        // Hold rather than run far past the data: after a stall we catch up smoothly instead of
        // jumping. Never step backwards, though: that would replay motion.
        long limit = newestServerTimeNs + extrapolationLimitNs();
        if (renderTimeNs > limit) {
            renderTimeNs = Math.max(limit, previous);
        }
        return renderTimeNs;
    }

    /**
     * The time scale allowed by the headroom left before render time reaches the newest snapshot.
     * While every snapshot is on time the headroom never drops below the loss cover + margin; below
     * that a snapshot is overdue (lost or very late). From half a jitter above that level render time
     * slows along a linear ramp, down to {@code 1 - starvationSlowdown} as the headroom approaches zero.
     * That stretches what is buffered so the snapshot after a run of losses usually arrives first; the
     * ordinary nudge then brings render time back to its target.
     */
    private double overdueScale() {
        if (config.starvationSlowdown() <= 0 || intervalNs <= 0 || lagCount == 0) {
            return Double.MAX_VALUE;
        }
        long minLag = minLagNs();
        long cover = lossCoverNs(minLag);
        // A snapshot with average lag leaves cover + margin + jitter / 2 of headroom; starting the ramp
        // there (once losses are being covered) spreads the slowdown over more frames, so it can be
        // gentler for the same protection against a run of losses longer than the cover. The ramp spans
        // at most 1.25 send intervals of cover: a cover of several intervals bridges the first losses at
        // full speed, and stretching only the end keeps ordinary single losses from slowing motion.
        long halfJitter = cover > 0 ? (maxLagNs() - minLag) / 2 : 0;
        long zone = Math.min(cover, intervalNs * 5 / 4) + config.safetyMarginNs() + halfJitter;
        long headroom = newestServerTimeNs - renderTimeNs;
        if (zone <= 0 || headroom >= zone) {
            return Double.MAX_VALUE;
        }
        double fill = Math.max(0.0, (double) headroom / zone);
        return 1.0 - config.starvationSlowdown() * (1.0 - fill);
    }

    /**
     * How far render time may run past the newest snapshot (extrapolation): the configured limit, but
     * at most half a send interval. Extrapolated motion is a guess; when the next snapshot arrives the
     * picture snaps from the guess to the data, and keeping the guess that short keeps that snap
     * below half an interval's motion (for motion whose speed is bounded).
     */
    public long extrapolationLimitNs() {
        return intervalNs > 0 ? Math.min(config.maxExtrapolationNs(), intervalNs / 2) : config.maxExtrapolationNs();
    }

    private double scaleFor(long errorNs, long frameNs) {
        long magnitude = Math.abs(errorNs);
        if (magnitude <= NUDGE_DEAD_BAND_NS) {
            return 1.0;
        }
        double sign = Math.signum(errorNs);
        if (magnitude <= config.catchUpThresholdNs()) {
            double fraction = Math.min(1.0, (double) magnitude / NUDGE_FULL_NS);
            return 1.0 + sign * config.maxNudge() * fraction;
        }
        double scale = 1.0 + (double) errorNs / config.catchUpHorizonNs();
        if (sign > 0) {
            // Catching up shows frameNs * (scale - 1) of extra motion per frame; keeping that within half a
            // send interval keeps every frame's step within one interval's motion of a normal step.
            double fastest = config.maxCatchUpScale();
            if (intervalNs > 0 && frameNs > 0) {
                fastest = Math.min(fastest, Math.max(1.0 + config.maxNudge(), 1.0 + 0.5 * intervalNs / frameNs));
            }
            return Math.min(fastest, Math.max(scale, 1.0 + config.maxNudge()));
        }
        return Math.max(0.0, Math.min(scale, 1.0 - config.maxNudge()));
    }

    public long renderTimeNs() {
        return renderTimeNs;
    }

    public double timeScale() {
        return timeScale;
    }

    /** Smoothed interval between snapshots, as stamped by the server. */
    public long sendIntervalNs() {
        return intervalNs;
    }

    public long newestServerTimeNs() {
        return newestServerTimeNs;
    }
}
