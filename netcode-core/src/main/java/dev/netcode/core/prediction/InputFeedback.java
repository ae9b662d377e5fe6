package dev.netcode.core.prediction;

/**
 * Server → client, every tick, on {@code UNRELIABLE_SEQUENCED}: the input acknowledgement, the
 * pacing report and (optionally) the authoritative state of the client's own entity, so that the
 * state and the input tick it belongs to always travel in one message.
 *
 * <pre>
 *  lastAppliedTick      newest input tick the server simulated (-1 before the stream starts)
 *  lastSubstitutedTick  newest input tick simulated with a repeated input because the client's
 *                       never arrived (-1 if none): a mismatch at or before it is explained
 *  slackTicks           smoothed number of inputs buffered ahead when the server needed one
 *  lossPercent          measured loss of input packet copies (0..100)
 *  slackJitterTicks     smoothed mean deviation of the slack (arrival jitter, in ticks)
 *  state                the client entity's state after lastAppliedTick, or null when the game
 *                       carries it in a message of its own (then it calls
 *                       {@link PredictedClient#onAuthoritativeState(int, Object)} itself)
 * </pre>
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>{@code state} is written with its class: register the state class on both sides.</li>
 *   <li>Every field is remote input on the client: {@link PredictedClient#onFeedback} clamps the
 *       numbers and ignores a state of the wrong class or for a tick it never predicted.</li>
 * </ul>
 */
public final class InputFeedback {
    public int lastAppliedTick = -1;
    public int lastSubstitutedTick = -1;
    public float slackTicks;
    public float lossPercent;
    public float slackJitterTicks;
    public Object state;

    public InputFeedback() {}

    public InputFeedback(int lastAppliedTick, float slackTicks, float lossPercent) {
        this.lastAppliedTick = lastAppliedTick;
        this.slackTicks = slackTicks;
        this.lossPercent = lossPercent;
    }
}
