package dev.netcode.bench.snapshot;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.netcode.core.snapshot.EntitySchema;
import dev.netcode.core.snapshot.SchemaRegistry;
import dev.netcode.core.snapshot.Snapshot;
import dev.netcode.core.snapshot.SnapshotConfig;
import dev.netcode.core.snapshot.SnapshotReceiver;
import dev.netcode.core.snapshot.SnapshotSender;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The cube benchmark of Gaffer on Games' "Snapshot Compression": 901 cubes (position + orientation +
 * an "interacting" flag) at 60 snapshots per second, a player cube pushing the others around, and
 * three ways of sending the world:
 * <ul>
 *   <li>{@code naive_kryo}: the whole state as Kryo objects every snapshot (floats at 32 bits);</li>
 *   <li>{@code quantized_full}: the whole state bit-packed and quantized (no deltas, no budget);</li>
 *   <li>{@code delta}: {@link SnapshotSender} with its 1,200-byte budget, deltas against the newest
 *       acked snapshot, snapshots and acks through a seeded link modelled on the conditioner's
 *       {@code broadband-p50} (66 ms round trip, 11 ms round-trip jitter, 3 % loss each way).</li>
 * </ul>
 * Figures are payload bits (no UDP/IP/DTLS/SCTP headers), counted for every packet sent, lost or not.
 * Every decoded delta packet is checked against the sender's record of what the client holds.
 *
 * <p>Quantization: x, y in [-60, 60] m and z in [0, 16] m at 1/512 m; orientation "smallest three"
 * at 9 bits per component, as in the article.
 */
public final class SnapshotBandwidthBenchmark {
    static final EntitySchema CUBE = EntitySchema.builder("cube")
            .boundedFloat("x", -60, 60, 1.0 / 512)
            .boundedFloat("y", -60, 60, 1.0 / 512)
            .boundedFloat("z", 0, 16, 1.0 / 512)
            .quaternion("rotation", 9)
            .bool("interacting")
            .build();
    static final SchemaRegistry REGISTRY = SchemaRegistry.of(CUBE);
    private static final EntitySchema.FloatField X = CUBE.field("x", EntitySchema.FloatField.class);
    private static final EntitySchema.FloatField Y = CUBE.field("y", EntitySchema.FloatField.class);
    private static final EntitySchema.FloatField Z = CUBE.field("z", EntitySchema.FloatField.class);
    private static final EntitySchema.QuaternionField ROTATION = CUBE.field("rotation", EntitySchema.QuaternionField.class);
    private static final EntitySchema.BoolField INTERACTING = CUBE.field("interacting", EntitySchema.BoolField.class);

    /** Run parameters. */
    public record Options(long seed, double seconds, int snapshotHz, double lossRate, double rttMs, double rttJitterMs) {
        /** broadband-p50: 66 ms round trip, 11 ms round-trip jitter, 3 % loss each way. */
        public static final Options DEFAULT = new Options(20261126L, 60, 60, 0.03, 66, 11);
    }

