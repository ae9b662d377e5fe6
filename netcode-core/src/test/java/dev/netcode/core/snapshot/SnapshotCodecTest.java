package dev.netcode.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sender and receiver over a simulated lossy link (seeded loss on snapshots and on acks, acks
 * delayed by a fixed number of packets): the decoded view must always equal what the sender
 * believes the client holds, and the client must converge to the world.
 */
@Timeout(60)
class SnapshotCodecTest {
    private static final SchemaRegistry R = TestWorlds.REGISTRY;

    /** A world of entities keyed by id, with a type and a state each. */
    static final class World {
        final Map<Integer, int[]> states = new HashMap<>();
        final Map<Integer, Integer> types = new HashMap<>();
        int tick;

        void put(int id, int type, int[] state) {
            states.put(id, state);
            types.put(id, type);
        }

        void remove(int id) {
            states.remove(id);
            types.remove(id);
        }

        Snapshot snapshot() {
            Snapshot.Builder b = Snapshot.builder(R, tick);
            for (var e : states.entrySet()) {
                b.add(e.getKey(), types.get(e.getKey()), e.getValue());
            }
            return b.build();
        }
    }

    /** Seeded link: drops snapshots and acks independently; acks arrive {@code ackDelay} packets later. */
    static final class Link {
        final Random random;
        final double snapshotLoss;
        final double ackLoss;
        final int ackDelay;
        final ArrayDeque<Integer> acksInFlight = new ArrayDeque<>();
        final byte[] packet = new byte[1500];
        int maxBytes;
        int decoded;

        Link(long seed, double snapshotLoss, double ackLoss, int ackDelay) {
            System.out.println("link seed " + seed);
            this.random = new Random(seed);
            this.snapshotLoss = snapshotLoss;
            this.ackLoss = ackLoss;
            this.ackDelay = ackDelay;
        }

        /** One send tick: encode, maybe deliver, check the view, maybe ack. Returns the decoded view or null. */
        Snapshot step(SnapshotSender sender, SnapshotReceiver receiver, Snapshot world) {
            int seq = sender.nextSequence();
            int len = sender.write(world, packet, 0);
            maxBytes = Math.max(maxBytes, len);
            Snapshot view = null;
            if (random.nextDouble() >= snapshotLoss) {
                view = receiver.receive(packet, 0, len);
                if (view != null) {
                    decoded++;
                    assertThat(view.sameEntities(sender.sentView(seq)))
                            .as("client view of packet %d equals the sender's", seq).isTrue();
                    assertThat(view.tick()).isEqualTo(world.tick());
                }
            }
            acksInFlight.addLast(random.nextDouble() >= ackLoss ? receiver.ackSequence() : -1);
            while (acksInFlight.size() > ackDelay) {
                int ack = acksInFlight.removeFirst();
                if (ack >= 0) {
                    sender.onAck(ack);
                }
            }
            return view;
        }
    }

    private static World randomWorld(Random random, int cubes, int orbs) {
        World w = new World();
        for (int i = 0; i < cubes + orbs; i++) {
            int type = i < cubes ? 0 : 1;
            w.put(i * 3 + random.nextInt(3), type, TestWorlds.randomState(R.schema(type), random));
        }
        return w;
    }

    @Test
    void fieldHandlesRoundTripThroughTheWire() {
        int[] cube = TestWorlds.CUBE.newState();
        TestWorlds.X.set(cube, 12.34f);
        TestWorlds.Y.set(cube, -99.99f);
        TestWorlds.YAW.set(cube, 3.0);
        TestWorlds.HP.set(cube, 77);
        TestWorlds.ALIVE.set(cube, true);
        int[] orb = TestWorlds.ORB.newState();
        TestWorlds.ROT.set(orb, 0.1, 0.7, -0.1, 0.7);
        Snapshot world = Snapshot.builder(R, 5).add(42, TestWorlds.CUBE, cube).add(7, TestWorlds.ORB, orb).build();
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        byte[] packet = new byte[1200];
        Snapshot view = receiver.receive(packet, 0, sender.write(world, packet, 0));
        assertThat(view.size()).isEqualTo(2);
        assertThat(view.id(0)).isEqualTo(7);
        int i = view.indexOf(42);
        assertThat(TestWorlds.X.get(view.data(), view.stateOffset(i))).isCloseTo(12.34f, org.assertj.core.data.Offset.offset(0.006f));
        assertThat(TestWorlds.HP.get(view.data(), view.stateOffset(i))).isEqualTo(77);
        assertThat(TestWorlds.ALIVE.get(view.data(), view.stateOffset(i))).isTrue();
        float[] q = new float[4];
        TestWorlds.ROT.get(view.data(), view.stateOffset(0), q);
        assertThat(q[1]).isCloseTo(0.7f / (float) Math.sqrt(1.02), org.assertj.core.data.Offset.offset(0.01f));
    }

