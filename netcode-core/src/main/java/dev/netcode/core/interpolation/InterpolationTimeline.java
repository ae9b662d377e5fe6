package dev.netcode.core.interpolation;

import java.util.Objects;

/**
 * The client's render clock: which server time to show this frame.
 *
 * <p>Target: {@code render = estimated server time − delay}, where the delay adapts to what is
 * measured: {@code delay = smallest recent arrival lag + buffer}, {@code buffer = send interval × (1 +
 * longest recent run of lost snapshots, at most {@link InterpolationConfig#coveredLossRun()}) + jitter
 * (worst minus smallest recent lag) + safety margin}, capped at
 * {@link InterpolationConfig#maxBufferIntervals()} send intervals (3 by default); the send interval is
 * the smallest gap between the server stamps of consecutive snapshots. While render time eats into the
 * loss cover (a snapshot is overdue) it runs {@link InterpolationConfig#starvationSlowdown()}
 * slower, so a second consecutive loss rarely runs the buffer dry even at the cap. The "arrival
 * lag" of a snapshot is the estimated server time at its arrival minus its server time stamp:
 * one-way latency plus jitter (plus any constant clock-sync error, which therefore cancels out). With
 * that delay the next snapshot has always arrived before render time reaches it, so the buffer does
 * not run dry. {@link #bufferDelayNs()} is the part of the delay beyond the best-case latency: send
 * interval + jitter + margin.
 *
 * <p>Render time is integrated, not recomputed: each frame it advances by the frame's duration times
 * a time scale. Small errors against the target are corrected by nudging the scale by at most
 * {@link InterpolationConfig#maxNudge()} (±5 %), invisible to players; errors above
 * {@link InterpolationConfig#catchUpThresholdNs()} (after a stall, a burst of late packets) use a
 * faster catch-up up to {@link InterpolationConfig#maxCatchUpScale()}, so motion speeds up but never
 * teleports; only errors above {@link InterpolationConfig#snapThresholdNs()} jump. Render time never
 * runs more than {@link InterpolationConfig#maxExtrapolationNs()} past the newest snapshot: during a
 * stall it holds there, and it never goes backwards.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Feed every received snapshot to {@link #onSnapshot}, including ones you drop as duplicates,
 *       with the local arrival time taken as early as possible (on the network thread).</li>
 *   <li>Call {@link #advance} exactly once per rendered frame with a monotonic clock.</li>
 * </ul>
 */
public final class InterpolationTimeline {
    private static final long NUDGE_DEAD_BAND_NS = 2_000_000L;
    private static final long NUDGE_FULL_NS = 20_000_000L;

    private final ClockSync clock;
    private final InterpolationConfig config;
    /** Gaps of more than this many missing snapshots are stalls, not losses. */
    private static final int STALL_LOSSES = 4;

    private final long[] rawLags;
    private final long[] gaps;
    private int lossRun;
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
        // Gaps are remembered longer than lags: losses are rarer than jitter, and forgetting the last
        // one too soon shrinks the delay just before the next.
        gaps[gapNext] = newestServerTimeNs == Long.MIN_VALUE || serverTimeNs <= newestServerTimeNs
                ? 0 : serverTimeNs - newestServerTimeNs;
        gapNext = (gapNext + 1) % gaps.length;
        gapCount = Math.min(gapCount + 1, gaps.length);
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
            long room = Math.round(intervalNs * config.maxBufferIntervals()) - base;
            cover = Math.min(cover, Math.max(Math.min(cover, intervalNs), room));
        }
        return cover;
    }

    /** The delay minus the smallest recent lag: send interval(s) + jitter + margin. */
    public long bufferDelayNs() {
        return delayNs() - (lagCount == 0 ? 0 : minLagNs());
    }

    private long maxLagNs() {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < lagCount; i++) {
            max = Math.max(max, rawLags[i]);
        }
        return max + clock.offsetNs();
    }

    private long minLagNs() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < lagCount; i++) {
            min = Math.min(min, rawLags[i]);
        }
        return min + clock.offsetNs();
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
            timeScale = scaleFor(error);
            // Dipping into the loss cover means a snapshot is overdue (lost): slow down a little,
            // stretching what is buffered so the next one usually arrives first.
            if (config.starvationSlowdown() > 0 && intervalNs > 0 && lagCount > 0
                    && newestServerTimeNs - renderTimeNs < lossCoverNs(minLagNs())) {
                timeScale = Math.min(timeScale, 1.0 - config.starvationSlowdown());
            }
            renderTimeNs += Math.round(frameNs * timeScale);
        }
        // Hold rather than run far past the data: after a stall we catch up smoothly instead of
        // jumping. Never step backwards, though: that would replay motion.
        long limit = newestServerTimeNs + config.maxExtrapolationNs();
        if (renderTimeNs > limit) {
            renderTimeNs = Math.max(limit, previous);
        }
        return renderTimeNs;
    }

    private double scaleFor(long errorNs) {
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
            return Math.min(config.maxCatchUpScale(), Math.max(scale, 1.0 + config.maxNudge()));
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
