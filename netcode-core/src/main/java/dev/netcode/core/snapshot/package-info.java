/**
 * Snapshot replication: bit packing, quantization, declarative entity schemas, and per-client delta
 * snapshots against acknowledged baselines within a byte budget.
 *
 * <h2>Layers, bottom up</h2>
 * <ul>
 *   <li>{@link dev.netcode.core.snapshot.BitWriter} / {@link dev.netcode.core.snapshot.BitReader}:
 *       flyweight bit streams; reading past the end is a
 *       {@link dev.netcode.core.snapshot.SnapshotFormatException}.</li>
 *   <li>Quantizers: {@link dev.netcode.core.snapshot.BoundedFloat},
 *       {@link dev.netcode.core.snapshot.AngleQuantizer},
 *       {@link dev.netcode.core.snapshot.QuaternionQuantizer} (smallest three),
 *       {@link dev.netcode.core.snapshot.UnitVectorQuantizer} (octahedral).</li>
 *   <li>{@link dev.netcode.core.snapshot.EntitySchema} and
 *       {@link dev.netcode.core.snapshot.SchemaRegistry}: what to replicate per entity type; an
 *       entity's state is a small {@code int[]} of quantized slots.</li>
 *   <li>{@link dev.netcode.core.snapshot.Snapshot}: the entities of one tick.</li>
 *   <li>{@link dev.netcode.core.snapshot.SnapshotSender} (server, one per client) and
 *       {@link dev.netcode.core.snapshot.SnapshotReceiver} (client): the wire format, baselines,
 *       acks, budget, priorities and relevancy.</li>
 * </ul>
 *
 * <p>Transport-independent: the caller moves the bytes (an unreliable, sequenced channel) and the acks
 * (a sequence number piggy-backed on client packets).
 */
package dev.netcode.core.snapshot;
