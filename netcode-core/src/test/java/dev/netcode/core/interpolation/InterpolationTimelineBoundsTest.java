package dev.netcode.core.interpolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The render clock's hard bounds, each on a hand-driven timeline (no link model): extrapolation at
 * most half a send interval, catch-up at most half an interval of extra motion per frame, the
 * overdue slowdown never below its floor, and the loss-rate-aware cap.
 */
@Timeout(30)
class InterpolationTimelineBoundsTest {
    private static final long MS = 1_000_000L;
    private static final long FRAME_NS = 16_666_667L;

    /** A timeline fed {@code count} snapshots at {@code intervalNs}, 30 ms of lag each, no clock offset. */
    private static InterpolationTimeline fed(long intervalNs, int count) {
        InterpolationTimeline t = new InterpolationTimeline(new ClockSync(), InterpolationConfig.DEFAULT);
        for (int i = 0; i < count; i++) {
            t.onSnapshot(i * intervalNs, i * intervalNs + 30 * MS);
        }
        return t;
    }

    @Test
    void extrapolationIsAtMostHalfASendInterval() {
        long interval = 1_000_000_000L / 60;
        InterpolationTimeline t = fed(interval, 30);
        assertThat(t.extrapolationLimitNs()).isEqualTo(interval / 2);
        long now = 29 * interval + 30 * MS;
        t.advance(now);
        // No more snapshots: render time may pass the newest by half an interval, then holds.
        long render = 0;
        for (int f = 1; f <= 120; f++) {
            render = t.advance(now + f * FRAME_NS);
        }
        assertThat(render - t.newestServerTimeNs()).isEqualTo(interval / 2);
        assertThat(fed(50 * MS, 30).extrapolationLimitNs()).isEqualTo(25 * MS);
    }

    @Test
    void catchUpAfterAStallAddsAtMostHalfASendIntervalPerFrame() {
        for (int hz : new int[] {20, 30, 60}) {
            long interval = 1_000_000_000L / hz;
            InterpolationTimeline t = new InterpolationTimeline(new ClockSync(), InterpolationConfig.DEFAULT);
            int sent = 0;
            long previous = Long.MIN_VALUE;
            long maxAdvance = 0;
            long maxBehind = 0;
            for (int f = 0; f < 60 * 12; f++) {
                long now = f * FRAME_NS;
                // Snapshots with 30 ms of lag, none sent from 2 s to 4 s (a stall).
                while (sent * interval + 30 * MS <= now) {
                    long at = sent * interval;
                    if (at < 2_000_000_000L || at >= 4_000_000_000L) {
                        t.onSnapshot(at, at + 30 * MS);
                    }
                    sent++;
                }
                long render = t.advance(now);
                if (previous != Long.MIN_VALUE) {
                    maxAdvance = Math.max(maxAdvance, render - previous);
                }
                previous = render;
                maxBehind = Math.max(maxBehind, t.targetRenderTimeNs(now) - render);
            }
            assertThat(maxBehind).as("%d Hz: the stall put render time far behind", hz).isGreaterThan(1_500_000_000L);
            assertThat(maxAdvance).as("%d Hz", hz).isLessThanOrEqualTo(FRAME_NS + interval / 2 + 1);
            assertThat(maxAdvance).as("%d Hz: it does catch up", hz).isGreaterThan(FRAME_NS * 14 / 10);
            assertThat(Math.abs(t.targetRenderTimeNs((12 * 60 - 1) * FRAME_NS) - previous)).as("%d Hz: caught up", hz)
                    .isLessThan(5 * MS);
        }
    }

    @Test
    void anOverdueSnapshotSlowsRenderTimeButNeverBelowTheFloor() {
        long interval = 50 * MS;
        InterpolationTimeline t = new InterpolationTimeline(new ClockSync(), InterpolationConfig.DEFAULT);
        SplittableRandom random = new SplittableRandom(42);
        System.out.println("seed 42");
        long now = 0;
        int sent = 0;
        double minScale = 1;
        for (int f = 0; f < 60 * 30; f++) {
            now = f * FRAME_NS;
            // 20 Hz with 10 ms of jitter; every 100th snapshot lost (a loss is seen, so losses get covered)
            // and, at 20 s, four in a row: a run longer than the cover.
            while (sent * interval + 40 * MS <= now) {
                boolean lost = sent % 100 == 50 || (sent >= 400 && sent < 404);
                if (!lost) {
                    t.onSnapshot(sent * interval, sent * interval + 30 * MS + random.nextLong(10 * MS));
                }
                sent++;
            }
            t.advance(now);
            minScale = Math.min(minScale, t.timeScale());
        }
        double floor = 1 - InterpolationConfig.DEFAULT.starvationSlowdown();
        assertThat(minScale).isLessThan(1 - InterpolationConfig.DEFAULT.maxNudge());
        assertThat(minScale).isGreaterThanOrEqualTo(floor - 1e-9);
    }

    @Test
    void theLossRateIsMeasuredAndFrequentLongRunsRaiseTheCapByOneInterval() {
        long interval = 1_000_000_000L / 60;
        SplittableRandom random = new SplittableRandom(7);
        System.out.println("seed 7");
        InterpolationTimeline low = new InterpolationTimeline(new ClockSync(), InterpolationConfig.DEFAULT);
        InterpolationTimeline high = new InterpolationTimeline(new ClockSync(), InterpolationConfig.DEFAULT);
        for (int i = 0; i < 20_000; i++) {
            long jitter = random.nextLong(11 * MS);
            if (random.nextDouble() >= 0.03) {
                low.onSnapshot(i * interval, i * interval + 30 * MS + jitter);
            }
            if (random.nextDouble() >= 0.06) {
                high.onSnapshot(i * interval, i * interval + 30 * MS + jitter);
            }
        }
        assertThat(low.lossRate()).isBetween(0.015, 0.045);
        assertThat(high.lossRate()).isBetween(0.04, 0.08);
        // 3 % at 60 Hz: triple losses ~0.1/min, the 3-interval cap holds. 6 %: ~0.8/min, one more interval.
        assertThat(low.bufferDelayNs()).isLessThanOrEqualTo(3 * interval);
        assertThat(high.bufferDelayNs()).isGreaterThan(3 * interval).isLessThanOrEqualTo(4 * interval);
    }
}
