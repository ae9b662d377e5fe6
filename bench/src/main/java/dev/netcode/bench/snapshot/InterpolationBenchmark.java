package dev.netcode.bench.snapshot;

import dev.netcode.core.interpolation.ClockSync;
import dev.netcode.core.interpolation.InterpolationConfig;
import dev.netcode.core.interpolation.Interpolators;
import dev.netcode.core.interpolation.SnapshotBuffer;
import dev.netcode.core.interpolation.SnapshotInterpolator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Snapshot interpolation under network conditions: the server moves an entity along a known smooth
 * path (a 10 m circle at 5 m/s) and stamps snapshots at 20, 30 or 60 Hz; a seeded link delays, jitters
 * and drops them (and the clock-sync pings); the client renders at 60 fps through
 * {@link SnapshotInterpolator}. Per case it reports hitches per minute (frames where render time was
 * past the newest snapshot: the buffer ran dry and the frame was extrapolated), frozen frames per
 * minute (the subset where the bounded extrapolation was used up and the picture stopped), mean and
 * p99 position error against the true path at the rendered time, and the mean interpolation delay
 * beyond the best-case latency (send interval(s) + jitter + margin).
 *
 * <p>Link presets mirror the conditioner's ({@code lan}, {@code broadband-p50}, {@code broadband-p95},
 * {@code 4g-p95}: round-trip latency and jitter split evenly per direction, loss per direction) plus
 * Gaffer on Games' case: 5 % loss and ±2 frames (±33 ms) of jitter on a 100 ms round trip. The first
 * 5 seconds (adaptation) are not scored.
 */
public final class InterpolationBenchmark {
    private static final long MS = 1_000_000L;
    private static final double SPEED = 5.0;
    private static final double RADIUS = 10.0;
    private static final long SERVER_OFFSET_NS = 987_654_321_000L;
    private static final long WARMUP_NS = 5_000_000_000L;

    /** A link: round-trip latency, round-trip jitter (uniform, split per direction), loss per direction. */
    public record Link(String name, double rttMs, double rttJitterMs, double loss) {
    }

    public static final List<Link> LINKS = List.of(
            new Link("lan", 1, 0, 0),
            new Link("broadband-p50", 66, 11, 0.03),
            new Link("broadband-p95", 151, 11, 0.04),
            new Link("4g-p95", 185, 15, 0.06),
            new Link("gaffer-5pct-2frames", 100, 133.3, 0.05));

    /** One case's figures. */
    public record CaseResult(String link, int sendHz, double hitchesPerMinute, double frozenPerMinute,
            double meanErrorMetres, double p99ErrorMetres, double meanDelayMs, double meanDelayIntervals) {
        String toJson() {
            return String.format(Locale.ROOT,
                    "{\"link\":\"%s\",\"send_hz\":%d,\"hitches_per_min\":%.2f,\"frozen_frames_per_min\":%.2f,"
                            + "\"mean_error_m\":%.4f,\"p99_error_m\":%.4f,\"mean_delay_ms\":%.1f,\"mean_delay_intervals\":%.2f}",
                    link, sendHz, hitchesPerMinute, frozenPerMinute, meanErrorMetres, p99ErrorMetres, meanDelayMs,
                    meanDelayIntervals);
        }
    }

    private InterpolationBenchmark() {
    }

    static double[] truePosition(long serverTimeNs) {
        double angle = SPEED / RADIUS * (serverTimeNs / 1e9);
        return new double[] {RADIUS * Math.cos(angle), RADIUS * Math.sin(angle)};
    }

    private record Packet(long arrivalNs, long serverTimeNs) {
    }

    public static CaseResult runCase(Link link, int sendHz, double seconds, long seed) {
        return simulate(link, sendHz, seconds, seed, -1, 0, null);
    }