    @Test
    void unchangedWorldCostsOnlyTheHeaderOnceAcked() {
        Random random = new Random(1);
        World w = randomWorld(random, 50, 10);
        Link link = new Link(2, 0, 0, 0);
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        Snapshot world = w.snapshot();
        link.step(sender, receiver, world);
        link.step(sender, receiver, world);
        assertThat(sender.lastBaselineSequence()).isGreaterThanOrEqualTo(0);
        assertThat(sender.lastEntitiesSent()).isZero();
        // 16 + 32 + 1 + 6 bits header, two 8-bit zero counts
        assertThat(sender.lastBytes()).isEqualTo(9);
        assertThat(receiver.latest().sameEntities(world)).isTrue();
    }

    @Test
    void randomChangesUnderSnapshotAndAckLossStayConsistent() {
        long seed = 20261126L;
        Random random = new Random(seed);
        World w = randomWorld(random, 120, 40);
        Link link = new Link(seed + 1, 0.2, 0.2, 3);
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        List<Integer> ids = new ArrayList<>(w.states.keySet());
        for (int t = 0; t < 600; t++) {
            w.tick = t;
            for (int k = 0; k < 20; k++) {
                int id = ids.get(random.nextInt(ids.size()));
                TestWorlds.perturb(R.schema(w.types.get(id)), w.states.get(id), random);
            }
            link.step(sender, receiver, w.snapshot());
        }
        assertThat(link.decoded).isGreaterThan(300);
        assertThat(link.maxBytes).isLessThanOrEqualTo(1200);
        // A few clean packets after the storm: the client converges to the world.
        Link clean = new Link(seed + 2, 0, 0, 0);
        Snapshot world = w.snapshot();
        for (int t = 0; t < 5; t++) {
            clean.step(sender, receiver, world);
        }
        assertThat(receiver.latest().sameEntities(world)).isTrue();
    }

    @Test
    void lostAcksFallBackToTheNewestAcknowledgedBaseline() {
        Random random = new Random(7);
        World w = randomWorld(random, 30, 0);
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        byte[] packet = new byte[1200];
        receiver.receive(packet, 0, sender.write(w.snapshot(), packet, 0));
        sender.onAck(receiver.ackSequence()); // seq 0 acked
        // Ten packets arrive but every ack is lost: all stay deltas against seq 0, and decode.
        for (int t = 1; t <= 10; t++) {
            w.tick = t;
            TestWorlds.perturb(TestWorlds.CUBE, w.states.values().iterator().next(), random);
            int seq = sender.nextSequence();
            Snapshot view = receiver.receive(packet, 0, sender.write(w.snapshot(), packet, 0));
            assertThat(sender.lastBaselineSequence()).isZero();
            assertThat(view.sameEntities(sender.sentView(seq))).isTrue();
        }
        // An old ack arriving late does not move the baseline backwards.
        sender.onAck(5);
        sender.onAck(3);
        sender.write(w.snapshot(), packet, 0);
        assertThat(sender.lastBaselineSequence()).isEqualTo(5);
    }

    @Test
    void baselineOlderThanTheRingFallsBackToFullState() {
        Random random = new Random(11);
        World w = randomWorld(random, 40, 5);
        SnapshotConfig config = SnapshotConfig.DEFAULT.withRingSize(16);
        SnapshotSender sender = new SnapshotSender(R, config);
        SnapshotReceiver receiver = new SnapshotReceiver(R, config);
        byte[] packet = new byte[1200];
        receiver.receive(packet, 0, sender.write(w.snapshot(), packet, 0));
        sender.onAck(receiver.ackSequence());
        // 20 packets all lost and no acks: the acked baseline ages out of the 16-slot ring.
        for (int t = 1; t <= 20; t++) {
            w.tick = t;
            sender.write(w.snapshot(), packet, 0);
            if (t < 15) {
                assertThat(sender.lastBaselineSequence()).isZero();
            }
        }
        assertThat(sender.lastBaselineSequence()).isEqualTo(-1);
        int seq = sender.nextSequence();
        Snapshot view = receiver.receive(packet, 0, sender.write(w.snapshot(), packet, 0));
        assertThat(sender.lastBaselineSequence()).isEqualTo(-1);
        assertThat(view).isNotNull();
        assertThat(view.sameEntities(sender.sentView(seq))).isTrue();
        assertThat(view.sameEntities(w.snapshot())).isTrue();
        // A stale ack for a slot that has been reused is ignored.
        sender.onAck(0);
        sender.write(w.snapshot(), packet, 0);
        assertThat(sender.lastBaselineSequence()).isEqualTo(-1);
    }

