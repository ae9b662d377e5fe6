package dev.netcode.core.interpolation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server and client simulated on one manual clock: the server stamps snapshots at 20 Hz with an
 * entity's position on a circle; a seeded link delays them by a base latency plus jitter; the client
 * renders at 60 fps through {@link SnapshotInterpolator}.
 */
@Timeout(60)
class InterpolationTimelineTest {
    private static final long MS = 1_000_000L;
    private static final long SEND_INTERVAL_NS = 50 * MS;
    private static final double FRAME_NS = 1e9 / 60;
    private static final long SERVER_OFFSET_NS = 987_654_321_000L;
    private static final double SPEED = 5.0; // metres per second
    private static final double RADIUS = 10.0;

    static double[] truePosition(long serverTimeNs) {
        double angle = SPEED / RADIUS * (serverTimeNs / 1e9);
        return new double[] {RADIUS * Math.cos(angle), RADIUS * Math.sin(angle)};
    }

    record Packet(long arrivalLocalNs, long serverTimeNs) {
    }

    /** Outcome of one run. */
    static final class Run {
        long underrunsAfterWarmup;
        double maxFrameStepMetres;
        double maxStepAfterWarmup;
        long finalBufferDelayNs;
        double finalErrorMetres;
        long finalRenderErrorNs;
    }

    static Run simulate(long seed, long jitterNs, long stallFromNs, long stallNs, double seconds) {
        return simulate(seed, jitterNs, stallFromNs, stallNs, seconds, 0.0);
    }

    static Run simulate(long seed, long jitterNs, long stallFromNs, long stallNs, double seconds, double loss) {
        System.out.println("seed " + seed + " jitter " + jitterNs / MS + " ms stall " + stallNs / MS + " ms");
        Random random = new Random(seed);
        long[] now = {0};
        ClockSync clock = new ClockSync();
        SnapshotInterpolator<double[]> interp = new SnapshotInterpolator<>(clock, InterpolationConfig.DEFAULT, () -> now[0]);
        List<Packet> inFlight = new ArrayList<>();
        long nextSendLocal = 0;
        long nextPing = 0;
        Run run = new Run();
        double[] lastRendered = null;
        long warmupEndNs = 5_000_000_000L;
        long frames = (long) (seconds * 60);
        for (long f = 0; f < frames; f++) {
            now[0] = Math.round(f * FRAME_NS);
            // Server sends every 50 ms of its clock; local = server - offset.
            while (nextSendLocal <= now[0]) {
                boolean stalled = nextSendLocal >= stallFromNs && nextSendLocal < stallFromNs + stallNs;
                if (!stalled && random.nextDouble() >= loss) {
                    long latency = 40 * MS + (jitterNs == 0 ? 0 : (long) ((random.nextDouble() * 2 - 1) * jitterNs));
                    inFlight.add(new Packet(nextSendLocal + latency, nextSendLocal + SERVER_OFFSET_NS));
                }
                nextSendLocal += SEND_INTERVAL_NS;
            }
            // A ping per second: up and down legs with independent jitter.
            if (now[0] >= nextPing) {
                long up = 40 * MS + (long) (random.nextDouble() * jitterNs);
                long down = 40 * MS + (long) (random.nextDouble() * jitterNs);
                clock.addSample(now[0], now[0] + up + SERVER_OFFSET_NS, now[0] + up + down);
                nextPing += 1_000_000_000L;
            }
            inFlight.sort((a, b) -> Long.compare(a.arrivalLocalNs, b.arrivalLocalNs));
            while (!inFlight.isEmpty() && inFlight.get(0).arrivalLocalNs <= now[0]) {
                Packet p = inFlight.remove(0);
                interp.onSnapshot(p.serverTimeNs, truePosition(p.serverTimeNs), p.arrivalLocalNs);
            }
            long before = interp.underruns();
            SnapshotBuffer.Sample<double[]> s = interp.update();
            if (s == null) {
                continue;
            }
            if (now[0] > warmupEndNs && interp.underruns() > before
                    && !(now[0] >= stallFromNs && now[0] < stallFromNs + stallNs + 200 * MS)) {
                run.underrunsAfterWarmup++;
            }
            double[] rendered = {
                Interpolators.linear(s.from[0], s.to[0], s.alpha), Interpolators.linear(s.from[1], s.to[1], s.alpha)};
            if (lastRendered != null) {
                double step = Math.hypot(rendered[0] - lastRendered[0], rendered[1] - lastRendered[1]);
                run.maxFrameStepMetres = Math.max(run.maxFrameStepMetres, step);
                if (now[0] > warmupEndNs) {
                    run.maxStepAfterWarmup = Math.max(run.maxStepAfterWarmup, step);
                }
            }
            lastRendered = rendered;
            double[] truth = truePosition(interp.timeline().renderTimeNs());
            run.finalErrorMetres = Math.hypot(rendered[0] - truth[0], rendered[1] - truth[1]);
            run.finalRenderErrorNs = interp.timeline().targetRenderTimeNs(now[0]) - interp.timeline().renderTimeNs();
        }
        run.finalBufferDelayNs = interp.timeline().bufferDelayNs();
        System.out.printf("underruns after warm-up %d, max frame step %.3f m, buffer delay %d ms, final error %.4f m, "
                + "render error %d ms%n", run.underrunsAfterWarmup, run.maxStepAfterWarmup, run.finalBufferDelayNs / MS,
                run.finalErrorMetres, run.finalRenderErrorNs / MS);
        return run;
    }

