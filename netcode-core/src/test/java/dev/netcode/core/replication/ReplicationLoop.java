package dev.netcode.core.replication;

import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetListener;
import dev.netcode.core.NetServer;
import dev.netcode.core.conditioner.ConditionedTransport;
import dev.netcode.core.conditioner.LinkProfile;
import dev.netcode.core.interpolation.TimeSource;
import dev.netcode.core.snapshot.EntitySchema;
import dev.netcode.core.snapshot.SchemaRegistry;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.time.Duration;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * A real server and client over the in-memory transport, the client behind the real link
 * conditioner, messages capped at one 1,200-byte datagram, driven like two game loops on the test
 * thread. The world is a map of entity id to state that tests edit between ticks.
 */
final class ReplicationLoop implements AutoCloseable {
    static final EntitySchema BOX = EntitySchema.builder("box")
            .boundedFloat("x", -1000, 1000, 0.01)
            .boundedFloat("y", -1000, 1000, 0.01)
            .angle("yaw", 10)
            .intField("stamp", 0, 1 << 20)
            .build();
    static final SchemaRegistry SCHEMAS = SchemaRegistry.of(BOX);
    static final EntitySchema.FloatField X = BOX.field("x", EntitySchema.FloatField.class);
    static final EntitySchema.FloatField Y = BOX.field("y", EntitySchema.FloatField.class);
    static final EntitySchema.IntField STAMP = BOX.field("stamp", EntitySchema.IntField.class);

    interface Tick {
        void run(long tick, TreeMap<Integer, int[]> world);
    }

    final InMemoryNetwork network = InMemoryNetwork.builder().maxMessageSizeBytes(1200).build();
    final ConditionedTransport clientTransport;
    final ReplicationServer replication;
    final ReplicationClient clientReplication;
    final NetServer server;
    final NetClient client;
    final TreeMap<Integer, int[]> world = new TreeMap<>();
    Tick tick = (t, w) -> {};
    Runnable everyFrame = () -> {};

    ReplicationLoop(ReplicationConfig config, LinkProfile link, long seed) {
        System.out.println("ReplicationLoop seed=" + seed + " link=" + link.name());
        MessageRegistry registry = ReplicationMessages.register(MessageRegistry.builder()).build();
        NetConfig netConfig = NetConfig.builder("replication-test").timeoutMs(10_000).build();
        replication = new ReplicationServer(SCHEMAS, config);
        clientReplication = new ReplicationClient(SCHEMAS, config, TimeSource.SYSTEM);
        server = new NetServer(netConfig, registry, network.transport(), replication.listener(new NetListener() {}));
        server.bind("arena");
        clientTransport = Transports.conditioned(network.transport(), link, seed);
        client = new NetClient(netConfig, registry, clientTransport, clientReplication.listener(new NetListener() {}));
        client.connect("arena");
        runUntil(Duration.ofSeconds(20), () -> replication.clientCount() == 1 && client.isConnected());
    }

    Snapshot step(long t) {
        tick.run(t, world);
        Snapshot.Builder b = Snapshot.builder(SCHEMAS, (int) t);
        world.forEach((id, state) -> b.add(id, BOX, state));
        return b.build();
    }

    void frame() {
        server.update();
        replication.update(System.nanoTime(), this::step);
        client.update();
        clientReplication.update();
        everyFrame.run();
    }

    void runFor(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            frame();
            sleep();
        }
    }

    void runUntil(Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            frame();
            sleep();
        }
    }

    /** Whether the client's newest decoded view holds exactly the server's newest world. */
    boolean converged() {
        Snapshot mine = clientReplication.latest();
        Snapshot theirs = replication.lastWorld();
        return mine != null && theirs != null && mine.sameEntities(theirs);
    }

    static int[] box(double x, double y, int stamp) {
        int[] s = BOX.newState();
        X.set(s, (float) x);
        Y.set(s, (float) y);
        STAMP.set(s, stamp);
        return s;
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
        clientTransport.close();
        network.close();
    }
}
