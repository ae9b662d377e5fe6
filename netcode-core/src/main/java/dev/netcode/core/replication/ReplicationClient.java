package dev.netcode.core.replication;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetListener;
import dev.netcode.core.interpolation.ClockSync;
import dev.netcode.core.interpolation.EntityInterpolator;
import dev.netcode.core.interpolation.SnapshotBuffer;
import dev.netcode.core.interpolation.SnapshotInterpolator;
import dev.netcode.core.interpolation.TimeSource;
import dev.netcode.core.replication.internal.SnapshotAck;
import dev.netcode.core.replication.internal.SnapshotPacket;
import dev.netcode.core.snapshot.SchemaRegistry;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.snapshot.SnapshotFormatException;
import dev.netcode.core.snapshot.SnapshotReceiver;
import java.util.Objects;

/**
 * The client half of snapshot replication: decodes the server's snapshot packets, acknowledges
 * them, synchronises a clock from the round-trip timing echoed in them, and interpolates.
 *
 * <pre>{@code
 * ReplicationClient replication = new ReplicationClient(schemas, ReplicationConfig.DEFAULT, TimeSource.SYSTEM);
 * NetClient client = new NetClient(netConfig, registry, transport, replication.listener(gameListener));
 * EntityInterpolator cubes = new EntityInterpolator(cubeSchema);
 * float[] state = new float[cubes.outputSize()];
 * // render():
 * client.update();                       // snapshots are decoded here, on the game thread
 * if (replication.update()) {            // advances render time, samples the buffer, sends the ack
 *     for (int id : visibleIds) if (replication.interpolate(cubes, id, state)) draw(state);
 * }
 * }</pre>
 *
 * <h2>Acks</h2>
 * {@link #update()} sends a small ack message (unreliable) in any frame after a new snapshot was
 * decoded. If you already send inputs every frame, stamp them with {@link #ackSequence()}, call
 * {@code ReplicationServer.acknowledge} on the server, and keep the ack message anyway at a low
 * rate for clock sync ({@link #autoAck(boolean)} turns it off entirely; the clock then never
 * synchronises, which only matters if you compare times across machines).
 *
 * <h2>Clock</h2>
 * Every ack carries the client's clock; the server echoes the newest one with the time it held it,
 * which gives {@link ClockSync} a round-trip sample per snapshot without extra pings.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Single-threaded: the listener, {@link #update()} and the accessors run on the game thread.
 *       Arrival times are taken when {@code NetClient.update()} delivers a packet, so call it every
 *       frame, right before {@link #update()}.</li>
 *   <li>A malformed snapshot is dropped and counted ({@link #malformed()}), never thrown at you.</li>
 *   <li>The {@link SnapshotBuffer.Sample} returned by {@link #sample()} is reused every frame.</li>
 * </ul>
 */
public final class ReplicationClient {
    private final SnapshotReceiver receiver;
    private final ClockSync clock;
    private final SnapshotInterpolator<Snapshot> interpolator;
    private final TimeSource time;
    private final long epochNs;
    private Connection connection;
    private SnapshotBuffer.Sample<Snapshot> sample;
    private boolean autoAck = true;
    private boolean ackDue;
    private long malformed;
    private long packets;

    public ReplicationClient(SchemaRegistry schemas, ReplicationConfig config, TimeSource time) {
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.receiver = new SnapshotReceiver(schemas, config.snapshot());
        this.clock = new ClockSync();
        this.epochNs = time.nanoTime();
        // ClockSync, acks and the interpolator all use the client clock relative to this epoch.
        this.interpolator = new SnapshotInterpolator<>(clock, config.interpolation(), () -> time.nanoTime() - epochNs);
    }

    /** Wraps the game's listener: consumes snapshot packets and forwards everything else to {@code game}. */
    public NetListener listener(NetListener game) {
        Objects.requireNonNull(game, "game");
        return new NetListener() {
            @Override
            public void connected(Connection c) {
                connection = c;
                game.connected(c);
            }

            @Override
            public void received(Connection c, Object message, Channel channel) {
                if (message instanceof SnapshotPacket packet) {
                    connection = c;
                    onPacket(packet, time.nanoTime());
                } else {
                    game.received(c, message, channel);
                }
            }

            @Override
            public void disconnected(Connection c, DisconnectReason reason) {
                game.disconnected(c, reason);
            }
        };
    }

    private void onPacket(SnapshotPacket packet, long arrivalNs) {
        packets++;
        long local = arrivalNs - epochNs;
        if (packet.holdNs >= 0) {
            // NTP with the server's hold time removed: as if the ack had left holdNs later.
            clock.addSample(packet.echoClientTimeNs + packet.holdNs,
                    packet.tickTimeNs + packet.sendDelayNs, local);
        }
        Snapshot view;
        try {
            view = receiver.receive(packet.payload, 0, packet.payloadLength);
        } catch (SnapshotFormatException e) {
            malformed++;
            return;
        }
        if (view != null) {
            interpolator.onSnapshot(packet.tickTimeNs, view, local);
            ackDue = true;
        }
    }

    /** Whether to send ack messages from {@link #update()} (default true). */
    public ReplicationClient autoAck(boolean enabled) {
        this.autoAck = enabled;
        return this;
    }

    /**
     * Once per rendered frame: advances render time, samples the snapshot buffer, and sends the ack
     * if a snapshot arrived since the last one.
     *
     * @return whether there is something to render ({@link #sample()} is non-null)
     */
    public boolean update() {
        long now = time.nanoTime();
        if (autoAck && ackDue && connection != null && connection.isConnected()) {
            connection.send(new SnapshotAck(receiver.ackSequence(), now - epochNs), Channel.UNRELIABLE);
            ackDue = false;
        }
        sample = interpolator.update();
        return sample != null;
    }

    /** This frame's pair of snapshots around render time, or null before the first snapshot. */
    public SnapshotBuffer.Sample<Snapshot> sample() {
        return sample;
    }

    /**
     * Blends entity {@code entityId} at this frame's render time into {@code out}.
     *
     * @return false if the entity is in neither snapshot of the sample (not replicated to us, or gone)
     */
    public boolean interpolate(EntityInterpolator interpolator, int entityId, float[] out) {
        return sample != null && interpolator.interpolate(sample.from, sample.to, entityId, sample.alpha, out);
    }

    /** The sequence to acknowledge in your own messages (-1 before the first snapshot). */
    public int ackSequence() {
        return receiver.ackSequence();
    }

    /** The newest decoded world (not interpolated), or null. */
    public Snapshot latest() {
        return receiver.latest();
    }

    public ClockSync clock() {
        return clock;
    }

    /** Interpolation state: delay, underruns (frames where the buffer ran dry), held and slowed frames. */
    public SnapshotInterpolator<Snapshot> interpolator() {
        return interpolator;
    }

    public SnapshotReceiver receiver() {
        return receiver;
    }

    /** Snapshot packets received, decodable or not. */
    public long packets() {
        return packets;
    }

    /** Packets whose snapshot did not decode (corrupt or hostile). */
    public long malformed() {
        return malformed;
    }
}