    /** A 2-second outage of the server-to-client path and how smoothly the client recovers. */
    public record StallResult(int sendHz, double stallSeconds, double maxFrameStepMetres, double maxExcessStepMetres,
            double sendIntervalMotionMetres, double frozenFramesDuringStall, double recoverySeconds) {
        public boolean withinOneIntervalOfMotion() {
            return maxExcessStepMetres <= sendIntervalMotionMetres + 1e-9;
        }

        String toJson() {
            return String.format(Locale.ROOT,
                    "{\"link\":\"broadband-p50\",\"send_hz\":%d,\"stall_s\":%.1f,\"max_frame_step_m\":%.4f,"
                            + "\"max_excess_step_m\":%.4f,\"send_interval_motion_m\":%.4f,\"within_one_interval\":%b,"
                            + "\"frozen_frames_during_stall\":%.0f,\"recovery_s\":%.2f}",
                    sendHz, stallSeconds, maxFrameStepMetres, maxExcessStepMetres, sendIntervalMotionMetres,
                    withinOneIntervalOfMotion(), frozenFramesDuringStall, recoverySeconds);
        }
    }

    /**
     * broadband-p50 with every server-to-client packet dropped for 2 s from t = 20 s. The "jump" is the
     * rendered position's step in one frame beyond the true path's motion in one frame at normal
     * speed (catch-up speeds motion up; a teleport shows as a large excess).
     */
    public static StallResult runStall(int sendHz, long seed) {
        double[] stats = new double[4];
        simulate(LINKS.get(1), sendHz, 40, seed, 20_000_000_000L, 2_000_000_000L, stats);
        return new StallResult(sendHz, 2.0, stats[0], stats[1], SPEED / sendHz, stats[2], stats[3]);
    }

    public static String describe(CaseResult r) {
        return String.format(Locale.ROOT,
                "%-20s %2d Hz  hitches/min %6.2f  frozen/min %6.2f  mean err %.4f m  p99 err %.4f m  delay %.1f ms (%.2f intervals)",
                r.link(), r.sendHz(), r.hitchesPerMinute(), r.frozenPerMinute(), r.meanErrorMetres(), r.p99ErrorMetres(),
                r.meanDelayMs(), r.meanDelayIntervals());
    }

    public static String describe(StallResult r) {
        return String.format(Locale.ROOT,
                "stall 2 s at broadband-p50 %2d Hz: max frame step %.3f m, excess over normal motion %.3f m"
                        + " (one send interval = %.3f m: %s), frozen frames %.0f, back on target after %.2f s",
                r.sendHz(), r.maxFrameStepMetres(), r.maxExcessStepMetres(), r.sendIntervalMotionMetres(),
                r.withinOneIntervalOfMotion() ? "ok" : "EXCEEDED", r.frozenFramesDuringStall(), r.recoverySeconds());
    }

