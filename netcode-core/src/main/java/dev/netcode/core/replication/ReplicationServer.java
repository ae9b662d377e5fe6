package dev.netcode.core.replication;

import dev.netcode.core.Channel;
import dev.netcode.core.Connection;
import dev.netcode.core.DisconnectReason;
import dev.netcode.core.NetListener;
import dev.netcode.core.interpolation.TimeSource;
import dev.netcode.core.replication.internal.SnapshotAck;
import dev.netcode.core.replication.internal.SnapshotPacket;
import dev.netcode.core.snapshot.FixedTimestep;
import dev.netcode.core.snapshot.SchemaRegistry;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.snapshot.SnapshotSender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server half of snapshot replication over any transport: a fixed-timestep simulation, and per
 * client a {@link SnapshotSender} whose delta-compressed packets go out unreliably at that client's
 * own send rate.
 *
 * <pre>{@code
 * ReplicationServer replication = new ReplicationServer(schemas, ReplicationConfig.DEFAULT); // 60 Hz tick, 20 Hz send
 * NetServer server = new NetServer(netConfig, ReplicationMessages.register(MessageRegistry.builder()).build(),
 *         transport, replication.listener(gameListener));   // acks are consumed, the rest reaches you
 * replication.clientSetup((connection, sender) -> sender.relevancy(nearPlayer(connection)));
 * // server loop, as often as you like (it runs as many fixed ticks as are due):
 * server.update();
 * replication.update(System.nanoTime(), tick -> { world.step(); return world.snapshot((int) tick); });
 * }</pre>
 *
 * <p>Each due tick calls the {@link World} once; its snapshot is then encoded for every client whose
 * send tick it is ({@link FixedTimestep#isSendTick}: clients are staggered by id so 20 Hz clients
 * do not all send on the same tick). A packet is stamped with the tick's server time (the end of the
 * tick: {@code (tick + 1) × tickNs} after the first update) and echoes the client's newest ack time
 * for clock sync. Acks arrive either as the small ack message {@link ReplicationClient} sends, or
 * from your own input messages via {@link #acknowledge(Connection, int)}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Single-threaded: call {@link #update}, {@link #sendRate} and {@link #acknowledge} on the
 *       thread that calls {@code NetServer.update()} (the listener runs there by default).</li>
 *   <li>The {@link World} must not keep the {@link Snapshot} it returns for later mutation:
 *       senders keep it as a baseline. Build a new one per tick.</li>
 *   <li>A packet that the transport refuses (send buffer full) is skipped, not queued: the next
 *       one supersedes it anyway.</li>
 * </ul>
 */
public final class ReplicationServer {
    /** Simulates one fixed tick and returns the world state after it. */
    @FunctionalInterface
    public interface World {
        Snapshot step(long tick);
    }

    /** Customizes a new client's sender (relevancy, priority) when it connects. */
    @FunctionalInterface
    public interface ClientSetup {
        void setup(Connection connection, SnapshotSender sender);
    }

    private final SchemaRegistry schemas;
    private final ReplicationConfig config;
    private final FixedTimestep timestep;
    private final TimeSource time;
    private final Map<Integer, Client> clients = new HashMap<>();
    private final List<Client> order = new ArrayList<>();
    private ClientSetup setup = (c, s) -> {};
    private long epochNs = Long.MIN_VALUE;
    private Snapshot lastWorld;
    private long packetsSent;
    private long packetsSkipped;
    private long payloadBytesSent;
    private int maxMessageBytes;
    /**
     * Every client's packet is encoded here in turn: {@code Connection.send} copies it (Transport
     * SPI), so one buffer per server does, not one per client.
     */
    private byte[] packetBuffer = new byte[0];

    private static final class Client {
        final Connection connection;
        final SnapshotSender sender;
        final int budgetBytes;
        int sendHz;
        long echoClientTimeNs;
        long echoReceivedNs = Long.MIN_VALUE;
        boolean echoFresh;
        int lastPacketBytes;

        Client(Connection connection, SnapshotSender sender, int sendHz, int budget) {
            this.connection = connection;
            this.sender = sender;
            this.sendHz = sendHz;
            this.budgetBytes = budget;
        }
    }

    public ReplicationServer(SchemaRegistry schemas, ReplicationConfig config) {
        this(schemas, config, TimeSource.SYSTEM);
    }

    /** With an injectable clock (used to time acks and by {@link #update(World)}). */
    public ReplicationServer(SchemaRegistry schemas, ReplicationConfig config, TimeSource time) {
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
        this.timestep = new FixedTimestep(config.tickHz(), config.maxCatchUpTicks());
    }

    public ReplicationServer clientSetup(ClientSetup setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /**
     * Wraps the game's listener: tracks connections, consumes ack messages, and forwards everything
     * else (including connect and disconnect) to {@code game}.
     */
    public NetListener listener(NetListener game) {
        Objects.requireNonNull(game, "game");
        return new NetListener() {
            @Override
            public void connected(Connection connection) {
                onConnected(connection);
                game.connected(connection);
            }

            @Override
            public void received(Connection connection, Object message, Channel channel) {
                if (message instanceof SnapshotAck ack) {
                    onAck(connection, ack);
                } else {
                    game.received(connection, message, channel);
                }
            }

            @Override
            public void disconnected(Connection connection, DisconnectReason reason) {
                onDisconnected(connection);
                game.disconnected(connection, reason);
            }
        };
    }

    /** Registers a connection (done by {@link #listener}; call yourself only without it). */
    public void onConnected(Connection connection) {
        if (clients.containsKey(connection.id())) {
            return;
        }
        SnapshotSender sender = new SnapshotSender(schemas, config.snapshot());
        setup.setup(connection, sender);
        Client client = new Client(connection, sender, config.sendHz(), config.snapshot().budgetBytes());
        clients.put(connection.id(), client);
        order.add(client);
    }

    public void onDisconnected(Connection connection) {
        Client client = clients.remove(connection.id());
        if (client != null) {
            order.remove(client);
        }
    }

    private void onAck(Connection connection, SnapshotAck ack) {
        Client client = clients.get(connection.id());
        if (client == null) {
            return;
        }
        client.sender.onAck(ack.ackSequence);
        client.echoClientTimeNs = ack.clientTimeNs;
        client.echoReceivedNs = serverTimeNs(time.nanoTime());
        client.echoFresh = true;
    }

    /** An ack carried by one of your own messages (e.g. inputs stamped with {@code ackSequence()}). */
    public void acknowledge(Connection connection, int ackSequence) {
        Client client = clients.get(connection.id());
        if (client != null) {
            client.sender.onAck(ackSequence);
        }
    }

    /** Sets one client's snapshot rate (1..tickHz). */
    public void sendRate(Connection connection, int sendHz) {
        if (sendHz < 1 || sendHz > config.tickHz()) {
            throw new IllegalArgumentException("sendHz must be 1.." + config.tickHz() + ": " + sendHz);
        }
        Client client = clients.get(connection.id());
        if (client == null) {
            throw new IllegalArgumentException("not a replicated connection: " + connection.id());
        }
        client.sendHz = sendHz;
    }

    /** The sender of one client (its acked baseline, last packet stats), or null. */
    public SnapshotSender sender(Connection connection) {
        Client client = clients.get(connection.id());
        return client == null ? null : client.sender;
    }

    /** {@link #update(long, World)} at the injected clock's now. */
    public int update(World world) {
        return update(time.nanoTime(), world);
    }

    /**
     * Runs the ticks due at local time {@code nowNs} (monotonic, e.g. {@link System#nanoTime()}) and
     * sends the snapshots due after each.
     *
     * @return ticks simulated
     */
    public int update(long nowNs, World world) {
        Objects.requireNonNull(world, "world");
        if (epochNs == Long.MIN_VALUE) {
            epochNs = nowNs;
        }
        int due = timestep.advance(nowNs);
        for (int i = 0; i < due; i++) {
            long tick = timestep.nextTick();
            Snapshot snapshot = Objects.requireNonNull(world.step(tick), "World.step returned null");
            lastWorld = snapshot;
            long tickTimeNs = (tick + 1) * timestep.tickNs();
            for (int c = 0; c < order.size(); c++) {
                Client client = order.get(c);
                if (FixedTimestep.isSendTick(tick, config.tickHz(), client.sendHz, client.connection.id())) {
                    send(client, snapshot, tickTimeNs, nowNs);
                }
            }
        }
        return due;
    }

    private void send(Client client, Snapshot snapshot, long tickTimeNs, long nowNs) {
        if (!client.connection.isConnected()) {
            return;
        }
        if (packetBuffer.length < client.budgetBytes) {
            packetBuffer = new byte[client.budgetBytes];
        }
        int length = client.sender.write(snapshot, packetBuffer, 0);
        SnapshotPacket packet = new SnapshotPacket();
        packet.tickTimeNs = tickTimeNs;
        long serverNow = serverTimeNs(nowNs);
        packet.sendDelayNs = (int) Math.min(Integer.MAX_VALUE, Math.max(0, serverNow - tickTimeNs));
        if (client.echoFresh) {
            packet.echoClientTimeNs = client.echoClientTimeNs;
            packet.holdNs = (int) Math.min(Integer.MAX_VALUE, Math.max(0, serverNow - client.echoReceivedNs));
            client.echoFresh = false;
        }
        packet.payload = packetBuffer;
        packet.payloadLength = length;
        client.lastPacketBytes = length;
        maxMessageBytes = Math.max(maxMessageBytes, length);
        if (client.connection.send(packet, Channel.UNRELIABLE)) {
            packetsSent++;
            payloadBytesSent += length;
        } else {
            packetsSkipped++;
        }
    }

    private long serverTimeNs(long nowNs) {
        return epochNs == Long.MIN_VALUE ? 0 : nowNs - epochNs;
    }

    /** Server clock (ns since the first {@link #update}) at local {@code nowNs}. */
    public long serverClockNs(long nowNs) {
        return serverTimeNs(nowNs);
    }

    /** The snapshot of the newest tick, or null before the first. */
    public Snapshot lastWorld() {
        return lastWorld;
    }

    public int clientCount() {
        return order.size();
    }

    public long packetsSent() {
        return packetsSent;
    }

    /** Snapshot payload bytes handed to the transport, all clients (without message headers). */
    public long payloadBytesSent() {
        return payloadBytesSent;
    }

    /** Packets not handed to the transport because its send buffer was full. */
    public long packetsSkipped() {
        return packetsSkipped;
    }

    /** Largest snapshot payload sent so far, in bytes (the message adds at most {@link ReplicationConfig#OVERHEAD_BYTES}). */
    public int maxPayloadBytes() {
        return maxMessageBytes;
    }

    public long droppedTicks() {
        return timestep.droppedTicks();
    }

    public ReplicationConfig config() {
        return config;
    }
}
