package dev.netcode.core.prediction;

import dev.netcode.core.NetClient;
import java.util.Objects;

/**
 * Client-side prediction of the local player: applies each input at once, sends it (with the
 * previous ones) to the server, keeps the inputs the server has not acknowledged, and reconciles
 * when an authoritative state arrives.
 *
 * <pre>{@code
 * PredictedClient<Body, Move> me = new PredictedClient<>(model, config, spawnBody, 0);
 * // NetListener.received:
 * if (me.handle(message)) return;                                   // InputFeedback: ack, pacing, state
 * // fixed-step loop; the step length follows the server's pacing:
 * while (accumulatorMs >= me.tickDurationMs()) { accumulatorMs -= me.tickDurationMs(); me.tick(readMove(), client); }
 * // every rendered frame:
 * me.renderPosition(frameMs, xy);                                   // smoothed, draw here
 * }</pre>
 *
 * <h2>Reconciliation</h2>
 * An authoritative state says "this is the state after your input of tick T". If it equals what was
 * predicted for T, nothing happens (a deterministic step replays to the same result). Otherwise it
 * is a misprediction: the client rewinds to the authoritative state, replays every input after T,
 * and if the result differs from the current prediction, the simulation snaps to it while the
 * drawn position glides there ({@link CorrectionSmoother}).
 *
 * <h2>Pacing</h2>
 * The server reports how many inputs it has buffered (its slack). The client lengthens or shortens
 * its tick by at most {@link PredictionConfig#maxTimeScaleDeviation()} so that the slack stays near
 * {@link #targetSlackTicks()} (the configured target plus a margin for the arrival jitter the
 * server measures), ramping the change so it never jumps. Under loss the
 * server also reports the loss it measures, and the client sends each tick's packet more than once
 * when {@code redundancy} copies alone would not reach {@link PredictionConfig#targetInTimeRatio()}.
 *
 * <h2>The authoritative state</h2>
 * By default it arrives inside {@link InputFeedback} ({@code ServerInputs.sendState}), which
 * {@link #handle} reconciles with. A game that carries the state in a message of its own (for
 * example its snapshot) must put the server's {@code lastAppliedTick} next to it and call
 * {@link #onAuthoritativeState(int, Object)} with both.
 *
 * <h2>Lost inputs</h2>
 * When an input never reached the server in time, the server held its stream and then repeated
 * the previous input; {@link InputFeedback#lastSubstitutedTick} says so. A mismatch explained by
 * that is counted in {@link PredictionMetrics#substitutedInputMismatches()}, not as a
 * misprediction; the replay from the authoritative state then corrects the client like any other.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe: call everything on the game thread.</li>
 *   <li>Each tick stores a copy of the state (one {@link PredictionModel#copy} per tick); keep the
 *       predicted state small: the local player, not the world.</li>
 *   <li>Other players and objects are not predicted here: interpolate them.</li>
 * </ul>
 */
public final class PredictedClient<S, I> {
    private final PredictionModel<S, I> model;
    private final Class<?> stateClass;
    private final PredictionConfig config;
    private final int capacity;
    private final int[] ringTicks;
    private final Object[] ringInputs;
    private final Object[] ringStates;
    private int ringHead; // index of the oldest entry
    private int ringCount;
    private final int streamStartTick;
    private int nextTick;
    private S state;
    private S ackedState;
    private int lastAckTick;
    private boolean droppedSinceStart;
    private int sequence;
    private double reportedSlack;
    private boolean haveFeedback;
    private double timeScale = 1;
    private int copies = 1;
    private double reportedLossPercent;
    private double reportedJitter;
    private double lastCorrectionStep;
    private final CorrectionSmoother smoother;
    private final PredictionMetrics metrics;
    private final double[] before;
    private final double[] after;

