package dev.netcode.core.interpolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.core.conditioner.LinkConditions;
import dev.netcode.core.conditioner.LinkPreset;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The interpolation targets, checked in simulated time (no wall clock, so the outcome does not
 * depend on machine load): a server stamps snapshots of an entity on a 10 m circle at 5 m/s; a seeded
 * link with the conditioner preset's own figures (per direction: latency ± uniform jitter, loss) delays
 * and drops them and the clock-sync pings; the client's clock runs 100 ppm fast; the client renders at
 * 60 fps through {@link SnapshotInterpolator}. A hitch is a frame whose render time is past the newest
 * snapshot (no pair to interpolate between), whatever extrapolation then draws.
 */
@Timeout(60)
class InterpolationAcceptanceTest {
    private static final long MS = 1_000_000L;
    private static final double SPEED = 5.0;
    private static final double RADIUS = 10.0;
    private static final long SERVER_OFFSET_NS = 987_654_321_000L;
    private static final long WARMUP_NS = 5_000_000_000L;
    private static final double DRIFT = 1 + 100e-6;
    private static final long SEED = 20261126L;

    private record Packet(long arrivalTrueNs, long serverTimeNs) {
    }

    /** What one run measured (scored after the warm-up). */
    private static final class Outcome {
        long frames;
        long hitches;
        long slowed;
        double maxBufferDelayNs;
        double maxExcessStepMetres;
        long finalRenderErrorNs;
        double maxPositionErrorMetres;
    }

    private static double[] truePosition(long serverTimeNs) {
        double angle = SPEED / RADIUS * (serverTimeNs / 1e9);
        return new double[] {RADIUS * Math.cos(angle), RADIUS * Math.sin(angle)};
    }

    private static long oneWayNs(LinkConditions link, SplittableRandom random) {
        double ms = link.latencyMs() + (random.nextDouble() * 2 - 1) * link.jitterMs();
        return Math.round(Math.max(0, ms) * MS);
    }

