/**
 * Client-side prediction and server reconciliation: tick-stamped inputs sent redundantly
 * ({@link dev.netcode.core.prediction.PredictedClient}), a per-client input buffer that paces the
 * client ({@link dev.netcode.core.prediction.InputBuffer}, {@link dev.netcode.core.prediction.ServerInputs}),
 * replay of unacknowledged inputs on each authoritative state and visually smoothed corrections.
 */
package dev.netcode.core.prediction;
