package dev.netcode.core.prediction;

import dev.netcode.core.Channel;

/**
 * Every knob of input sending, the server input buffer, tick-rate control and correction
 * smoothing, validated on {@link Builder#build()} so a bad value fails at start-up. All sizes are
 * bounded; the defaults suit a 60 Hz game.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Client and server must agree on {@link #tickMs()} and {@link #redundancy()}; the other
 *       values may differ per side.</li>
 *   <li>{@link #maxUnackedInputs()} bounds how much latency prediction can cover: at 60 Hz the
 *       default 128 is about 2 s. Beyond that the oldest inputs are forgotten and the next
 *       authoritative state snaps without a full replay.</li>
 * </ul>
 */
public final class PredictionConfig {
    public static final int MAX_INPUTS_PER_PACKET = 32;

    private final double tickMs;
    private final int redundancy;
    private final int maxInputsPerPacket;
    private final int maxCopiesPerTick;
    private final double targetInTimeRatio;
    private final Channel inputChannel;
    private final int inputBufferTicks;
    private final int maxInputWaitTicks;
    private final int maxTicksBehind;
    private final double targetSlackTicks;
    private final double slackSmoothing;
    private final double jitterSlackFactor;
    private final double maxTargetSlackTicks;
    private final double maxTimeScaleDeviation;
    private final double timeScaleGainPerTick;
    private final double maxTimeScaleStepPerTick;
    private final int maxUnackedInputs;
    private final double correctionHalfLifeMs;
    private final double maxCorrectionPerFrame;
    private final double snapDistance;
    private final int resyncAfterTicks;
    private final int farAheadKickTicks;

