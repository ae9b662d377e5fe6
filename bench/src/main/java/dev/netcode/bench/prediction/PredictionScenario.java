package dev.netcode.bench.prediction;

import dev.netcode.core.MessageRegistry;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.prediction.PredictionConfig;
import dev.netcode.core.prediction.PredictionMessages;
import dev.netcode.core.prediction.PredictionModel;
import dev.netcode.core.prediction.simulation.PredictionSimulation;
import java.util.Locale;

/**
 * One scenario of the prediction benchmark: a deterministic 1-D mover predicted by a client
 * against an authoritative server, run by {@link PredictionSimulation} on a virtual clock (the
 * same harness as netcode-core's acceptance tests), so a seed always gives the same figures and a
 * loaded machine changes nothing but the run time.
 */
public final class PredictionScenario {
    /** Scenario parameters. */
    public record Params(String name, double rttMs, double rttJitterMs, double lossPercent, int ticks, int redundancy,
            int pushEveryTicks, double maxCorrectionPerFrame, int rttChangeAtTick, double rttAfterChangeMs, long seed) {
        public static Params of(String name, double rttMs, double jitterMs, double lossPercent, int ticks, long seed) {
            return new Params(name, rttMs, jitterMs, lossPercent, ticks, PredictionConfig.defaults().redundancy(), 0,
                    Double.POSITIVE_INFINITY, -1, 0, seed);
        }

        public Params withRedundancy(int value) {
            return new Params(name, rttMs, rttJitterMs, lossPercent, ticks, value, pushEveryTicks, maxCorrectionPerFrame,
                    rttChangeAtTick, rttAfterChangeMs, seed);
        }

        public Params withPushes(int everyTicks, double maxCorrectionPerFrame) {
            return new Params(name, rttMs, rttJitterMs, lossPercent, ticks, redundancy, everyTicks, maxCorrectionPerFrame,
                    rttChangeAtTick, rttAfterChangeMs, seed);
        }

        public Params withRttChange(int atTick, double newRttMs) {
            return new Params(name, rttMs, rttJitterMs, lossPercent, ticks, redundancy, pushEveryTicks,
                    maxCorrectionPerFrame, atTick, newRttMs, seed);
        }
    }

    /** A scenario's parameters and what the simulation measured. */
    public record Result(Params params, int pushes, PredictionSimulation.Result sim) {
        /** Mean server slack and client target slack before and after the RTT change (NaN without one). */
        public double[] slackBeforeAndAfter() {
            int at = params.rttChangeAtTick();
            if (at < 0) {
                return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            }
            int n = params.ticks();
            return new double[] {sim.meanSlack(at / 4, at), sim.meanTargetSlack(at / 4, at),
                    sim.meanSlack(at + (n - at) / 4, n), sim.meanTargetSlack(at + (n - at) / 4, n)};
        }

        public String json() {
            String s = sim.json();
            StringBuilder extra = new StringBuilder(String.format(Locale.ROOT,
                    "\"rtt_ms\":%.0f,\"rtt_jitter_ms\":%.0f,\"loss_pct\":%.1f,\"redundancy\":%d,", params.rttMs(),
                    params.rttJitterMs(), params.lossPercent(), params.redundancy()));
            if (params.pushEveryTicks() > 0) {
                extra.append(String.format(Locale.ROOT, "\"pushes\":%d,\"max_correction_per_frame\":%.3f,", pushes,
                        params.maxCorrectionPerFrame()));
            }
            if (params.rttChangeAtTick() >= 0) {
                double[] s4 = slackBeforeAndAfter();
                extra.append(String.format(Locale.ROOT,
                        "\"rtt_after_ms\":%.0f,\"slack_before\":%.2f,\"target_before\":%.2f,\"slack_after\":%.2f,"
                                + "\"target_after\":%.2f,", params.rttAfterChangeMs(), s4[0], s4[1], s4[2], s4[3]));
            }
            return "{" + s.substring(1, s.indexOf(',') + 1) + extra + s.substring(s.indexOf(',') + 1);
        }
    }

    /** The player body. */
    public static final class Body {
        public float x;

        public Body() {}

        Body(float x) {
            this.x = x;
        }
    }

    /** One tick of input: -1, 0 or +1. */
    public static final class Move {
        public byte dx;

        public Move() {}

        Move(int dx) {
            this.dx = (byte) dx;
        }
    }

    static final float SPEED = 0.1f;
    static final float PUSH = 2.0f;

    static final PredictionModel<Body, Move> MODEL = new PredictionModel<>() {
        @Override
        public Body step(Body b, Move m) {
            b.x += m.dx * SPEED;
            return b;
        }

        @Override
        public Body copy(Body b) {
            return new Body(b.x);
        }

        @Override
        public boolean sameState(Body a, Body b) {
            return Float.floatToIntBits(a.x) == Float.floatToIntBits(b.x);
        }

        @Override
        public int renderDimensions() {
            return 1;
        }

        @Override
        public void renderPosition(Body b, double[] out) {
            out[0] = b.x;
        }
    };

    /**
     * The mover's script: a new direction (-1, 0, +1) every 1..8 ticks, a function of seed and tick.
     * It changes its mind often, so any input the server had to guess shows as a correction.
     */
    static Move script(long seed, int tick) {
        long h = mix(seed + (tick >>> 3));
        int runLength = 1 + (int) ((h >>> 8) & 7);
        return new Move((int) Math.floorMod(mix(seed ^ (tick / runLength) * 0x9E3779B97F4A7C15L), 3L) - 1);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static MessageRegistry registry() {
        MessageRegistry.Builder b = MessageRegistry.builder();
        PredictionMessages.register(b);
        return b.register(Move.class).register(Body.class).build();
    }

    private PredictionScenario() {}

    public static Result run(Params p) {
        PredictionConfig config = PredictionConfig.builder().redundancy(p.redundancy())
                .maxInputsPerPacket(Math.max(8, p.redundancy())).maxCorrectionPerFrame(p.maxCorrectionPerFrame()).build();
        int[] pushes = {0};
        var builder = PredictionSimulation.builder(MODEL, registry(), config, new Body(0), new Move(0), Move.class)
                .name(p.name()).seed(p.seed()).ticks(p.ticks()).script(tick -> script(p.seed(), tick))
                .link(LinkProfile.fromRoundTrip(p.name(), p.rttMs(), p.rttJitterMs(), p.lossPercent()));
        if (p.pushEveryTicks() > 0) {
            builder.disturbance((serverTick, body) -> {
                if (serverTick % p.pushEveryTicks() == 0) {
                    pushes[0]++;
                    body.x += PUSH;
                }
                return body;
            });
        }
        if (p.rttChangeAtTick() >= 0) {
            builder.changeLinkAt(p.rttChangeAtTick(),
                    LinkProfile.fromRoundTrip(p.name(), p.rttAfterChangeMs(), p.rttJitterMs(), p.lossPercent()));
        }
        PredictionSimulation.Result sim = builder.run();
        return new Result(p, pushes[0], sim);
    }
}
