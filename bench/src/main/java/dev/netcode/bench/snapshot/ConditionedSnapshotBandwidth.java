package dev.netcode.bench.snapshot;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.MessageRegistry;
import dev.netcode.core.NetClient;
import dev.netcode.core.NetConfig;
import dev.netcode.core.NetListener;
import dev.netcode.core.NetServer;
import dev.netcode.core.conditioner.ConditionedTransport;
import dev.netcode.core.conditioner.LinkPreset;
import dev.netcode.core.interpolation.TimeSource;
import dev.netcode.core.replication.ReplicationClient;
import dev.netcode.core.replication.ReplicationConfig;
import dev.netcode.core.replication.ReplicationMessages;
import dev.netcode.core.replication.ReplicationServer;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.snapshot.SnapshotConfig;
import dev.netcode.core.snapshot.SnapshotSender;
import dev.netcode.core.transport.Transports;
import dev.netcode.core.transport.memory.InMemoryNetwork;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The cube scenario of {@link SnapshotBandwidthBenchmark}, but end to end and in real time: a
 * {@link ReplicationServer} (60 Hz tick, 60 Hz send) and a {@link ReplicationClient} on real
 * {@code NetServer}/{@code NetClient} endpoints over {@link InMemoryNetwork}, the client behind the
 * real link conditioner {@code Transports.conditioned(..., LinkPreset.BROADBAND_P50, seed)} (66 ms
 * RTT, 11 ms jitter, 3 % loss). Snapshots and acks travel as real messages capped at 1,200 bytes.
 *
 * <p>{@code delta} counts the snapshot payload bytes the server handed to the transport (headers of
 * the message, transport and lower layers excluded, like the other two columns); {@code naive_kryo}
 * and {@code quantized_full} encode the same tick's world (every tick) the naive and the
 * full-quantized way. Being real time, figures vary slightly from run to run (thread timing), though
 * the conditioner's random decisions are seeded.
 */
public final class ConditionedSnapshotBandwidth {
    private ConditionedSnapshotBandwidth() {}