    private PredictionConfig(Builder b) {
        tickMs = b.tickMs;
        redundancy = b.redundancy;
        maxInputsPerPacket = b.maxInputsPerPacket;
        maxCopiesPerTick = b.maxCopiesPerTick;
        targetInTimeRatio = b.targetInTimeRatio;
        inputChannel = b.inputChannel;
        inputBufferTicks = b.inputBufferTicks;
        maxInputWaitTicks = b.maxInputWaitTicks;
        maxTicksBehind = b.maxTicksBehind;
        targetSlackTicks = b.targetSlackTicks;
        slackSmoothing = b.slackSmoothing;
        jitterSlackFactor = b.jitterSlackFactor;
        maxTargetSlackTicks = b.maxTargetSlackTicks;
        maxTimeScaleDeviation = b.maxTimeScaleDeviation;
        timeScaleGainPerTick = b.timeScaleGainPerTick;
        maxTimeScaleStepPerTick = b.maxTimeScaleStepPerTick;
        maxUnackedInputs = b.maxUnackedInputs;
        correctionHalfLifeMs = b.correctionHalfLifeMs;
        maxCorrectionPerFrame = b.maxCorrectionPerFrame;
        snapDistance = b.snapDistance;
        resyncAfterTicks = b.resyncAfterTicks;
        farAheadKickTicks = b.farAheadKickTicks;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PredictionConfig defaults() {
        return builder().build();
    }

    /** Nominal duration of one simulation tick (default 1000/60 ms). */
    public double tickMs() { return tickMs; }

    /**
     * Inputs per packet: the current one and the previous {@code redundancy - 1} (default 5). An
     * input is lost only if every packet carrying it that arrives before the server needs it is
     * lost: at 5 % loss and a slack of 2 ticks plus {@link #maxInputWaitTicks()}, 5 copies make that
     * 3 × 10^-7 per tick.
     */
    public int redundancy() { return redundancy; }

    /** Server: packets with more inputs are rejected (default 8, at most {@value #MAX_INPUTS_PER_PACKET}). */
    public int maxInputsPerPacket() { return maxInputsPerPacket; }

    /** Client: at most this many copies of a tick's packet under heavy loss (default 2; 1 disables duplication). */
    public int maxCopiesPerTick() { return maxCopiesPerTick; }

    /** Client: share of inputs that should arrive in time; drives duplication under loss (default 0.999). */
    public double targetInTimeRatio() { return targetInTimeRatio; }

    /** Channel for input packets (default {@link Channel#UNRELIABLE}; the buffer orders by tick itself). */
    public Channel inputChannel() { return inputChannel; }

    /** Server: inputs accepted ahead of the one being applied (default 32); further ones are rejected. */
    public int inputBufferTicks() { return inputBufferTicks; }

    /**
     * Server: how many ticks the server holds a client's stream (does not step its entity) when
     * the next input has not arrived, before it substitutes the previous input (default 4; 0 =
     * substitute at once). A hold keeps the server's simulation on the client's real inputs, so
     * the prediction stays right; the extra latency it adds is drained by the client's pacing.
     * The budget refills only when a real input is applied, so a silent client is held once, then
     * its last input repeats.
     */
    public int maxInputWaitTicks() { return maxInputWaitTicks; }

    /** Server: packets whose newest tick is this far behind are ignored as stale (default 64). */
    public int maxTicksBehind() { return maxTicksBehind; }

    /** Desired inputs buffered ahead when the server needs one (default 2). */
    public double targetSlackTicks() { return targetSlackTicks; }

    /** Client: extra target slack per tick of reported arrival jitter (default 3; 0 = fixed target). */
    public double jitterSlackFactor() { return jitterSlackFactor; }

    /** Client: upper bound of the jitter-adapted target slack (default 8). */
    public double maxTargetSlackTicks() { return maxTargetSlackTicks; }

    /** Server: weight of a new slack sample in the reported average (default 0.05). */
    public double slackSmoothing() { return slackSmoothing; }

    /** Client: the tick rate may differ from nominal by at most this fraction (default 0.05 = 5 %). */
    public double maxTimeScaleDeviation() { return maxTimeScaleDeviation; }

    /** Client: time-scale change per tick of slack error (default 0.01). */
    public double timeScaleGainPerTick() { return timeScaleGainPerTick; }

    /** Client: largest change of the time scale per tick, so the rate ramps and never jumps (default 0.002). */
    public double maxTimeScaleStepPerTick() { return maxTimeScaleStepPerTick; }

    /** Client: bound of the unacknowledged-input history (default 128). */
    public int maxUnackedInputs() { return maxUnackedInputs; }

    /** Client: half-life of the visual correction offset (default 100 ms). */
    public double correctionHalfLifeMs() { return correctionHalfLifeMs; }

    /** Client: largest distance the correction may move the drawn position in one frame (default infinite). */
    public double maxCorrectionPerFrame() { return maxCorrectionPerFrame; }

    /** Client: corrections larger than this are not smoothed but shown at once (a teleport; default infinite). */
    public double snapDistance() { return snapDistance; }

    /**
     * Server: server ticks during which a client's packets only carried inputs too far ahead to
     * buffer (none landed in the window) before the buffer re-synchronises its stream to the
     * client's newest input, counting the skipped ticks (default 30, half a second at 60 Hz). A
     * server that stalled (its simulation lost time while the client's clock did not) otherwise
     * never gets that client back in reach: its inputs would all overflow and be dropped.
     */
    public int resyncAfterTicks() { return resyncAfterTicks; }

    /**
     * Server: server ticks of input that is only too far ahead (beyond
     * {@code 4 × inputBufferTicks + maxTicksBehind}, so it is dropped and counted rather than
     * buffered), with no packet in reach in between, after which each further far-ahead packet is an
     * {@link InputPacketException} (default 300, five seconds at 60 Hz). A re-synchronised honest
     * client is back in reach within {@link #resyncAfterTicks()}; only a stream that stays out of
     * reach for this long is treated as hostile.
     */
    public int farAheadKickTicks() { return farAheadKickTicks; }

    /** Builder; each setter documents its default on the getter of the same name. */
    public static final class Builder {
        private double tickMs = 1000.0 / 60;
        private int redundancy = 5;
        private int maxInputsPerPacket = 8;
        private int maxCopiesPerTick = 2;
        private double targetInTimeRatio = 0.999;
        private Channel inputChannel = Channel.UNRELIABLE;
        private int inputBufferTicks = 32;
        private int maxInputWaitTicks = 4;
        private int maxTicksBehind = 64;
        private double targetSlackTicks = 2;
        private double slackSmoothing = 0.05;
        private double jitterSlackFactor = 3;
        private double maxTargetSlackTicks = 8;
        private double maxTimeScaleDeviation = 0.05;
        private double timeScaleGainPerTick = 0.01;
        private double maxTimeScaleStepPerTick = 0.002;
        private int maxUnackedInputs = 128;
        private double correctionHalfLifeMs = 100;
        private double maxCorrectionPerFrame = Double.POSITIVE_INFINITY;
        private double snapDistance = Double.POSITIVE_INFINITY;
        private int resyncAfterTicks = 30;
        private int farAheadKickTicks = 300;

        public Builder tickMs(double v) { tickMs = v; return this; }
        public Builder redundancy(int v) { redundancy = v; return this; }
        public Builder maxInputsPerPacket(int v) { maxInputsPerPacket = v; return this; }
        public Builder maxCopiesPerTick(int v) { maxCopiesPerTick = v; return this; }
        public Builder targetInTimeRatio(double v) { targetInTimeRatio = v; return this; }
        public Builder inputChannel(Channel v) { inputChannel = v; return this; }
        public Builder inputBufferTicks(int v) { inputBufferTicks = v; return this; }
        public Builder maxInputWaitTicks(int v) { maxInputWaitTicks = v; return this; }
        public Builder maxTicksBehind(int v) { maxTicksBehind = v; return this; }
        public Builder targetSlackTicks(double v) { targetSlackTicks = v; return this; }
        public Builder slackSmoothing(double v) { slackSmoothing = v; return this; }
        public Builder jitterSlackFactor(double v) { jitterSlackFactor = v; return this; }
        public Builder maxTargetSlackTicks(double v) { maxTargetSlackTicks = v; return this; }
        public Builder maxTimeScaleDeviation(double v) { maxTimeScaleDeviation = v; return this; }
        public Builder timeScaleGainPerTick(double v) { timeScaleGainPerTick = v; return this; }
        public Builder maxTimeScaleStepPerTick(double v) { maxTimeScaleStepPerTick = v; return this; }
        public Builder maxUnackedInputs(int v) { maxUnackedInputs = v; return this; }
        public Builder correctionHalfLifeMs(double v) { correctionHalfLifeMs = v; return this; }
        public Builder maxCorrectionPerFrame(double v) { maxCorrectionPerFrame = v; return this; }
        public Builder snapDistance(double v) { snapDistance = v; return this; }
        public Builder resyncAfterTicks(int v) { resyncAfterTicks = v; return this; }
        public Builder farAheadKickTicks(int v) { farAheadKickTicks = v; return this; }

        public PredictionConfig build() {
            require(tickMs >= 0.5 && tickMs <= 1000, "tickMs must be 0.5..1000, was " + tickMs);
            require(redundancy >= 1 && redundancy <= MAX_INPUTS_PER_PACKET, "redundancy must be 1.." + MAX_INPUTS_PER_PACKET);
            require(maxInputsPerPacket >= redundancy && maxInputsPerPacket <= MAX_INPUTS_PER_PACKET,
                    "maxInputsPerPacket must be redundancy.." + MAX_INPUTS_PER_PACKET + ", was " + maxInputsPerPacket);
            require(maxCopiesPerTick >= 1 && maxCopiesPerTick <= 4, "maxCopiesPerTick must be 1..4");
            require(targetInTimeRatio > 0 && targetInTimeRatio < 1, "targetInTimeRatio must be in (0, 1)");
            require(inputChannel != Channel.RELIABLE_ORDERED && inputChannel != null,
                    "inputChannel must be unreliable: a lost input must not delay the next ones");
            require(inputBufferTicks >= 2 && inputBufferTicks <= 1024, "inputBufferTicks must be 2..1024");
            require(maxInputWaitTicks >= 0 && maxInputWaitTicks <= 60, "maxInputWaitTicks must be 0..60");
            require(maxTicksBehind >= 1 && maxTicksBehind <= 1 << 16, "maxTicksBehind must be 1..65536");
            require(targetSlackTicks >= 0 && targetSlackTicks < inputBufferTicks,
                    "targetSlackTicks must be 0..inputBufferTicks");
            require(jitterSlackFactor >= 0 && jitterSlackFactor <= 10, "jitterSlackFactor must be 0..10");
            require(maxTargetSlackTicks >= targetSlackTicks && maxTargetSlackTicks < inputBufferTicks,
                    "maxTargetSlackTicks must be targetSlackTicks..inputBufferTicks");
            require(slackSmoothing > 0 && slackSmoothing <= 1, "slackSmoothing must be in (0, 1]");
            require(maxTimeScaleDeviation > 0 && maxTimeScaleDeviation <= 0.2, "maxTimeScaleDeviation must be in (0, 0.2]");
            require(timeScaleGainPerTick > 0 && timeScaleGainPerTick <= 0.1, "timeScaleGainPerTick must be in (0, 0.1]");
            require(maxTimeScaleStepPerTick > 0 && maxTimeScaleStepPerTick <= maxTimeScaleDeviation,
                    "maxTimeScaleStepPerTick must be in (0, maxTimeScaleDeviation]");
            require(maxUnackedInputs >= 8 && maxUnackedInputs <= 4096, "maxUnackedInputs must be 8..4096");
            require(correctionHalfLifeMs > 0, "correctionHalfLifeMs must be > 0");
            require(maxCorrectionPerFrame > 0, "maxCorrectionPerFrame must be > 0");
            require(snapDistance > 0, "snapDistance must be > 0");
            require(resyncAfterTicks >= 1 && resyncAfterTicks <= 1 << 16, "resyncAfterTicks must be 1..65536");
            require(farAheadKickTicks > resyncAfterTicks && farAheadKickTicks <= 1 << 20,
                    "farAheadKickTicks must be resyncAfterTicks+1..1048576");
            return new PredictionConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
