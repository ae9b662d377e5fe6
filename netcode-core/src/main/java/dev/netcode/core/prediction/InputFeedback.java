package dev.netcode.core.prediction;

/**
 * Server → client, every tick (or every few): how the client's input stream is doing, so the client
 * can run slightly faster or slower and add copies under loss.
 *
 * <pre>
 *  lastAppliedTick   newest input tick the server simulated (-1 before the stream starts)
 *  slackTicks        smoothed number of inputs buffered ahead when the server needed one
 *  lossPercent       measured loss of input packet copies (0..100)
 *  slackJitterTicks  smoothed mean deviation of the slack (arrival jitter, in ticks)
 * </pre>
 */
public final class InputFeedback {
    public int lastAppliedTick;
    public float slackTicks;
    public float lossPercent;
    public float slackJitterTicks;

    public InputFeedback() {}

    public InputFeedback(int lastAppliedTick, float slackTicks, float lossPercent) {
        this.lastAppliedTick = lastAppliedTick;
        this.slackTicks = slackTicks;
        this.lossPercent = lossPercent;
    }
}
