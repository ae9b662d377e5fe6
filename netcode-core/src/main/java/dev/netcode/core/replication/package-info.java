/**
 * Snapshot replication wired to the endpoints: {@link dev.netcode.core.replication.ReplicationServer}
 * runs the fixed-timestep simulation and sends each client its delta snapshots at its own rate;
 * {@link dev.netcode.core.replication.ReplicationClient} decodes, acknowledges, synchronises the
 * clock and interpolates. Both plug into {@code NetServer}/{@code NetClient} by wrapping the game's
 * {@link dev.netcode.core.NetListener}, so they work over any {@code Transport}; register the
 * messages on both ends with {@link dev.netcode.core.replication.ReplicationMessages}.
 */
package dev.netcode.core.replication;
