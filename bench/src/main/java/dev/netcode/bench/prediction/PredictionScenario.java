package dev.netcode.bench.prediction;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetListener;
import dev.netcode.core.NetServer;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.core.prediction.PredictedClient;
import dev.netcode.core.prediction.PredictionConfig;
import dev.netcode.core.prediction.PredictionMessages;
import dev.netcode.core.prediction.PredictionModel;
import dev.netcode.core.prediction.ServerInputs;
import dev.netcode.core.transport.Transport;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One client predicting a deterministic mover against one server, over the in-memory transport
 * and the real link conditioner. Time is accelerated: the tick and every link delay are divided by
 * {@code speedup}, so the statistics per tick are those of a 60 Hz game at the nominal RTT.
 */
public final class PredictionScenario {
    /** Scenario parameters (nominal, i.e. at 60 Hz before acceleration). */
    public record Params(String name, double rttMs, double rttJitterMs, double lossPercent, int ticks, int redundancy,
            int pushEveryTicks, double maxCorrectionPerFrame, int rttChangeAtTick, double rttAfterChangeMs,
            double speedup, long seed) {
        public static Params of(String name, double rttMs, double jitterMs, double lossPercent, int ticks, long seed) {
            return new Params(name, rttMs, jitterMs, lossPercent, ticks, 3, 0, Double.POSITIVE_INFINITY, -1, 0, 2, seed);
        }

        public Params withPushes(int everyTicks, double maxCorrectionPerFrame) {
            return new Params(name, rttMs, rttJitterMs, lossPercent, ticks, redundancy, everyTicks, maxCorrectionPerFrame,
                    rttChangeAtTick, rttAfterChangeMs, speedup, seed);
        }

        public Params withSpeedup(double value) {
            return new Params(name, rttMs, rttJitterMs, lossPercent, ticks, redundancy, pushEveryTicks,
                    maxCorrectionPerFrame, rttChangeAtTick, rttAfterChangeMs, value, seed);
        }

        public Params withRttChange(int atTick, double newRttMs) {
            return new Params(name, rttMs, rttJitterMs, lossPercent, ticks, redundancy, pushEveryTicks,
                    maxCorrectionPerFrame, atTick, newRttMs, speedup, seed);
        }
    }