    @Test
    void entityChurnOfHundredPerSecondNeverLosesACreateOrDestroy() {
        long seed = 99;
        Random random = new Random(seed);
        World w = randomWorld(random, 200, 0);
        int nextId = 1000;
        Link link = new Link(seed, 0.1, 0.1, 2);
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        // 20 Hz for 30 s: 5 creates and 5 destroys per packet = 100 of each per second.
        for (int t = 0; t < 600; t++) {
            w.tick = t;
            List<Integer> ids = new ArrayList<>(w.states.keySet());
            java.util.Collections.sort(ids);
            for (int k = 0; k < 5; k++) {
                w.remove(ids.get(random.nextInt(ids.size())));
                int type = random.nextInt(2);
                // Every tenth create reuses a recently destroyed id with another type.
                int id = k == 0 && t % 10 == 0 ? ids.get(random.nextInt(ids.size())) : nextId++;
                w.put(id, type, TestWorlds.randomState(R.schema(type), random));
            }
            if (nextId >= 60000) {
                nextId = 1000;
            }
            link.step(sender, receiver, w.snapshot());
        }
        Snapshot world = w.snapshot();
        Link clean = new Link(seed + 1, 0, 0, 0);
        for (int t = 0; t < 4; t++) {
            clean.step(sender, receiver, world);
        }
        assertThat(receiver.latest().size()).isEqualTo(world.size());
        assertThat(receiver.latest().sameEntities(world)).isTrue();
    }

    @Test
    void nineHundredMovingEntitiesFitTheBudgetAndAreAllRefreshedWithinABound() {
        long seed = 900;
        Random random = new Random(seed);
        World w = randomWorld(random, 900, 0);
        Link link = new Link(seed, 0.05, 0.05, 3);
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        Map<Integer, Integer> lastFresh = new HashMap<>();
        int maxGap = 0;
        int minPerPacket = Integer.MAX_VALUE;
        for (int t = 0; t < 300; t++) {
            w.tick = t;
            // Every entity moves every tick: the worst case for the budget.
            for (int[] state : w.states.values()) {
                TestWorlds.perturb(TestWorlds.CUBE, state, random);
            }
            Snapshot world = w.snapshot();
            int seq = sender.nextSequence();
            link.step(sender, receiver, world);
            Snapshot sent = sender.sentView(seq);
            for (int i = 0; i < world.size(); i++) {
                int id = world.id(i);
                int j = sent.indexOf(id);
                boolean fresh = j >= 0 && java.util.Arrays.equals(sent.copyState(j), world.copyState(i));
                if (fresh) {
                    int previous = lastFresh.getOrDefault(id, -1);
                    maxGap = Math.max(maxGap, t - previous);
                    lastFresh.put(id, t);
                }
            }
            if (t > 0) {
                minPerPacket = Math.min(minPerPacket, sender.lastEntitiesSent());
            }
        }
        for (int i = 0; i < 900; i++) {
            int id = w.snapshot().id(i);
            maxGap = Math.max(maxGap, 299 - lastFresh.getOrDefault(id, -1));
        }
        assertThat(link.maxBytes).isLessThanOrEqualTo(1200);
        // Uniform weights: round robin, so an entity waits about ceil(900 / perPacket) + 1 packets;
        // updates lost with a packet get their priority back and jump the queue, which can delay
        // the others by one more packet.
        int bound = (900 + minPerPacket - 1) / minPerPacket + 2;
        System.out.printf("900 entities: max %d bytes, >= %d entities per packet, max refresh gap %d (bound %d)%n",
                link.maxBytes, minPerPacket, maxGap, bound);
        assertThat(minPerPacket).isGreaterThan(50);
        assertThat(maxGap).isLessThanOrEqualTo(bound);
    }

    @Test
    void relevancyFilterCreatesAndDestroysOnTheClient() {
        Random random = new Random(5);
        World w = randomWorld(random, 100, 0);
        boolean[] near = {true};
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT)
                .relevancy((id, type, data, off) -> near[0] || TestWorlds.X.get(data, off) < 0);
        SnapshotReceiver receiver = new SnapshotReceiver(R, SnapshotConfig.DEFAULT);
        Link link = new Link(6, 0, 0, 0);
        Snapshot world = w.snapshot();
        link.step(sender, receiver, world);
        link.step(sender, receiver, world);
        assertThat(receiver.latest().size()).isEqualTo(100);
        near[0] = false;
        link.step(sender, receiver, world);
        link.step(sender, receiver, world);
        Snapshot view = receiver.latest();
        assertThat(view.size()).isLessThan(100).isPositive();
        for (int i = 0; i < view.size(); i++) {
            assertThat(TestWorlds.X.get(view.data(), view.stateOffset(i))).isNegative();
        }
    }

    @Test
    void higherPriorityEntitiesGoFirst() {
        Random random = new Random(8);
        World w = randomWorld(random, 900, 0);
        SnapshotSender sender = new SnapshotSender(R, SnapshotConfig.DEFAULT)
                .priority((id, type, data, off) -> id < 900 ? 100f : 1f);
        byte[] packet = new byte[1200];
        int seq = sender.nextSequence();
        sender.write(w.snapshot(), packet, 0);
        Snapshot sent = sender.sentView(seq);
        assertThat(sent.size()).isPositive().isLessThan(300);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.id(i)).isLessThan(900);
        }
    }
}
