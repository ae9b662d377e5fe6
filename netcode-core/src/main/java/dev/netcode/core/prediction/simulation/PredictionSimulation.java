package dev.netcode.core.prediction.simulation;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.prediction.InputBuffer;
import dev.netcode.core.prediction.InputFeedback;
import dev.netcode.core.prediction.InputPacket;
import dev.netcode.core.prediction.InputPacketException;
import dev.netcode.core.prediction.PredictedClient;
import dev.netcode.core.prediction.PredictionConfig;
import dev.netcode.core.prediction.PredictionModel;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * One predicting client against one authoritative server on a virtual clock, with a
 * {@link VirtualLink} each way: the real {@link PredictedClient} and {@link InputBuffer}, every
 * message serialized with the game's {@link MessageRegistry} (Kryo) as on the wire. Use it to test
 * a {@link PredictionModel} and a {@link PredictionConfig} under latency, jitter and loss: ten
 * thousand ticks take well under a second and a seed always gives the same figures.
 *
 * <pre>{@code
 * PredictionSimulation.Result r = PredictionSimulation.builder(model, registry, config, spawn, Move.NONE, Move.class)
 *         .script(tick -> botMove(tick))
 *         .link(LinkProfile.fromRoundTrip("rtt100", 100, 11, 5))
 *         .ticks(10_000).seed(42)
 *         .run();
 * assert r.corrections() == 0;
 * }</pre>
 *
 * <h2>Model</h2>
 * The client ticks every {@link PredictedClient#tickDurationMs()} (its pacing changes it), the
 * server every {@link PredictionConfig#tickMs()}; both start at time 0. Per client tick: predict,
 * send the input packet (as many copies as the client decides), draw one frame. Per server tick:
 * {@link InputBuffer#next()}, step, an optional {@link Disturbance} (outside interference, e.g. a
 * push), then an {@link InputFeedback} carrying the state on a sequenced link. After its last
 * scripted tick the client keeps sending its last packet every tick (a game goes on), and the run
 * ends when the server has applied the last input and the last acknowledgements have arrived.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>The registry must contain the prediction messages, the input class and the state class.</li>
 *   <li>A simulation is single-threaded and allocates per message; it is a test and tuning tool.</li>
 * </ul>
 *
 * @param <S> the predicted state
 * @param <I> the input
 */
public final class PredictionSimulation<S, I> {
    /** Outside interference on the server: may change the state after the tick's input. */
    @FunctionalInterface
    public interface Disturbance<S> {
        /** Returns the (possibly modified) server state after server tick {@code serverTick}. */
        S apply(int serverTick, S state);
    }

    private static final long MS = 1_000_000L;

    private final Builder<S, I> b;
    private final Kryo kryo;
    private final Output output = new Output(256, 1 << 16);
    private long now;
    private long malformed;
    private long rejectedPackets;

    private PredictionSimulation(Builder<S, I> b) {
        this.b = b;
        this.kryo = b.registry.newKryo();
    }

    public static <S, I> Builder<S, I> builder(PredictionModel<S, I> model, MessageRegistry registry,
            PredictionConfig config, S initialState, I neutralInput, Class<I> inputClass) {
        return new Builder<>(model, registry, config, initialState, neutralInput, inputClass);
    }

    private byte[] encode(Object message) {
        output.reset();
        kryo.writeClassAndObject(output, message);
        return output.toBytes();
    }

    private Object decode(byte[] bytes) {
        try {
            return kryo.readClassAndObject(new Input(bytes));
        } catch (RuntimeException e) {
            malformed++;
            return null;
        }
    }

    private Result run() {
        PredictionModel<S, I> model = b.model;
        PredictionConfig config = b.config;
        VirtualLink<byte[]> up = new VirtualLink<>(b.profile.up(), b.seed, false);
        VirtualLink<byte[]> down = new VirtualLink<>(b.profile.down(), b.seed ^ 0x5DEECE66DL, true);
        PredictedClient<S, I> me = new PredictedClient<>(model, config, b.initialState, 0);
        InputBuffer<I> buffer = new InputBuffer<>(config, b.inputClass, b.neutralInput);
        S serverState = model.copy(b.initialState);
        InputFeedback feedback = new InputFeedback();
        int ticks = b.ticks;
        double[] serverSlack = new double[ticks];
        double[] clientTarget = new double[ticks];
        int dims = model.renderDimensions();
        double[] render = new double[dims];
        double[] prevRender = new double[dims];
        double[] sim = new double[dims];
        double[] prevSim = new double[dims];
        double maxExcess = 0;
        double maxStep = 0;
        int maxCopies = 1;
        double minScale = 1;
        double maxScale = 1;
        double clientNextMs = 0;
        double serverNextMs = b.serverPhaseTicks * config.tickMs();
        int serverTick = 0;
        boolean serverDone = false;
        InputPacket lastPacket = null;
        long endNanos = Long.MAX_VALUE;
        long limitNanos = (long) ((ticks * config.tickMs() * 2 + 60_000) * MS);
        while (true) {
            long clientDue = me.nextTick() < ticks || !serverDone ? (long) (clientNextMs * MS) : Long.MAX_VALUE;
            long serverDue = serverDone ? Long.MAX_VALUE : (long) (serverNextMs * MS);
            long upDue = up.nextDueNanos();
            long downDue = down.nextDueNanos();
            long t = Math.min(Math.min(clientDue, serverDue), Math.min(upDue, downDue));
            if (t == Long.MAX_VALUE || t > endNanos || t > limitNanos) {
                break;
            }
            now = t;
            if (upDue == t) {
                up.deliverDue(now, bytes -> {
                    if (decode(bytes) instanceof InputPacket p) {
                        try {
                            buffer.offer(p);
                        } catch (InputPacketException e) {
                            rejectedPackets++;
                        }
                    }
                });
            } else if (downDue == t) {
                down.deliverDue(now, bytes -> {
                    Object m = decode(bytes);
                    if (m != null) {
                        me.handle(m);
                    }
                });
            } else if (serverDue == t) {
                serverNextMs += config.tickMs();
                serverTick++;
                I input = buffer.next();
                if (input != null) {
                    serverState = model.step(serverState, input);
                }
                if (b.disturbance != null && buffer.started()) {
                    serverState = b.disturbance.apply(serverTick, serverState);
                }
                int applied = buffer.lastAppliedTick();
                if (applied >= 0 && applied < ticks) {
                    serverSlack[applied] = buffer.slackTicks();
                }
                buffer.feedback(feedback).state = serverState;
                down.send(now, encode(feedback));
                feedback.state = null;
                if (applied >= ticks - 1) {
                    serverDone = true;
                    // Let the last acknowledgements arrive, then stop.
                    endNanos = now + (long) ((b.profile.down().latencyMs() + b.profile.down().jitterMs()) * 2 * MS) + 1000 * MS;
                }
            } else if (me.nextTick() >= ticks) {
                // The script is over but a real game goes on: keep sending the last packet (its
                // redundant inputs) until the server has applied them, so the end of the run does
                // not leave the last inputs with fewer copies than every other one.
                clientNextMs += me.tickDurationMs() / (1 + b.clientClockDriftPpm * 1e-6);
                lastPacket.sequence = me.nextSequence();
                up.send(now, encode(lastPacket));
            } else {
                int tick = me.nextTick();
                if (b.profileChangeAtTick >= 0 && tick == b.profileChangeAtTick) {
                    up.setConditions(b.profileAfterChange.up());
                    down.setConditions(b.profileAfterChange.down());
                }
                clientNextMs += me.tickDurationMs() / (1 + b.clientClockDriftPpm * 1e-6);
                InputPacket packet = me.tick(b.script.apply(tick));
                lastPacket = packet;
                int copies = me.copiesPerTick();
                maxCopies = Math.max(maxCopies, copies);
                for (int c = 0; c < copies; c++) {
                    packet.sequence = me.nextSequence();
                    up.send(now, encode(packet));
                }
                clientTarget[tick] = me.targetSlackTicks();
                minScale = Math.min(minScale, me.timeScale());
                maxScale = Math.max(maxScale, me.timeScale());
                me.renderPosition(me.tickDurationMs(), render);
                model.renderPosition(me.state(), sim);
                if (tick > 0) {
                    maxExcess = Math.max(maxExcess, distance(render, prevRender) - distance(sim, prevSim));
                }
                maxStep = Math.max(maxStep, me.lastCorrectionStep());
                System.arraycopy(render, 0, prevRender, 0, dims);
                System.arraycopy(sim, 0, prevSim, 0, dims);
            }
        }
        var m = me.metrics();
        boolean converged = me.lastAckedTick() == ticks - 1 && model.sameState(me.state(), serverState);
        return new Result(b.name, ticks, m.mispredictions(), m.substitutedInputMismatches(), m.corrections(),
                m.mispredictionsPerMinute(), m.correctionPercentile(50), m.correctionPercentile(99),
                buffer.inputsApplied(), buffer.inputsAfterHold(), buffer.ticksHeld(), buffer.inputsMissing(),
                buffer.inTimeRatio(), buffer.realInputRatio(), buffer.arrivalSlackPercentile(1),
                buffer.arrivalSlackPercentile(50), buffer.arrivalSlackPercentile(99), maxExcess, maxStep, maxCopies,
                minScale, maxScale, me.correctionOffset(), converged, up.sent(), up.lost(), rejectedPackets + malformed,
                now / 1e6, serverSlack, clientTarget);
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /**
     * What a run measured. Input figures are server side: {@code inputsOnTime} were there when
     * first due, {@code inputsAfterHold} arrived while the server held for them, {@code inputsSubstituted}
     * never came in time and were replaced by the previous input.
     */
    public record Result(String name, int ticks, long mispredictions, long substitutedInputMismatches, long corrections,
            double mispredictionsPerMinute, double correctionP50, double correctionP99, long inputsOnTime,
            long inputsAfterHold, long ticksHeld, long inputsSubstituted, double inTimeRatio, double realInputRatio,
            double arrivalSlackP1, double arrivalSlackP50, double arrivalSlackP99, double maxRenderExcess,
            double maxCorrectionStep, int maxCopiesPerTick, double minTimeScale, double maxTimeScale,
            double finalCorrectionOffset, boolean converged, long packetsSent, long packetsLost, long rejectedMessages,
            double virtualMs, double[] serverSlackByInputTick, double[] clientTargetSlackByTick) {

        /** Mean server slack over input ticks {@code [from, to)}. */
        public double meanSlack(int from, int to) {
            return mean(serverSlackByInputTick, from, to);
        }

        /** Mean target slack the client aimed for over ticks {@code [from, to)}. */
        public double meanTargetSlack(int from, int to) {
            return mean(clientTargetSlackByTick, from, to);
        }

        private static double mean(double[] a, int from, int to) {
            double s = 0;
            int n = 0;
            for (int i = Math.max(0, from); i < Math.min(a.length, to); i++) {
                s += a[i];
                n++;
            }
            return n == 0 ? Double.NaN : s / n;
        }

        /** One line of JSON with every scalar figure. */
        public String json() {
            return String.format(java.util.Locale.ROOT,
                    "{\"name\":\"%s\",\"ticks\":%d,\"mispredictions\":%d,\"substituted_input_mismatches\":%d,"
                            + "\"corrections\":%d,\"mispredictions_per_min\":%.3f,\"correction_p50\":%.4f,"
                            + "\"correction_p99\":%.4f,\"inputs_on_time\":%d,\"inputs_after_hold\":%d,\"ticks_held\":%d,"
                            + "\"inputs_substituted\":%d,\"inputs_in_time_pct\":%.4f,\"real_inputs_pct\":%.4f,"
                            + "\"arrival_slack_p1\":%.1f,\"arrival_slack_p50\":%.1f,\"arrival_slack_p99\":%.1f,"
                            + "\"max_correction_step\":%.4f,\"max_render_excess\":%.4f,\"max_copies_per_tick\":%d,"
                            + "\"time_scale_min\":%.4f,\"time_scale_max\":%.4f,\"input_packets_sent\":%d,"
                            + "\"input_packets_lost\":%d,\"converged\":%b,\"virtual_s\":%.1f}",
                    name, ticks, mispredictions, substitutedInputMismatches, corrections, mispredictionsPerMinute,
                    correctionP50, correctionP99, inputsOnTime, inputsAfterHold, ticksHeld, inputsSubstituted,
                    100 * inTimeRatio, 100 * realInputRatio, arrivalSlackP1, arrivalSlackP50, arrivalSlackP99,
                    maxCorrectionStep, maxRenderExcess, maxCopiesPerTick, minTimeScale, maxTimeScale, packetsSent,
                    packetsLost, converged, virtualMs / 1000);
        }
    }

    /** Settings of one run; {@link #run()} runs it. */
    public static final class Builder<S, I> {
        private final PredictionModel<S, I> model;
        private final MessageRegistry registry;
        private final PredictionConfig config;
        private final S initialState;
        private final I neutralInput;
        private final Class<I> inputClass;
        private String name = "simulation";
        private IntFunction<I> script;
        private LinkProfile profile = LinkProfile.fromRoundTrip("perfect", 0, 0, 0);
        private int ticks = 10_000;
        private long seed;
        private Disturbance<S> disturbance;
        private int profileChangeAtTick = -1;
        private LinkProfile profileAfterChange;
        private double serverPhaseTicks = 0.5;
        private double clientClockDriftPpm;

        private Builder(PredictionModel<S, I> model, MessageRegistry registry, PredictionConfig config, S initialState,
                I neutralInput, Class<I> inputClass) {
            this.model = Objects.requireNonNull(model, "model");
            this.registry = Objects.requireNonNull(registry, "registry");
            this.config = Objects.requireNonNull(config, "config");
            this.initialState = Objects.requireNonNull(initialState, "initialState");
            this.neutralInput = Objects.requireNonNull(neutralInput, "neutralInput");
            this.inputClass = Objects.requireNonNull(inputClass, "inputClass");
        }

        public Builder<S, I> name(String v) { name = Objects.requireNonNull(v); return this; }

        /** The client's input for each tick (required); must be deterministic for a repeatable run. */
        public Builder<S, I> script(IntFunction<I> v) { script = Objects.requireNonNull(v); return this; }

        /** Link conditions as seen from the client (default: perfect). */
        public Builder<S, I> link(LinkProfile v) { profile = Objects.requireNonNull(v); return this; }

        /** Client ticks to run (default 10,000). */
        public Builder<S, I> ticks(int v) {
            if (v < 1 || v > 10_000_000) {
                throw new IllegalArgumentException("ticks must be 1..10,000,000");
            }
            ticks = v;
            return this;
        }

        /** Seed of both links' random decisions. */
        public Builder<S, I> seed(long v) { seed = v; return this; }

        /** Outside interference applied by the server (default none). */
        public Builder<S, I> disturbance(Disturbance<S> v) { disturbance = v; return this; }

        /** From the client's tick {@code atTick} on, packets use {@code after} (e.g. an RTT change). */
        public Builder<S, I> changeLinkAt(int atTick, LinkProfile after) {
            profileChangeAtTick = atTick;
            profileAfterChange = Objects.requireNonNull(after);
            return this;
        }

        /** Server tick phase relative to the client's, in ticks (default 0.5). */
        public Builder<S, I> serverPhaseTicks(double v) { serverPhaseTicks = v; return this; }

        /** The client's clock runs fast (positive) or slow by this many parts per million (default 0). */
        public Builder<S, I> clientClockDriftPpm(double v) { clientClockDriftPpm = v; return this; }

        public Result run() {
            Objects.requireNonNull(script, "script");
            return new PredictionSimulation<>(this).run();
        }
    }
}
