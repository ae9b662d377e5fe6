package dev.netcode.core.replication;

import dev.netcode.core.interpolation.InterpolationConfig;
import dev.netcode.core.replication.internal.SnapshotPacket;
import dev.netcode.core.snapshot.SnapshotConfig;
import java.util.Objects;

/**
 * Settings of {@link ReplicationServer} and {@link ReplicationClient}; validated on construction.
 *
 * @param tickHz fixed simulation rate of the server (1..1000)
 * @param sendHz default snapshot rate per client (1..tickHz); change per client with
 *               {@link ReplicationServer#sendRate}
 * @param datagramBytes the largest message a snapshot may become on the wire, headers included
 *                      (1200 fits one WebRTC/SCTP datagram); the snapshot budget is this minus
 *                      {@link #OVERHEAD_BYTES}
 * @param maxCatchUpTicks ticks a late server update may run at once before it drops time
 * @param snapshot ring size, id bits and entity limits of the snapshot codec (its budget is
 *                 replaced by the one derived from {@code datagramBytes})
 * @param interpolation the client's render-delay tuning
 */
public record ReplicationConfig(int tickHz, int sendHz, int datagramBytes, int maxCatchUpTicks,
        SnapshotConfig snapshot, InterpolationConfig interpolation) {

    /** Bytes around the snapshot payload: transport frame type and sequence (3), class id (2), timing fields. */
    public static final int OVERHEAD_BYTES = 5 + SnapshotPacket.MAX_HEADER_BYTES;

    /** 60 Hz simulation, 20 Hz snapshots, 1,200-byte datagrams. */
    public static final ReplicationConfig DEFAULT = new ReplicationConfig(60, 20, 1200, 5,
            SnapshotConfig.DEFAULT, InterpolationConfig.DEFAULT);

    public ReplicationConfig {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(interpolation, "interpolation");
        if (tickHz < 1 || tickHz > 1000) {
            throw new IllegalArgumentException("tickHz must be 1..1000: " + tickHz);
        }
        if (sendHz < 1 || sendHz > tickHz) {
            throw new IllegalArgumentException("sendHz must be 1..tickHz: " + sendHz);
        }
        if (datagramBytes < OVERHEAD_BYTES + 64 || datagramBytes > SnapshotPacket.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("datagramBytes must be " + (OVERHEAD_BYTES + 64) + ".."
                    + SnapshotPacket.MAX_PAYLOAD_BYTES + ": " + datagramBytes);
        }
        if (maxCatchUpTicks < 1) {
            throw new IllegalArgumentException("maxCatchUpTicks must be >= 1");
        }
        snapshot = snapshot.withBudgetBytes(datagramBytes - OVERHEAD_BYTES);
    }

    public ReplicationConfig withTickHz(int hz) {
        return new ReplicationConfig(hz, Math.min(sendHz, hz), datagramBytes, maxCatchUpTicks, snapshot, interpolation);
    }

    public ReplicationConfig withSendHz(int hz) {
        return new ReplicationConfig(tickHz, hz, datagramBytes, maxCatchUpTicks, snapshot, interpolation);
    }

    public ReplicationConfig withDatagramBytes(int bytes) {
        return new ReplicationConfig(tickHz, sendHz, bytes, maxCatchUpTicks, snapshot, interpolation);
    }

    public ReplicationConfig withSnapshot(SnapshotConfig config) {
        return new ReplicationConfig(tickHz, sendHz, datagramBytes, maxCatchUpTicks, config, interpolation);
    }

    public ReplicationConfig withInterpolation(InterpolationConfig config) {
        return new ReplicationConfig(tickHz, sendHz, datagramBytes, maxCatchUpTicks, snapshot, config);
    }
}
