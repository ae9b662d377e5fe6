/**
 * Client-side prediction and server reconciliation.
 *
 * <ul>
 *   <li>{@link dev.netcode.core.prediction.PredictedClient}: applies each input at once, sends the
 *       newest {@code redundancy} inputs every tick, reconciles with the authoritative state,
 *       smooths corrections on screen and paces its tick rate from the server's report.</li>
 *   <li>{@link dev.netcode.core.prediction.ServerInputs} / {@link dev.netcode.core.prediction.InputBuffer}:
 *       one input per server tick per client; a missing input is first waited for (a short hold)
 *       and only then substituted, so the server simulates the client's real inputs.</li>
 *   <li>{@link dev.netcode.core.prediction.InputFeedback}: the one server → client message per tick
 *       with the last applied input tick, the last substituted tick, pacing figures and the
 *       client entity's state after that input.</li>
 *   <li>{@link dev.netcode.core.prediction.simulation}: the same classes on a virtual clock, to
 *       test a model and a configuration under latency, jitter and loss in milliseconds.</li>
 * </ul>
 */
package dev.netcode.core.prediction;
