package dev.netcode.core.interpolation;

/**
 * Knobs of {@link InterpolationTimeline}; {@link #DEFAULT} suits 20 to 60 Hz snapshots.
 *
 * @param lagWindow arrival lags remembered to measure jitter (64 ≈ 3 s at 20 Hz)
 * @param safetyMarginNs extra delay on top of send interval and the worst lag in the window
 * @param maxNudge time-scale change for small errors (0.05 = ±5 %)
 * @param catchUpThresholdNs errors above this switch from nudging to catching up
 * @param maxCatchUpScale fastest time scale while catching up (2 = double speed); the timeline further
 *                        limits it to half a send interval of extra motion per frame
 * @param catchUpHorizonNs a catch-up aims to close the error within about this time
 * @param snapThresholdNs errors above this jump straight to the target (first frame, long pauses)
 * @param maxExtrapolationNs how far past the newest snapshot render time may run (the timeline also caps
 *                           it at half a send interval, which bounds the snap when data resumes)
 * @param coveredLossRun longest run of lost snapshots the delay absorbs (0 to 4): each lost snapshot
 *                       seen recently adds a send interval to the delay. 2 gives no hitches at a few
 *                       percent loss; 1 trades an occasional hitch for one interval less latency.
 * @param maxBufferIntervals cap on the buffer part of the delay (beyond the best-case latency), in
 *                           send intervals; 0 = no cap. Never below one interval + jitter + margin.
 * @param starvationSlowdown the most render time slows (0.75 = down to 25 % speed) while a snapshot is
 *                           overdue: the slowdown ramps up linearly as the headroom before the newest
 *                           snapshot shrinks, stretching the buffer so the next snapshot usually
 *                           arrives before it runs dry; 0 disables it
 */
public record InterpolationConfig(int lagWindow, long safetyMarginNs, double maxNudge, long catchUpThresholdNs,
        double maxCatchUpScale, long catchUpHorizonNs, long snapThresholdNs, long maxExtrapolationNs,
        int coveredLossRun, double maxBufferIntervals, double starvationSlowdown) {

    public static final InterpolationConfig DEFAULT = new InterpolationConfig(64, 3_000_000L, 0.05, 150_000_000L,
            2.0, 1_000_000_000L, 10_000_000_000L, 50_000_000L, 2, 3.0, 0.75);

    public InterpolationConfig {
        if (lagWindow < 2 || lagWindow > 4096) {
            throw new IllegalArgumentException("lagWindow must be 2..4096");
        }
        if (safetyMarginNs < 0 || maxExtrapolationNs < 0) {
            throw new IllegalArgumentException("margins must be >= 0");
        }
        if (!(maxNudge > 0 && maxNudge < 0.5)) {
            throw new IllegalArgumentException("maxNudge must be in (0, 0.5)");
        }
        if (!(maxCatchUpScale >= 1 + maxNudge) || catchUpHorizonNs <= 0) {
            throw new IllegalArgumentException("maxCatchUpScale must be >= 1 + maxNudge, horizon > 0");
        }
        if (coveredLossRun < 0 || coveredLossRun > 4) {
            throw new IllegalArgumentException("coveredLossRun must be 0..4");
        }
        if (!(maxBufferIntervals == 0 || maxBufferIntervals >= 1) || !(starvationSlowdown >= 0 && starvationSlowdown <= 0.9)) {
            throw new IllegalArgumentException("maxBufferIntervals must be 0 or >= 1, starvationSlowdown in [0, 0.9]");
        }
        if (catchUpThresholdNs <= 0 || snapThresholdNs <= catchUpThresholdNs) {
            throw new IllegalArgumentException("need 0 < catchUpThreshold < snapThreshold");
        }
    }

    public InterpolationConfig withCoveredLossRun(int run) {
        return new InterpolationConfig(lagWindow, safetyMarginNs, maxNudge, catchUpThresholdNs, maxCatchUpScale,
                catchUpHorizonNs, snapThresholdNs, maxExtrapolationNs, run, maxBufferIntervals, starvationSlowdown);
    }

    public InterpolationConfig withMaxBufferIntervals(double intervals) {
        return new InterpolationConfig(lagWindow, safetyMarginNs, maxNudge, catchUpThresholdNs, maxCatchUpScale,
                catchUpHorizonNs, snapThresholdNs, maxExtrapolationNs, coveredLossRun, intervals, starvationSlowdown);
    }

    public InterpolationConfig withStarvationSlowdown(double slowdown) {
        return new InterpolationConfig(lagWindow, safetyMarginNs, maxNudge, catchUpThresholdNs, maxCatchUpScale,
                catchUpHorizonNs, snapThresholdNs, maxExtrapolationNs, coveredLossRun, maxBufferIntervals, slowdown);
    }
}