    /** What a run measured. Slack figures are in ticks, server side. */
    public record Result(String name, double rttMs, long ticks, long mispredictions, long corrections,
            double mispredictionsPerMinute, double correctionP50, double correctionP99, double inTimePercent,
            long inputsMissing, double arrivalSlackP1, double arrivalSlackP50, double arrivalSlackP99,
            double maxRenderExcess, double maxCorrectionStep, int maxCopiesPerTick, List<double[]> slackTimeline,
            double finalOffset, long serverApplied, long wrongInputs, long lateArrivals, double lostPercent) {
        public String json() {
            return String.format(java.util.Locale.ROOT,
                    "{\"name\":\"%s\",\"rtt_ms\":%.0f,\"ticks\":%d,\"mispredictions\":%d,\"corrections\":%d,"
                            + "\"mispredictions_per_min\":%.3f,\"correction_p50\":%.4f,\"correction_p99\":%.4f,"
                            + "\"inputs_in_time_pct\":%.3f,\"inputs_missing\":%d,\"arrival_slack_p1\":%.1f,"
                            + "\"arrival_slack_p50\":%.1f,\"arrival_slack_p99\":%.1f,\"inputs_lost_pct\":%.3f,"
                            + "\"late_arrivals\":%d,\"wrong_inputs_applied\":%d}",
                    name, rttMs, ticks, mispredictions, corrections, mispredictionsPerMinute, correctionP50,
                    correctionP99, inTimePercent, inputsMissing, arrivalSlackP1, arrivalSlackP50, arrivalSlackP99, lostPercent,
                    lateArrivals, wrongInputs);
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

    /** Authoritative state: the body after the input of {@code lastInputTick}. */
    public static final class State {
        public int lastInputTick;
        public float x;
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

    /** The mover's script: holds a direction for 90 ticks, then the next of -1, 0, +1. */
    static Move script(int tick) {
        return new Move((tick / 90) % 3 - 1);
    }

    static MessageRegistry registry() {
        MessageRegistry.Builder b = MessageRegistry.builder();
        PredictionMessages.register(b);
        return b.register(Move.class).register(State.class).build();
    }

    private PredictionScenario() {}

    public static Result run(Params p) throws InterruptedException {
        double tickMs = 1000.0 / 60 / p.speedup();
        PredictionConfig config = PredictionConfig.builder().tickMs(tickMs).redundancy(p.redundancy())
                .correctionHalfLifeMs(100 / p.speedup()).maxCorrectionPerFrame(p.maxCorrectionPerFrame()).build();
        MessageRegistry registry = registry();
        NetConfig net = NetConfig.builder("prediction-bench").keepAliveIntervalMs(50).timeoutMs(20_000).build();
        LinkProfile profile = LinkProfile.fromRoundTrip(p.name(), p.rttMs() / p.speedup(), p.rttJitterMs() / p.speedup(),
                p.lossPercent());
        try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
            ExtraDelayTransport shifter = new ExtraDelayTransport(network.transport());
            Transport clientTransport = Transports.conditioned(shifter, profile, p.seed());
            Transport serverTransport = network.transport();
            ServerInputs<Move> inputs = new ServerInputs<>(config, Move.class, new Move(0));
            java.util.Map<Integer, Body> bodies = new java.util.HashMap<>();
            NetServer server = new NetServer(net, registry, serverTransport, new NetListener() {
                @Override
                public void connected(Connection c) {
                    bodies.put(c.id(), new Body(0));
                }

                @Override
                public void received(Connection c, Object m, Channel ch) {
                    inputs.handle(c, m);
                }
            });
            server.bind("arena");
            PredictedClient<Body, Move> me = new PredictedClient<>(MODEL, config, new Body(0), 0);
            NetClient client = new NetClient(net, registry, clientTransport, new NetListener() {
                @Override
                public void received(Connection c, Object m, Channel ch) {
                    if (!me.handle(m) && m instanceof State s) {
                        me.onAuthoritativeState(s.lastInputTick, new Body(s.x));
                    }
                }
            });
            client.connect("arena");
            long start = System.nanoTime();
            long deadline = start + (long) ((p.ticks() * tickMs * 4 + 30_000) * 1e6);
            while (!client.isConnected() || server.connections().isEmpty()) {
                client.update();
                server.update();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no connection");
                }
                Thread.sleep(1);
            }
            Connection serverSide = server.connections().get(0);
            InputBuffer<Move> buffer = inputs.buffer(serverSide);
            List<double[]> slackTimeline = new ArrayList<>();
            // Client and server run on their own threads, as on two machines: a stall of one
            // does not stall the other (a shared loop would make the server catch up on inputs the
            // stalled client has not sent yet).
            ClientLoop loop = new ClientLoop(p, me, client, shifter, tickMs, deadline);
            Thread clientThread = new Thread(loop, "prediction-client-" + p.name());
            clientThread.setDaemon(true);
            long t0 = System.nanoTime();
            loop.t0 = t0;
            clientThread.start();
            int serverTick = 0;
            long wrongInputs = 0;
            double serverNextMs = 0;
            while (clientThread.isAlive()) {
                if (System.nanoTime() > deadline) {
                    clientThread.interrupt();
                    throw new IllegalStateException("scenario " + p.name() + " too slow");
                }
                double nowMs = (System.nanoTime() - t0) / 1e6;
                server.update();
                while (nowMs >= serverNextMs) {
                    serverNextMs += tickMs;
                    Body body = bodies.get(serverSide.id());
                    Move m = buffer.next();
                    if (m != null) {
                        MODEL.step(body, m);
                        if (m.dx != script(buffer.lastAppliedTick()).dx) {
                            wrongInputs++; // a missing input was replaced by a different one
                        }
                    }
                    serverTick++;
                    if (p.pushEveryTicks() > 0 && buffer.started() && serverTick % p.pushEveryTicks() == 0) {
                        body.x += PUSH;
                    }
                    State s = new State();
                    s.lastInputTick = buffer.lastAppliedTick();
                    s.x = body.x;
                    serverSide.send(s, Channel.UNRELIABLE_SEQUENCED);
                    inputs.sendFeedback(serverSide);
                    if (buffer.started()) {
                        slackTimeline.add(new double[] {buffer.lastAppliedTick(), buffer.slackTicks()});
                    }
                }
                LockSupport.parkNanos(100_000);
            }
            clientThread.join();
            if (loop.failure != null) {
                throw new IllegalStateException("client loop failed", loop.failure);
            }
            double maxExcess = loop.maxExcess;
            double maxStep = loop.maxStep;
            int maxCopies = loop.maxCopies;
            if (Boolean.getBoolean("prediction.debug")) { System.err.println("rejected=" + inputs.rejectedPackets() + " packets=" + buffer.packetsReceived() + " overflow=" + buffer.inputsOverflowed() + " stale=" + buffer.stalePackets() + " notSent=" + me.metrics().packetsNotSent()); }
            client.close();
            server.close();
            clientTransport.close();
            serverTransport.close();
            var metrics = me.metrics();
            return new Result(p.name(), p.rttMs(), metrics.ticks(), metrics.mispredictions(), metrics.corrections(),
                    metrics.mispredictions() / (metrics.ticks() / 3600.0), metrics.correctionPercentile(50), metrics.correctionPercentile(99),
                    100 * buffer.inTimeRatio(), buffer.inputsMissing(), buffer.arrivalSlackPercentile(1),
                    buffer.arrivalSlackPercentile(50), buffer.arrivalSlackPercentile(99), maxExcess, maxStep, maxCopies,
                    slackTimeline, me.correctionOffset(), buffer.inputsApplied(), wrongInputs, buffer.lateArrivals(),
                    100.0 * Math.max(0, buffer.inputsMissing() - buffer.lateArrivals())
                            / Math.max(1, buffer.inputsApplied() + buffer.inputsMissing()));
        }
    }

    /** The client's fixed-step loop (its step length follows the server's pacing). */
    private static final class ClientLoop implements Runnable {
        private final Params p;
        private final PredictedClient<Body, Move> me;
        private final NetClient client;
        private final ExtraDelayTransport shifter;
        private final double tickMs;
        private final long deadline;
        volatile long t0;
        volatile double maxExcess;
        volatile double maxStep;
        volatile int maxCopies = 1;
        volatile Throwable failure;

        ClientLoop(Params p, PredictedClient<Body, Move> me, NetClient client, ExtraDelayTransport shifter,
                double tickMs, long deadline) {
            this.p = p;
            this.me = me;
            this.client = client;
            this.shifter = shifter;
            this.tickMs = tickMs;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try {
                double[] render = new double[1];
                double prevRender = 0;
                float prevSim = 0;
                double clientNextMs = 0;
                boolean shifted = false;
                while (me.nextTick() < p.ticks() && System.nanoTime() < deadline) {
                    double nowMs = (System.nanoTime() - t0) / 1e6;
                    client.update();
                    while (nowMs >= clientNextMs && me.nextTick() < p.ticks()) {
                        clientNextMs += me.tickDurationMs();
                        int tick = me.nextTick();
                        if (!shifted && p.rttChangeAtTick() >= 0 && tick >= p.rttChangeAtTick()) {
                            shifted = true;
                            shifter.setExtraOneWayMs((p.rttAfterChangeMs() - p.rttMs()) / 2 / p.speedup());
                        }
                        me.tick(script(tick), client);
                        maxCopies = Math.max(maxCopies, me.copiesPerTick());
                        me.renderPosition(tickMs, render);
                        float sim = me.state().x;
                        maxStep = Math.max(maxStep, me.lastCorrectionStep());
                        maxExcess = Math.max(maxExcess, Math.abs(render[0] - prevRender) - Math.abs(sim - prevSim));
                        prevRender = render[0];
                        prevSim = sim;
                    }
                    LockSupport.parkNanos(100_000);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