    public record Result(long seed, double simulatedSeconds, double naiveKryoKbps, double quantizedFullKbps,
            double deltaKbps, int maxPayloadBytes, long packetsSent, long packetsDecoded, long droppedTicks,
            boolean converged) {

        public double deltaVsNaive() {
            return deltaKbps / naiveKryoKbps;
        }

        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"bench\":\"snapshot-bandwidth\",\"link\":\"conditioner\",\"link_detail\":\"real LinkPreset.BROADBAND_P50"
                            + " conditioner over InMemoryNetwork, ReplicationServer/ReplicationClient on NetServer/NetClient, real time\","
                            + "\"preset\":\"broadband-p50\",\"cubes\":%d,\"snapshot_hz\":60,\"seconds\":%.1f,\"seed\":%d,"
                            + "\"naive_kryo_kbps\":%.1f,\"quantized_full_kbps\":%.1f,\"delta_kbps\":%.1f,\"delta_vs_naive\":%.5f,"
                            + "\"max_delta_packet_bytes\":%d,\"packets_sent\":%d,\"packets_decoded\":%d,\"server_dropped_ticks\":%d,"
                            + "\"client_view_converged\":%b}",
                    CubeWorld.CUBES, simulatedSeconds, seed, naiveKryoKbps, quantizedFullKbps, deltaKbps, deltaVsNaive(),
                    maxPayloadBytes, packetsSent, packetsDecoded, droppedTicks, converged);
        }
    }

    public static Result run(long seed, double seconds, Consumer<String> progress) {
        CubeWorld world = new CubeWorld(seed);
        Kryo kryo = new Kryo();
        kryo.register(SnapshotBandwidthBenchmark.CubeState.class);
        kryo.register(SnapshotBandwidthBenchmark.CubeState[].class);
        Output kryoOut = new Output(64 * 1024, -1);
        SnapshotBandwidthBenchmark.CubeState[] naive = new SnapshotBandwidthBenchmark.CubeState[CubeWorld.CUBES];
        for (int i = 0; i < naive.length; i++) {
            naive[i] = new SnapshotBandwidthBenchmark.CubeState();
        }
        SnapshotSender full = new SnapshotSender(SnapshotBandwidthBenchmark.REGISTRY,
                SnapshotConfig.DEFAULT.withBudgetBytes(65_507));
        byte[] fullPacket = new byte[65_507];
        long[] naiveBytes = {0};
        long[] fullBytes = {0};
        long[] ticks = {0};
        boolean[] frozen = {false};
        Snapshot[] last = {null};

        ReplicationConfig config = ReplicationConfig.DEFAULT.withSendHz(60);
        MessageRegistry registry = ReplicationMessages.register(MessageRegistry.builder()).build();
        NetConfig netConfig = NetConfig.builder("snapshot-bandwidth").timeoutMs(15_000).build();
        ReplicationServer replication = new ReplicationServer(SnapshotBandwidthBenchmark.REGISTRY, config);
        replication.clientSetup((connection, sender) -> sender.priority(SnapshotBandwidthBenchmark::weight));
        ReplicationClient clientReplication = new ReplicationClient(SnapshotBandwidthBenchmark.REGISTRY, config,
                TimeSource.SYSTEM);
        try (InMemoryNetwork network = InMemoryNetwork.builder().maxMessageSizeBytes(1200).build();
                ConditionedTransport clientTransport = Transports.conditioned(network.transport(),
                        LinkPreset.BROADBAND_P50, seed);
                NetServer server = new NetServer(netConfig, registry, network.transport(),
                        replication.listener(new NetListener() {}));
                NetClient client = new NetClient(netConfig, registry, clientTransport,
                        clientReplication.listener(new NetListener() {}))) {
            server.bind("cubes");
            client.connect("cubes");
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (replication.clientCount() == 0 || !client.isConnected()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("client did not connect through the conditioner");
                }
                server.update();
                client.update();
                sleepMs(1);
            }
            ReplicationServer.World step = tick -> {
                if (!frozen[0]) {
                    world.step(1.0 / 60);
                    ticks[0]++;
                }
                Snapshot snapshot = SnapshotBandwidthBenchmark.snapshot(world, naive, (int) tick);
                if (!frozen[0]) {
                    kryoOut.reset();
                    kryo.writeObject(kryoOut, naive);
                    naiveBytes[0] += kryoOut.position();
                    fullBytes[0] += full.write(snapshot, fullPacket, 0);
                }
                last[0] = snapshot;
                return snapshot;
            };
            long target = Math.round(seconds * 60);
            long nextReport = 60;
            while (ticks[0] < target) {
                server.update();
                replication.update(System.nanoTime(), step);
                client.update();
                clientReplication.update();
                if (ticks[0] >= nextReport) {
                    progress.accept(String.format(Locale.ROOT, "  %3.0f s simulated, delta so far %.1f kbit/s, %d snapshots decoded",
                            ticks[0] / 60.0, replication.payloadBytesSent() * 8 / 1000.0 / (ticks[0] / 60.0),
                            clientReplication.receiver().decoded()));
                    nextReport += 60;
                }
                sleepMs(1);
            }
            long deltaBytes = replication.payloadBytesSent();
            long sent = replication.packetsSent();
            int maxPayload = replication.maxPayloadBytes();
            // Then let the world come to rest and check that the client ends with exactly the server's world.
            frozen[0] = true;
            boolean converged = false;
            long settle = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < settle && !converged) {
                server.update();
                replication.update(System.nanoTime(), step);
                client.update();
                clientReplication.update();
                Snapshot mine = clientReplication.latest();
                converged = mine != null && last[0] != null && mine.sameEntities(last[0]);
                sleepMs(1);
            }
            double simulated = ticks[0] / 60.0;
            return new Result(seed, simulated, kbps(naiveBytes[0], simulated), kbps(fullBytes[0], simulated),
                    kbps(deltaBytes, simulated), maxPayload, sent, clientReplication.receiver().decoded(),
                    replication.droppedTicks(), converged);
        }
    }

    private static double kbps(long bytes, double seconds) {
        return bytes * 8 / 1000.0 / seconds;
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
