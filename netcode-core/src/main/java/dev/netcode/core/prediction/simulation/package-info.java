/**
 * Deterministic, virtual-time testing of prediction: {@link dev.netcode.core.prediction.simulation.VirtualLink}
 * (the link conditioner's unreliable-channel model on a clock the caller advances) and
 * {@link dev.netcode.core.prediction.simulation.PredictionSimulation} (one client and one server
 * exchanging Kryo-encoded messages over two such links). Used by netcode-core's acceptance tests
 * and {@code ./netcode bench prediction}; a game can run its own model through it.
 */
package dev.netcode.core.prediction.simulation;