    /** What one run measured. */
    public record Result(Options options, double naiveKryoKbps, double quantizedFullKbps, double deltaKbps,
            int maxDeltaPacketBytes, double meanMovingCubes, long fullStatePackets, long decodedPackets,
            long lostPackets, double p99ClientLagSnapshots, double maxPositionErrorMetres) {

        public double deltaVsNaive() {
            return deltaKbps / naiveKryoKbps;
        }

        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"bench\":\"snapshot-bandwidth\",\"cubes\":%d,\"snapshot_hz\":%d,\"seconds\":%.0f,\"seed\":%d,"
                            + "\"loss\":%.3f,\"rtt_ms\":%.0f,\"rtt_jitter_ms\":%.0f,\"naive_kryo_kbps\":%.1f,\"quantized_full_kbps\":%.1f,"
                            + "\"delta_kbps\":%.1f,\"delta_vs_naive\":%.5f,\"max_delta_packet_bytes\":%d,"
                            + "\"mean_moving_cubes\":%.1f,\"full_state_packets\":%d,\"decoded_packets\":%d,\"lost_packets\":%d,"
                            + "\"p99_client_lag_snapshots\":%.1f,\"max_position_error_m_vs_truth_at_view_tick\":%.4f}",
                    CubeWorld.CUBES, options.snapshotHz(), options.seconds(), options.seed(), options.lossRate(),
                    options.rttMs(), options.rttJitterMs(), naiveKryoKbps, quantizedFullKbps, deltaKbps, deltaVsNaive(),
                    maxDeltaPacketBytes, meanMovingCubes, fullStatePackets, decodedPackets, lostPackets,
                    p99ClientLagSnapshots, maxPositionErrorMetres);
        }
    }

    /** The state Kryo serializes naively: every float at full precision. */
    public static final class CubeState {
        public float x;
        public float y;
        public float z;
        public float qx;
        public float qy;
        public float qz;
        public float qw;
        public boolean interacting;
    }

    /** Ticks of true positions kept to measure the client's error against the truth at its view's tick. */
    private static final int HISTORY = 256;

    private SnapshotBandwidthBenchmark() {
    }

    private record InFlight(double deliverAtMs, byte[] bytes, int ack) {
    }

    /** One direction of the link: half the RTT, half the jitter (uniform), independent loss. */
    private static double oneWayMs(Options o, SplittableRandom random) {
        return o.rttMs() / 2 + (random.nextDouble() * 2 - 1) * o.rttJitterMs() / 2;
    }

    public static Result run(Options options) {
        CubeWorld world = new CubeWorld(options.seed());
        SplittableRandom link = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        double dt = 1.0 / options.snapshotHz();
        int ticks = (int) Math.round(options.seconds() * options.snapshotHz());
        double tickMs = 1000.0 / options.snapshotHz();

        Kryo kryo = new Kryo();
        kryo.register(CubeState.class);
        kryo.register(CubeState[].class);
        Output kryoOut = new Output(64 * 1024, -1);
        CubeState[] naive = new CubeState[CubeWorld.CUBES];
        for (int i = 0; i < naive.length; i++) {
            naive[i] = new CubeState();
        }

        SnapshotSender full = new SnapshotSender(REGISTRY, SnapshotConfig.DEFAULT.withBudgetBytes(65_507));
        // The player matters most to the viewer, then cubes near it: they win the budget when it is tight
        // (right after connecting, when every cube is new to the client).
        SnapshotSender delta = new SnapshotSender(REGISTRY, SnapshotConfig.DEFAULT)
                .priority(SnapshotBandwidthBenchmark::weight);
        SnapshotReceiver client = new SnapshotReceiver(REGISTRY, SnapshotConfig.DEFAULT);
        byte[] fullPacket = new byte[65_507];
        byte[] packet = new byte[1200];
        java.util.PriorityQueue<InFlight> toClient = new java.util.PriorityQueue<>(java.util.Comparator.comparingDouble(InFlight::deliverAtMs));
        java.util.PriorityQueue<InFlight> toServer = new java.util.PriorityQueue<>(java.util.Comparator.comparingDouble(InFlight::deliverAtMs));
        int[] lagHistogram = new int[256];

        long naiveBytes = 0;
        long fullBytes = 0;
        long deltaBytes = 0;
        int maxPacket = 0;
        long movingSum = 0;
        long fullStatePackets = 0;
        long decoded = 0;
        long lost = 0;
        double maxError = 0;
        int[] state = CUBE.newState();
        double[] historyX = new double[HISTORY * CubeWorld.CUBES];
        double[] historyY = new double[HISTORY * CubeWorld.CUBES];
        for (int tick = 0; tick < ticks; tick++) {
            world.step(dt);
            movingSum += world.movingCubes();
            Snapshot.Builder builder = Snapshot.builder(REGISTRY, tick);
            for (int i = 0; i < CubeWorld.CUBES; i++) {
                CubeState c = naive[i];
                c.x = (float) world.x[i];
                c.y = (float) world.y[i];
                c.z = (float) world.z[i];
                c.qx = (float) world.q[i * 4];
                c.qy = (float) world.q[i * 4 + 1];
                c.qz = (float) world.q[i * 4 + 2];
                c.qw = (float) world.q[i * 4 + 3];
                c.interacting = world.interacting[i];
                X.set(state, c.x);
                Y.set(state, c.y);
                Z.set(state, c.z);
                ROTATION.set(state, c.qx, c.qy, c.qz, c.qw);
                INTERACTING.set(state, c.interacting);
                builder.add(i, 0, state);
            }
            Snapshot snapshot = builder.build();
            int h0 = (tick & (HISTORY - 1)) * CubeWorld.CUBES;
            System.arraycopy(world.x, 0, historyX, h0, CubeWorld.CUBES);
            System.arraycopy(world.y, 0, historyY, h0, CubeWorld.CUBES);

            kryoOut.reset();
            kryo.writeObject(kryoOut, naive);
            naiveBytes += kryoOut.position();

            fullBytes += full.write(snapshot, fullPacket, 0); // never acked: always a full state

            int sequence = delta.nextSequence();
            int length = delta.write(snapshot, packet, 0);
            deltaBytes += length;
            maxPacket = Math.max(maxPacket, length);
            if (delta.lastBaselineSequence() < 0) {
                fullStatePackets++;
            }
            if (link.nextDouble() >= options.lossRate()) {
                toClient.add(new InFlight(tick * tickMs + oneWayMs(options, link), java.util.Arrays.copyOf(packet, length), sequence));
            } else {
                lost++;
            }

            // Client side: deliver due packets, decode, check, ack (the ack rides on its next input packet).
            while (!toClient.isEmpty() && toClient.peek().deliverAtMs() <= tick * tickMs) {
                InFlight p = toClient.poll();
                Snapshot view = client.receive(p.bytes(), 0, p.bytes().length);
                if (view == null) {
                    continue;
                }
                decoded++;
                if (!view.sameEntities(delta.sentView(p.ack()))) {
                    throw new IllegalStateException("client view differs from the sender's record at " + p.ack());
                }
                for (int i = 0; i < view.size(); i++) {
                    int e = view.id(i);
                    int h = (view.tick() & (HISTORY - 1)) * CubeWorld.CUBES + e;
                    double error = Math.hypot(X.get(view.data(), view.stateOffset(i)) - historyX[h],
                            Y.get(view.data(), view.stateOffset(i)) - historyY[h]);
                    if (tick >= options.snapshotHz()) {
                        maxError = Math.max(maxError, error); // after the first second (initial sync)
                    }
                }
                int lag = (int) Math.min(255, tick - view.tick());
                lagHistogram[lag]++;
            }
            if (client.ackSequence() >= 0) {
                if (link.nextDouble() >= options.lossRate()) {
                    toServer.add(new InFlight(tick * tickMs + oneWayMs(options, link), null, client.ackSequence()));
                }
            }
            while (!toServer.isEmpty() && toServer.peek().deliverAtMs() <= tick * tickMs) {
                delta.onAck(toServer.poll().ack());
            }
        }
        double seconds = ticks / (double) options.snapshotHz();
        return new Result(options, kbps(naiveBytes, seconds), kbps(fullBytes, seconds), kbps(deltaBytes, seconds),
                maxPacket, movingSum / (double) ticks, fullStatePackets, decoded, lost,
                percentile(lagHistogram, 0.99), maxError);
    }

    /** The player matters most to the viewer, then cubes being pushed. */
    static float weight(int id, int type, int[] data, int offset) {
        return id == CubeWorld.PLAYER ? 10f : INTERACTING.get(data, offset) ? 4f : 1f;
    }

    /** The world as a snapshot of tick {@code tick}, filling {@code naive} with the same state. */
    static Snapshot snapshot(CubeWorld world, CubeState[] naive, int tick) {
        int[] state = CUBE.newState();
        Snapshot.Builder builder = Snapshot.builder(REGISTRY, tick);
        for (int i = 0; i < CubeWorld.CUBES; i++) {
            CubeState c = naive[i];
            c.x = (float) world.x[i];
            c.y = (float) world.y[i];
            c.z = (float) world.z[i];
            c.qx = (float) world.q[i * 4];
            c.qy = (float) world.q[i * 4 + 1];
            c.qz = (float) world.q[i * 4 + 2];
            c.qw = (float) world.q[i * 4 + 3];
            c.interacting = world.interacting[i];
            X.set(state, c.x);
            Y.set(state, c.y);
            Z.set(state, c.z);
            ROTATION.set(state, c.qx, c.qy, c.qz, c.qw);
            INTERACTING.set(state, c.interacting);
            builder.add(i, 0, state);
        }
        return builder.build();
    }

    private static double kbps(long bytes, double seconds) {
        return bytes * 8 / 1000.0 / seconds;
    }

    private static double percentile(int[] histogram, double p) {
        long total = 0;
        for (int h : histogram) {
            total += h;
        }
        long target = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= target) {
                return i;
            }
        }
        return histogram.length - 1;
    }

    public static void main(String[] args) {
        Options o = Options.DEFAULT;
        if (args.length > 0) {
            o = new Options(o.seed(), Double.parseDouble(args[0]), o.snapshotHz(), o.lossRate(), o.rttMs(), o.rttJitterMs());
        }
        System.out.println(run(o).toJson());
    }
}