    /**
     * @param initialState the state before the first input (the same the server starts from)
     * @param firstTick the tick number of the first input (any non-negative number)
     */
    public PredictedClient(PredictionModel<S, I> model, PredictionConfig config, S initialState, int firstTick) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        if (firstTick < 0) {
            throw new IllegalArgumentException("firstTick must be >= 0");
        }
        this.capacity = config.maxUnackedInputs();
        this.ringTicks = new int[capacity];
        this.ringInputs = new Object[capacity];
        this.ringStates = new Object[capacity];
        this.streamStartTick = firstTick;
        this.nextTick = firstTick;
        this.stateClass = Objects.requireNonNull(initialState, "initialState").getClass();
        this.state = model.copy(initialState);
        this.ackedState = model.copy(initialState);
        this.lastAckTick = firstTick - 1;
        int dims = model.renderDimensions();
        this.smoother = new CorrectionSmoother(dims, config.correctionHalfLifeMs(), config.maxCorrectionPerFrame(),
                config.snapDistance());
        this.metrics = new PredictionMetrics(config.tickMs());
        this.before = new double[dims];
        this.after = new double[dims];
    }

    /**
     * Predicts one tick with {@code input} and sends the input packet to the server (one or more
     * copies, see the class comment). Returns the new predicted state (owned by this object).
     */
    public S tick(I input, NetClient client) {
        InputPacket packet = tick(input);
        for (int i = 0; i < copies; i++) {
            packet.sequence = sequence++;
            if (!client.send(packet, config.inputChannel())) {
                metrics.packetsNotSent++;
            }
        }
        return state;
    }

    /**
     * Predicts one tick and returns the packet to send, for games that send themselves; set
     * {@link InputPacket#sequence} from {@link #nextSequence()} for each copy sent.
     */
    public InputPacket tick(I input) {
        Objects.requireNonNull(input, "input");
        state = model.step(state, input);
        push(nextTick, input, model.copy(state));
        nextTick++;
        metrics.ticks++;
        updateTimeScale();
        int n = Math.min(config.redundancy(), ringCount);
        Object[] inputs = new Object[n];
        for (int k = 0; k < n; k++) {
            inputs[k] = ringInputs[index(ringCount - 1 - k)];
        }
        return new InputPacket(sequence, streamStartTick, nextTick - 1, inputs);
    }

    /** A fresh sequence number for a packet copy built with {@link #tick(Object)}. */
    public int nextSequence() {
        return sequence++;
    }

    private void push(int tick, I input, S predicted) {
        if (ringCount == capacity) {
            ringHead = (ringHead + 1) % capacity;
            ringCount--;
            metrics.droppedUnacked++;
            droppedSinceStart = true;
        }
        int i = index(ringCount);
        ringTicks[i] = tick;
        ringInputs[i] = input;
        ringStates[i] = predicted;
        ringCount++;
    }

    private int index(int k) {
        return (ringHead + k) % capacity;
    }

    private void updateTimeScale() {
        if (!haveFeedback) {
            return;
        }
        double error = reportedSlack - targetSlackTicks();
        double max = config.maxTimeScaleDeviation();
        double desired = 1 + Math.max(-max, Math.min(max, error * config.timeScaleGainPerTick()));
        double step = config.maxTimeScaleStepPerTick();
        timeScale += Math.max(-step, Math.min(step, desired - timeScale));
    }

    /** Consumes {@code message} if it is an {@link InputFeedback}; returns whether it did. */
    public boolean handle(Object message) {
        if (message instanceof InputFeedback f) {
            onFeedback(f);
            return true;
        }
        return false;
    }

    /**
     * Takes the server's pacing report and, if it carries a state of the initial state's class,
     * reconciles with it. Non-finite values are ignored.
     */
    @SuppressWarnings("unchecked")
    public void onFeedback(InputFeedback f) {
        if (f.state != null && stateClass.isInstance(f.state)) {
            onAuthoritativeState(f.lastAppliedTick, f.lastSubstitutedTick, (S) f.state);
        }
        if (!Float.isFinite(f.slackTicks) || !Float.isFinite(f.lossPercent)) {
            return;
        }
        reportedSlack = Math.max(-1000, Math.min(1000, f.slackTicks));
        haveFeedback = true;
        reportedLossPercent = Math.max(0, Math.min(100, f.lossPercent));
        reportedJitter = Float.isFinite(f.slackJitterTicks) ? Math.max(0, Math.min(1000, f.slackJitterTicks)) : 0;
        double loss = reportedLossPercent / 100;
        double allowed = 1 - config.targetInTimeRatio();
        int k = 1;
        while (k < config.maxCopiesPerTick() && Math.pow(loss, (double) k * config.redundancy()) > allowed) {
            k++;
        }
        copies = k;
    }

    /**
     * Reconciles with the server: {@code authoritative} is the state after the input of
     * {@code lastAppliedTick} (-1 or any tick before the first input: none applied yet). Older acks
     * than one already seen are ignored. The state object is copied, not kept.
     */
    public void onAuthoritativeState(int lastAppliedTick, S authoritative) {
        onAuthoritativeState(lastAppliedTick, -1, authoritative);
    }

    /**
     * As {@link #onAuthoritativeState(int, Object)}, knowing that the server simulated the input of
     * {@code lastSubstitutedTick} (-1: none) with a repeated one because the real one was lost.
     */
    @SuppressWarnings("unchecked")
    public void onAuthoritativeState(int lastAppliedTick, int lastSubstitutedTick, S authoritative) {
        Objects.requireNonNull(authoritative, "authoritative");
        int previousAck = lastAckTick;
        int ack = Math.max(lastAppliedTick, streamStartTick - 1);
        if (ack < lastAckTick || ack >= nextTick) {
            return; // reordered, or claims inputs we never produced
        }
        S predicted = null;
        if (ack == lastAckTick) {
            predicted = ackedState;
        } else {
            while (ringCount > 0 && ringTicks[ringHead] <= ack) {
                if (ringTicks[ringHead] == ack) {
                    predicted = (S) ringStates[ringHead];
                }
                ringInputs[ringHead] = null;
                ringStates[ringHead] = null;
                ringHead = (ringHead + 1) % capacity;
                ringCount--;
            }
        }
        lastAckTick = ack;
        if (predicted != null && model.sameState(predicted, authoritative)) {
            ackedState = predicted;
            return;
        }
        if (lastSubstitutedTick > previousAck && lastSubstitutedTick <= ack) {
            metrics.substitutedInputMismatches++; // the server guessed an input we sent: not our prediction's fault
        } else if (predicted != null || !droppedSinceStart) {
            metrics.mispredictions++;
        }
        S replayed = model.copy(authoritative);
        ackedState = model.copy(authoritative);
        for (int k = 0; k < ringCount; k++) {
            int i = index(k);
            replayed = model.step(replayed, (I) ringInputs[i]);
            ringStates[i] = model.copy(replayed);
            metrics.replayedInputs++;
        }
        if (!model.sameState(replayed, state)) {
            model.renderPosition(state, before);
            model.renderPosition(replayed, after);
            double d = 0;
            for (int i = 0; i < before.length; i++) {
                d += (before[i] - after[i]) * (before[i] - after[i]);
            }
            metrics.recordCorrection(Math.sqrt(d));
            smoother.correct(before, after);
            state = replayed;
        }
    }

    /**
     * Advances the visual smoothing by one frame and writes the position to draw (the predicted
     * state plus the decaying correction offset) into {@code out}.
     */
    public void renderPosition(double frameMs, double[] out) {
        lastCorrectionStep = smoother.advance(frameMs);
        model.renderPosition(state, out);
        smoother.apply(out);
    }

    /** How far the correction offset moved the drawn position in the last {@link #renderPosition} frame. */
    public double lastCorrectionStep() {
        return lastCorrectionStep;
    }

    /** The current predicted state (owned by this object: copy it to keep it). */
    public S state() {
        return state;
    }

    /** Tick number the next {@link #tick} call will stamp. */
    public int nextTick() {
        return nextTick;
    }

    /** Newest input tick the server acknowledged (applied), or {@code firstTick - 1}. */
    public int lastAckedTick() {
        return lastAckTick;
    }

    /** Inputs sent and not yet acknowledged. */
    public int unackedInputs() {
        return ringCount;
    }

    /** How long this client's next tick should take: nominal × the current time scale. */
    public double tickDurationMs() {
        return config.tickMs() * timeScale;
    }

    /** Current time scale (1 = nominal; above 1 = running slower). */
    public double timeScale() {
        return timeScale;
    }

    /** Packet copies sent per tick (1 unless the server reports heavy loss). */
    public int copiesPerTick() {
        return copies;
    }

    /**
     * The slack this client aims for: {@link PredictionConfig#targetSlackTicks()} plus
     * {@link PredictionConfig#jitterSlackFactor()} × the arrival jitter the server reports, at most
     * {@link PredictionConfig#maxTargetSlackTicks()}. A jittery link buys safety with a little latency.
     */
    public double targetSlackTicks() {
        return Math.min(config.maxTargetSlackTicks(), config.targetSlackTicks() + config.jitterSlackFactor() * reportedJitter);
    }

    /** Last slack the server reported, in ticks. */
    public double reportedSlackTicks() {
        return reportedSlack;
    }

    /** Length of the visual correction offset still shown. */
    public double correctionOffset() {
        return smoother.length();
    }

    public PredictionMetrics metrics() {
        return metrics;
    }
}