    @Test
    void steadyTwentyHertzWithElevenMsJitterNeverRunsDryOnceAdapted() {
        Run run = simulate(2026, 11 * MS, Long.MAX_VALUE / 2, 0, 65);
        assertThat(run.underrunsAfterWarmup).isZero();
        // delay beyond latency: at most three send intervals
        assertThat(run.finalBufferDelayNs).isLessThanOrEqualTo(3 * SEND_INTERVAL_NS);
        assertThat(Math.abs(run.finalRenderErrorNs)).isLessThan(5 * MS);
        // Linear interpolation on a 10 m circle between 50 ms snapshots: chord error is millimetres.
        assertThat(run.finalErrorMetres).isLessThan(0.01);
        // No hitch: every frame moves about SPEED / 60 (0.083 m), at most +5 % nudged.
        assertThat(run.maxStepAfterWarmup).isLessThan(SPEED / 60 * 1.1);
    }

    @Test
    void twoSecondStallRecoversWithoutAJumpLargerThanOneSendInterval() {
        Run run = simulate(7, 11 * MS, 10_000_000_000L, 2_000_000_000L, 25);
        double oneIntervalOfMotion = SPEED * SEND_INTERVAL_NS / 1e9;
        assertThat(run.maxStepAfterWarmup).isLessThanOrEqualTo(oneIntervalOfMotion);
        // ...and it is back on the target timeline, with no underruns outside the stall.
        assertThat(Math.abs(run.finalRenderErrorNs)).isLessThan(SEND_INTERVAL_NS);
        assertThat(run.underrunsAfterWarmup).isZero();
        assertThat(run.finalErrorMetres).isLessThan(0.01);
    }

    @Test
    void fivePercentLossIsAbsorbedByTheAdaptiveDelay() {
        Run run = simulate(31337, 11 * MS, Long.MAX_VALUE / 2, 0, 65, 0.05);
        // Each lost snapshot seen widens the delay by an interval (up to two). Only a run of losses longer
        // than any seen recently can still dry the buffer, for the few frames until the next snapshot.
        assertThat(run.underrunsAfterWarmup).isLessThanOrEqualTo(8);
        assertThat(run.finalBufferDelayNs).isLessThanOrEqualTo(3 * SEND_INTERVAL_NS + 22 * MS + 3 * MS);
        assertThat(run.maxStepAfterWarmup).isLessThan(SPEED / 60 * 1.1);
    }

    @Test
    void timeScaleStaysWithinTheNudgeForSmallErrors() {
        ClockSync clock = new ClockSync();
        InterpolationTimeline timeline = new InterpolationTimeline(clock, InterpolationConfig.DEFAULT);
        assertThat(timeline.advance(0)).isEqualTo(Long.MIN_VALUE);
        for (int i = 0; i < 20; i++) {
            timeline.onSnapshot(i * SEND_INTERVAL_NS, i * SEND_INTERVAL_NS + 30 * MS);
        }
        long now = 19 * SEND_INTERVAL_NS + 30 * MS;
        timeline.advance(now);
        // A 20 ms jump of the clock estimate: corrected by nudging, not jumping.
        clock.addSample(now, now + 20 * MS + 10 * MS, now + 20 * MS);
        long before = timeline.renderTimeNs();
        timeline.advance(now + 16 * MS);
        assertThat(timeline.timeScale()).isBetween(0.95, 1.05);
        assertThat(timeline.renderTimeNs() - before).isBetween(15 * MS, 17 * MS);
    }
}
