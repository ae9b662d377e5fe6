package dev.netcode.core.prediction;

import dev.netcode.core.prediction.internal.SampleWindow;

/**
 * Client-side prediction figures: mispredictions, corrections and their sizes. Read them on the
 * game thread (they are updated there).
 */
public final class PredictionMetrics {
    private final double tickMs;
    private final SampleWindow correctionMagnitudes = new SampleWindow(4096);
    long ticks;
    long mispredictions;
    long substitutedInputMismatches;
    long corrections;
    long replayedInputs;
    long droppedUnacked;
    long packetsNotSent;

    PredictionMetrics(double tickMs) {
        this.tickMs = tickMs;
    }

    void recordCorrection(double magnitude) {
        corrections++;
        correctionMagnitudes.record(magnitude);
    }

    /** Ticks predicted. */
    public long ticks() { return ticks; }

    /**
     * Authoritative states that differed from the prediction for the same tick although the server
     * simulated our own inputs: outside interference (or a non-deterministic model).
     */
    public long mispredictions() { return mispredictions; }

    /**
     * Authoritative states that differed from the prediction because the server had to substitute
     * one of our inputs that never reached it (not counted in {@link #mispredictions()}).
     */
    public long substitutedInputMismatches() { return substitutedInputMismatches; }

    /** Replays whose result differed from what was predicted, i.e. visible corrections. */
    public long corrections() { return corrections; }

    /** Inputs re-simulated during corrections. */
    public long replayedInputs() { return replayedInputs; }

    /** Unacknowledged inputs forgotten because {@link PredictionConfig#maxUnackedInputs()} was reached. */
    public long droppedUnacked() { return droppedUnacked; }

    /** Input packets the connection refused (not connected, or send buffer full). */
    public long packetsNotSent() { return packetsNotSent; }

    /** Mispredictions per minute of simulated (nominal) time. */
    public double mispredictionsPerMinute() {
        double minutes = ticks * tickMs / 60_000.0;
        return minutes == 0 ? 0 : mispredictions / minutes;
    }

    /** Percentile (0..100) of the correction distance in render units (0 if none). */
    public double correctionPercentile(double p) {
        return correctionMagnitudes.percentile(p);
    }
}