    private static CaseResult simulate(Link link, int sendHz, double seconds, long seed, long stallAtNs, long stallNs,
            double[] stallStats) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] now = {0};
        ClockSync clock = new ClockSync();
        SnapshotInterpolator<double[]> interp =
                new SnapshotInterpolator<>(clock, InterpolationConfig.DEFAULT, () -> now[0]);
        PriorityQueue<Packet> inFlight = new PriorityQueue<>((a, b) -> Long.compare(a.arrivalNs, b.arrivalNs));
        long sendIntervalNs = 1_000_000_000L / sendHz;
        long nextSend = 0;
        long nextPing = 0;
        long frames = Math.round(seconds * 60);
        long scoredFrames = 0;
        long underrunFrames = 0;
        long heldFrames = 0;
        double delaySum = 0;
        double lastX = 0;
        double lastY = 0;
        long recoveredAt = -1;
        List<Double> errors = new ArrayList<>();
        for (long f = 0; f < frames; f++) {
            now[0] = Math.round(f * 1e9 / 60);
            while (nextSend <= now[0]) {
                boolean stalled = nextSend >= stallAtNs && nextSend < stallAtNs + stallNs;
                if (random.nextDouble() >= link.loss() && !stalled) {
                    inFlight.add(new Packet(nextSend + oneWayNs(link, random), nextSend + SERVER_OFFSET_NS));
                }
                nextSend += sendIntervalNs;
            }
            if (now[0] >= nextPing) {
                nextPing += 1_000_000_000L;
                if (random.nextDouble() >= link.loss() && random.nextDouble() >= link.loss()) {
                    long up = oneWayNs(link, random);
                    long down = oneWayNs(link, random);
                    clock.addSample(now[0], now[0] + up + SERVER_OFFSET_NS, now[0] + up + down);
                }
            }
            while (!inFlight.isEmpty() && inFlight.peek().arrivalNs <= now[0]) {
                Packet p = inFlight.poll();
                interp.onSnapshot(p.serverTimeNs, truePosition(p.serverTimeNs), p.arrivalNs);
            }
            long before = interp.underruns();
            long heldBefore = interp.heldFrames();
            SnapshotBuffer.Sample<double[]> s = interp.update();
            if (s == null || now[0] < WARMUP_NS) {
                continue;
            }
            if (stallStats != null) {
                double px = Interpolators.linear(s.from[0], s.to[0], s.alpha);
                double py = Interpolators.linear(s.from[1], s.to[1], s.alpha);
                if (now[0] >= stallAtNs - 1_000_000_000L) {
                    double step = Math.hypot(px - lastX, py - lastY);
                    stallStats[0] = Math.max(stallStats[0], step);
                    stallStats[1] = Math.max(stallStats[1], step - SPEED / 60.0);
                    if (interp.heldFrames() > heldBefore) {
                        stallStats[2]++;
                    }
                    long behind = interp.timeline().targetRenderTimeNs(now[0]) - interp.timeline().renderTimeNs();
                    if (now[0] > stallAtNs + stallNs && recoveredAt < 0 && Math.abs(behind) < 5 * MS) {
                        recoveredAt = now[0];
                        stallStats[3] = (recoveredAt - stallAtNs - stallNs) / 1e9;
                    }
                }
                lastX = px;
                lastY = py;
            }
            scoredFrames++;
            if (interp.underruns() > before) {
                underrunFrames++;
            }
            if (interp.heldFrames() > heldBefore) {
                heldFrames++;
            }
            double x = Interpolators.linear(s.from[0], s.to[0], s.alpha);
            double y = Interpolators.linear(s.from[1], s.to[1], s.alpha);
            double[] truth = truePosition(interp.timeline().renderTimeNs());
            errors.add(Math.hypot(x - truth[0], y - truth[1]));
            delaySum += interp.timeline().bufferDelayNs();
        }
        double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(0);
        double p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        double minutes = scoredFrames / 60.0 / 60.0;
        double meanDelayNs = scoredFrames == 0 ? 0 : delaySum / scoredFrames;
        return new CaseResult(link.name(), sendHz, underrunFrames / minutes, heldFrames / minutes, mean, p99,
                meanDelayNs / MS, meanDelayNs / sendIntervalNs);
    }

    private static long oneWayNs(Link link, SplittableRandom random) {
        double ms = link.rttMs() / 2 + (random.nextDouble() * 2 - 1) * link.rttJitterMs() / 4;
        return Math.round(Math.max(0, ms) * MS);
    }

    /** All links at 20, 30 and 60 Hz. */
    public static List<CaseResult> run(double seconds, long seed) {
        List<CaseResult> results = new ArrayList<>();
        for (Link link : LINKS) {
            for (int hz : new int[] {20, 30, 60}) {
                results.add(runCase(link, hz, seconds, seed));
            }
        }
        return results;
    }

    public static String toJson(List<CaseResult> results, List<StallResult> stalls, double seconds, long seed) {
        String base = toJson(results, seconds, seed);
        StringBuilder sb = new StringBuilder(base.substring(0, base.length() - 1)).append(",\"stall\":[");
        for (int i = 0; i < stalls.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(stalls.get(i).toJson());
        }
        return sb.append("]}").toString();
    }

    public static String toJson(List<CaseResult> results, double seconds, long seed) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "{\"bench\":\"interpolation\",\"seconds\":%.0f,\"seed\":%d,\"render_fps\":60,\"cases\":[", seconds, seed));
        for (int i = 0; i < results.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(results.get(i).toJson());
        }
        return sb.append("]}").toString();
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 120;
        long seed = 20261126L;
        List<CaseResult> results = run(seconds, seed);
        for (CaseResult r : results) {
            System.out.printf(Locale.ROOT,
                    "%-20s %2d Hz  hitches/min %6.2f  frozen/min %6.2f  mean err %.4f m  p99 err %.4f m  delay %.1f ms (%.2f intervals)%n",
                    r.link(), r.sendHz(), r.hitchesPerMinute(), r.frozenPerMinute(), r.meanErrorMetres(), r.p99ErrorMetres(),
                    r.meanDelayMs(), r.meanDelayIntervals());
        }
        System.out.println(toJson(results, seconds, seed));
    }
}
