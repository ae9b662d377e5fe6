/**
 * The arena's shared deterministic simulation, run identically by the dedicated host
 * (authoritative), the desktop client (prediction) and bots.
 *
 * <p>{@link dev.netcode.sample.sim.World} steps at a fixed tick from one
 * {@link dev.netcode.sample.sim.PlayerInput} per player: the compact, already-quantized record a
 * client sends each tick. Shots are hitscan, judged by {@link dev.netcode.sample.sim.HitScan}
 * against the {@link dev.netcode.sample.sim.HitTargets} a
 * {@link dev.netcode.sample.sim.World.HitTargetSource} supplies, so the host can judge against
 * positions rewound to what the shooter saw (lag compensation). Gameplay constants live in
 * {@link dev.netcode.sample.sim.ArenaRules}.
 *
 * <h2>Determinism rules</h2>
 * <ul>
 *   <li>float arithmetic in a fixed order; {@code StrictMath} for sqrt/sin/cos/atan2;</li>
 *   <li>randomness only from the world's {@link dev.netcode.sample.sim.DeterministicRandom}
 *       (its state is part of {@link dev.netcode.sample.sim.World#stateHash()});</li>
 *   <li>players are visited in ascending id order, damage applied after all shots of a tick.</li>
 * </ul>
 */
package dev.netcode.sample.sim;
