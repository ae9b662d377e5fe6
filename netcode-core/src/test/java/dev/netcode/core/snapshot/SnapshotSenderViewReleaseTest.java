package dev.netcode.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sender releases views older than the acknowledged baseline (unless a lost-send check still
 * needs one). That must not change a single byte on the wire: a sender that keeps every view is
 * driven in lockstep with the same worlds and acks (lost, delayed, reordered, stale), and every
 * packet must be identical, while the releasing sender holds only the baseline, the packets in
 * flight and the views pinned by a lost-send check.
 */
@Timeout(60)
class SnapshotSenderViewReleaseTest {
    private static final SchemaRegistry R = TestWorlds.REGISTRY;

    @Test
    void releasingOldViewsChangesNoPacketAndKeepsFewViews() {
        for (long seed = 1; seed <= 6; seed++) {
            runLockstep(20261127L * seed, (int) (seed % 3) * 8 + 2);
        }
    }

    private static void runLockstep(long seed, int maxAckDelay) {
        System.out.println("seed " + seed + ", max ack delay " + maxAckDelay);
        Random random = new Random(seed);
        SnapshotCodecTest.World w = new SnapshotCodecTest.World();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int type = i % 5 == 0 ? 1 : 0;
            w.put(i * 2, type, TestWorlds.randomState(R.schema(type), random));
            ids.add(i * 2);
        }
        SnapshotSender releasing = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        SnapshotSender keeping = new SnapshotSender(R, SnapshotConfig.DEFAULT, false);
        // Relevancy that hides a moving subset, so views differ from the world (private copies).
        RelevancyFilter hideSome = (id, type, data, off) -> (id + w.tick / 30) % 7 != 0;
        releasing.relevancy(hideSome);
        keeping.relevancy(hideSome);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        byte[] a = new byte[1200];
        byte[] b = new byte[1200];
        List<int[]> pendingAcks = new ArrayList<>(); // {deliverAtTick, sequence}
        int maxRetained = 0;
        int decoded = 0;
        for (int t = 0; t < 1500; t++) {
            w.tick = t;
            // Some entities move every tick, some rarely (those pin old views), churn now and then.
            for (int k = 0; k < 6; k++) {
                int id = ids.get(random.nextInt(10));
                TestWorlds.perturb(R.schema(w.types.get(id)), w.states.get(id), random);
            }
            if (random.nextInt(20) == 0) {
                int id = ids.get(10 + random.nextInt(ids.size() - 10));
                TestWorlds.perturb(R.schema(w.types.get(id)), w.states.get(id), random);
            }
            if (random.nextInt(50) == 0) {
                int id = 1000 + random.nextInt(200) * 2 + 1;
                if (w.states.containsKey(id)) {
                    w.remove(id);
                } else {
                    w.put(id, 0, TestWorlds.randomState(TestWorlds.CUBE, random));
                }
            }
            Snapshot world = w.snapshot();
            int la = releasing.write(world, a, 0);
            int lb = keeping.write(world, b, 0);
            assertThat(Arrays.copyOf(a, la)).as("packet %d (seed %d)", t, seed).isEqualTo(Arrays.copyOf(b, lb));
            boolean lost = random.nextInt(100) < 15;
            if (!lost && receiver.receive(a, 0, la) != null) {
                decoded++;
                if (random.nextInt(100) >= 15) {
                    pendingAcks.add(new int[] {t + 1 + random.nextInt(maxAckDelay), receiver.ackSequence()});
                }
            }
            if (random.nextInt(200) == 0) {
                // A stale ack from far back.
                pendingAcks.add(new int[] {t + 1, (releasing.nextSequence() - 1 - random.nextInt(200)) & 0xFFFF});
            }
            for (int i = 0; i < pendingAcks.size(); i++) {
                int[] ack = pendingAcks.get(i);
                if (ack[0] <= t) {
                    releasing.onAck(ack[1]);
                    keeping.onAck(ack[1]);
                    pendingAcks.remove(i--);
                }
            }
            assertThat(releasing.ackedSequence()).isEqualTo(keeping.ackedSequence());
            if (t > 100) {
                maxRetained = Math.max(maxRetained, releasing.retainedViews());
            }
        }
        assertThat(decoded).isGreaterThan(1000);
        System.out.println("  views retained: at most " + maxRetained + " of " + SnapshotConfig.DEFAULT.ringSize()
                + " (the keeping sender: " + keeping.retainedViews() + ")");
        // Rarely moving entities pin the view of their last send (the lost-send check reads it when
        // they change again), so here the bound is only the ring; the all-moving case is below.
        assertThat(keeping.retainedViews()).isEqualTo(SnapshotConfig.DEFAULT.ringSize());
        assertThat(maxRetained).isLessThanOrEqualTo(SnapshotConfig.DEFAULT.ringSize());
    }

    @Test
    void steadyAcksKeepOnlyTheBaselineAndThePacketsInFlight() {
        Random random = new Random(5);
        SnapshotCodecTest.World w = new SnapshotCodecTest.World();
        for (int i = 0; i < 16; i++) {
            w.put(i, 0, TestWorlds.randomState(TestWorlds.CUBE, random));
        }
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        sender.relevancy((id, type, data, off) -> id != 3); // like a player's own entity: never in its view
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        byte[] packet = new byte[1200];
        int ackDelay = 3;
        List<Integer> acks = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            w.tick = t;
            for (int id = 0; id < 16; id++) {
                TestWorlds.perturb(TestWorlds.CUBE, w.states.get(id), random); // everything moves
            }
            int len = sender.write(w.snapshot(), packet, 0);
            assertThat(receiver.receive(packet, 0, len)).isNotNull();
            acks.add(receiver.ackSequence());
            if (acks.size() > ackDelay) {
                sender.onAck(acks.remove(0));
            }
            if (t > 10) {
                // Deltas all along; the baseline moves along one lineage (acks of packets encoded
                // against an older baseline are skipped), so it lags by up to about twice the delay.
                assertThat(sender.lastBaselineSequence()).isNotNegative();
                assertThat(sender.retainedViews()).isLessThanOrEqualTo(2 * (ackDelay + 1) + 1);
            }
        }
        assertThat(receiver.latest().size()).isEqualTo(15);
    }
}