    private static Outcome run(LinkPreset preset, int sendHz, double seconds, long seed, long stallAtNs, long stallNs) {
        System.out.printf("%s at %d Hz for %.0f s, seed %d%n", preset.cliName(), sendHz, seconds, seed);
        LinkConditions link = preset.profile().down();
        double loss = link.lossPercent() / 100;
        SplittableRandom random = new SplittableRandom(seed);
        long[] localNow = {0};
        ClockSync clock = new ClockSync();
        SnapshotInterpolator<double[]> interp =
                new SnapshotInterpolator<>(clock, InterpolationConfig.DEFAULT, () -> localNow[0]);
        PriorityQueue<Packet> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.arrivalTrueNs, b.arrivalTrueNs));
        long intervalNs = 1_000_000_000L / sendHz;
        long nextSend = 0;
        long nextPingLocal = 0;
        double[] last = null;
        Outcome o = new Outcome();
        for (long f = 0; f < Math.round(seconds * 60); f++) {
            localNow[0] = Math.round(f * 1e9 / 60);
            long trueNow = Math.round(localNow[0] / DRIFT);
            while (nextSend <= trueNow) {
                boolean stalled = nextSend >= stallAtNs && nextSend < stallAtNs + stallNs;
                if (random.nextDouble() >= loss && !stalled) {
                    inFlight.add(new Packet(nextSend + oneWayNs(link, random), nextSend + SERVER_OFFSET_NS));
                }
                nextSend += intervalNs;
            }
            if (localNow[0] >= nextPingLocal) {
                nextPingLocal += 1_000_000_000L;
                if (random.nextDouble() >= loss && random.nextDouble() >= loss) {
                    long up = oneWayNs(link, random);
                    long down = oneWayNs(link, random);
                    clock.addSample(localNow[0], trueNow + up + SERVER_OFFSET_NS, Math.round((trueNow + up + down) * DRIFT));
                }
            }
            while (!inFlight.isEmpty() && inFlight.peek().arrivalTrueNs <= trueNow) {
                Packet p = inFlight.poll();
                interp.onSnapshot(p.serverTimeNs, truePosition(p.serverTimeNs), Math.round(p.arrivalTrueNs * DRIFT));
            }
            long underrunsBefore = interp.underruns();
            long slowedBefore = interp.slowedFrames();
            SnapshotBuffer.Sample<double[]> s = interp.update();
            if (s == null) {
                continue;
            }
            double[] shown = {
                Interpolators.linear(s.from[0], s.to[0], s.alpha), Interpolators.linear(s.from[1], s.to[1], s.alpha)};
            if (trueNow >= WARMUP_NS) {
                o.frames++;
                boolean inStall = trueNow >= stallAtNs && trueNow < stallAtNs + stallNs + 500 * MS;
                if (interp.underruns() > underrunsBefore && !inStall) {
                    o.hitches++;
                }
                if (interp.slowedFrames() > slowedBefore) {
                    o.slowed++;
                }
                o.maxBufferDelayNs = Math.max(o.maxBufferDelayNs, interp.timeline().bufferDelayNs());
                if (last != null) {
                    double step = Math.hypot(shown[0] - last[0], shown[1] - last[1]);
                    o.maxExcessStepMetres = Math.max(o.maxExcessStepMetres, step - SPEED / 60);
                }
                double[] truth = truePosition(interp.timeline().renderTimeNs());
                o.maxPositionErrorMetres = Math.max(o.maxPositionErrorMetres,
                        Math.hypot(shown[0] - truth[0], shown[1] - truth[1]));
            }
            last = shown;
            o.finalRenderErrorNs = interp.timeline().targetRenderTimeNs(localNow[0]) - interp.timeline().renderTimeNs();
        }
        System.out.printf("  frames %d, hitches %d, slowed %d, max buffer delay %.1f ms (%.2f intervals), max excess step"
                        + " %.4f m, max position error %.4f m, final render error %.1f ms%n", o.frames, o.hitches, o.slowed,
                o.maxBufferDelayNs / MS, o.maxBufferDelayNs / intervalNs, o.maxExcessStepMetres,
                o.maxPositionErrorMetres, o.finalRenderErrorNs / (double) MS);
        return o;
    }

    @ParameterizedTest(name = "broadband-p50 at {0} Hz")
    @ValueSource(ints = {20, 30, 60})
    void broadbandP50HasNoDryFrameWithinThreeSendIntervalsOfDelay(int sendHz) {
        Outcome o = run(LinkPreset.BROADBAND_P50, sendHz, 180, SEED, -1, 0);
        assertThat(o.frames).isGreaterThan(60 * 170);
        assertThat(o.hitches).as("frames with no snapshot pair to interpolate between").isZero();
        assertThat(o.maxBufferDelayNs).isLessThanOrEqualTo(3.0 * (1_000_000_000L / sendHz));
        // Slowed frames are a small minority: motion is stretched around losses, not all the time.
        assertThat(o.slowed).isLessThan(o.frames / 20);
        assertThat(o.maxPositionErrorMetres).isLessThan(0.01);
    }

    @ParameterizedTest(name = "4g-p95 at {0} Hz")
    @ValueSource(ints = {20, 30, 60})
    void mobileP95HasAtMostOneHitchPerMinute(int sendHz) {
        Outcome o = run(LinkPreset.MOBILE_4G_P95, sendHz, 180, SEED, -1, 0);
        double minutes = o.frames / 3600.0;
        assertThat(o.hitches / minutes).isLessThanOrEqualTo(1.0);
    }

    @ParameterizedTest(name = "2 s stall at {0} Hz")
    @ValueSource(ints = {20, 30, 60})
    void twoSecondStallRecoversWithoutAJumpOfMoreThanOneSendIntervalOfMotion(int sendHz) {
        Outcome o = run(LinkPreset.BROADBAND_P50, sendHz, 40, SEED, 20_000_000_000L, 2_000_000_000L);
        double oneIntervalOfMotion = SPEED / sendHz;
        assertThat(o.maxExcessStepMetres).isLessThanOrEqualTo(oneIntervalOfMotion);
        // Caught up again (within the nudge dead band and a few ms) well before the end.
        assertThat(Math.abs(o.finalRenderErrorNs)).isLessThan(10 * MS);
        assertThat(o.hitches).as("dry frames outside the stall").isZero();
    }
}
