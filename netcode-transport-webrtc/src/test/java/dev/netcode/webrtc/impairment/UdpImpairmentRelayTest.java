package dev.netcode.webrtc.impairment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The relay on real loopback sockets: plain UDP peers on both sides. */
@Timeout(60)
class UdpImpairmentRelayTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long SEED = 0x1a2b3c4dL;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private DatagramChannel socket() throws IOException {
        DatagramChannel channel = track(DatagramChannel.open());
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        channel.bind(new InetSocketAddress(LOOPBACK, 0));
        channel.socket().setSoTimeout(200);
        return channel;
    }

    private UdpImpairmentRelay relay(DatagramChannel target, ImpairmentConfig config) throws IOException {
        return track(UdpImpairmentRelay.start(new InetSocketAddress(LOOPBACK, 0),
                (InetSocketAddress) target.getLocalAddress(), config));
    }

    private static ByteBuffer datagram(int sequence, int sizeBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(sizeBytes);
        buffer.putInt(0, sequence);
        return buffer;
    }

    /** Collects the sequence numbers arriving on {@code socket} on a background thread. */
    private static final class Collector implements AutoCloseable {
        final List<Integer> sequences = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Collector(DatagramChannel socket, boolean echo) {
            thread = new Thread(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(65_536);
                while (running) {
                    try {
                        buffer.clear();
                        // Blocking socket adaptor so SO_TIMEOUT lets the loop notice close().
                        java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer.array(), buffer.capacity());
                        socket.socket().receive(packet);
                        sequences.add(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()).getInt());
                        if (echo) {
                            socket.socket().send(new java.net.DatagramPacket(packet.getData(), packet.getLength(),
                                    packet.getSocketAddress()));
                        }
                    } catch (SocketTimeoutException e) {
                        // poll running again
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "collector");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(2000);
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Sends {@code count} sequence-numbered datagrams, pausing briefly so no socket buffer overflows. */
    private static void sendSequence(DatagramChannel from, SocketAddress to, int count, int sizeBytes)
            throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            from.send(datagram(i, sizeBytes), to);
            if (i % 10 == 9) {
                Thread.sleep(1); // a starved receiver on a loaded 2-core machine must not lose datagrams
            }
        }
    }

    @Test
    void transparentRelayForwardsBothWaysInOrder() throws Exception {
        DatagramChannel target = socket();
        DatagramChannel client = socket();
        UdpImpairmentRelay relay = relay(target, ImpairmentConfig.none());
        Collector atTarget = track(new Collector(target, true));
        Collector atClient = track(new Collector(client, false));

        sendSequence(client, relay.localAddress(), 300, 200);
        await("300 echoes at the client", Duration.ofSeconds(20), () -> atClient.sequences.size() == 300);

        List<Integer> expected = java.util.stream.IntStream.range(0, 300).boxed().toList();
        assertThat(atTarget.sequences).isEqualTo(expected);
        assertThat(atClient.sequences).isEqualTo(expected);
        assertThat(relay.client()).contains((InetSocketAddress) client.getLocalAddress());
        ImpairmentCounters counters = relay.counters();
        assertThat(counters.received()).isEqualTo(600);
        assertThat(counters.forwardedToTarget()).isEqualTo(300);
        assertThat(counters.forwardedToClient()).isEqualTo(300);
        assertThat(counters.dropped() + counters.duplicated() + counters.reordered() + counters.overflowDropped()
                + counters.unknownSourceDropped() + counters.sendErrors()).isZero();
    }

    @Test
    void seededLossDuplicationAndReorderingMatchTheCountersAndTheRates() throws Exception {
        System.out.println("seed " + SEED);
        int n = 5000;
        DatagramChannel target = socket();
        DatagramChannel client = socket();
        UdpImpairmentRelay relay = relay(target, ImpairmentConfig.none().withDropPercent(10).withDuplicatePercent(5)
                .withReorderPercent(5).withReorderHoldMs(50).withSeed(SEED));
        Collector atTarget = track(new Collector(target, false));

        sendSequence(client, relay.localAddress(), n, 64);
        await("relay idle", Duration.ofSeconds(30),
                () -> relay.counters().received() == n && relay.counters().queued() == 0);
        ImpairmentCounters counters = relay.counters();
        await("every forwarded datagram at the target", Duration.ofSeconds(10),
                () -> atTarget.sequences.size() == counters.forwardedToTarget());
        System.out.println(counters);

        // What the target saw agrees exactly with what the relay says it did.
        List<Integer> seen = atTarget.sequences;
        Set<Integer> unique = new HashSet<>(seen);
        assertThat(unique).hasSize((int) (n - counters.dropped()));
        assertThat(seen.size() - unique.size()).isEqualTo(counters.duplicated());
        assertThat(counters.overflowDropped() + counters.unknownSourceDropped() + counters.sendErrors()).isZero();
        assertThat(counters.received()).isEqualTo(counters.dropped() + counters.forwarded() - counters.duplicated());

        // A held datagram arrives after its successor; one whose duplicate went first is not late.
        Set<Integer> first = new HashSet<>();
        int highest = -1;
        int late = 0;
        for (int sequence : seen) {
            if (first.add(sequence)) {
                if (sequence < highest) {
                    late++;
                }
                highest = Math.max(highest, sequence);
            }
        }
        assertThat(late).isLessThanOrEqualTo((int) counters.reordered()).isGreaterThan((int) (counters.reordered() * 0.8));

        // Rates within 5 standard deviations of the configuration.
        assertBinomial("dropped", counters.dropped(), n, 0.10);
        long kept = n - counters.dropped();
        assertBinomial("duplicated", counters.duplicated(), kept, 0.05);
        // A reorder chosen while the bay is busy is not a hold: slightly under 5 %.
        assertBinomial("reordered", counters.reordered(), kept, 0.05 * 0.95);
    }

    private static void assertBinomial(String what, long count, long trials, double p) {
        double sd = Math.sqrt(trials * p * (1 - p));
        assertThat((double) count).as("%s of %d at p=%s", what, trials, p)
                .isBetween(trials * p - 5 * sd, trials * p + 5 * sd);
    }

    @Test
    void sameSeedGivesTheSameDeliveryEvenWithDelayAndJitter() throws Exception {
        System.out.println("seed " + SEED);
        ImpairmentConfig config = ImpairmentConfig.none().withDropPercent(10).withDuplicatePercent(5)
                .withReorderPercent(10).withDelayMs(5).withJitterMs(3).withReorderHoldMs(30_000).withSeed(SEED);
        List<Integer> first = deliveredOrder(config, 1000);
        List<Integer> second = deliveredOrder(config, 1000);
        List<Integer> otherSeed = deliveredOrder(config.withSeed(SEED + 1), 1000);
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    /** The order in which {@code count} datagrams reach the target (a last held one excluded). */
    private List<Integer> deliveredOrder(ImpairmentConfig config, int count) throws Exception {
        DatagramChannel target = socket();
        DatagramChannel client = socket();
        UdpImpairmentRelay relay = relay(target, config);
        Collector atTarget = track(new Collector(target, false));
        sendSequence(client, relay.localAddress(), count, 32);
        // The FIFO link and swap-based reordering make the order independent of timing; only a
        // final held datagram (no successor) would wait for its 30 s deadline, so stop before it.
        await("relay drained", Duration.ofSeconds(30), () -> {
            ImpairmentCounters c = relay.counters();
            return c.received() == count && c.queued() <= 1 && atTarget.sequences.size() == c.forwardedToTarget();
        });
        return List.copyOf(atTarget.sequences);
    }

    @Test
    void delayIsAppliedOnEachPass() throws Exception {
        DatagramChannel target = socket();
        DatagramChannel client = socket();
        UdpImpairmentRelay relay = relay(target, ImpairmentConfig.none().withDelayMs(50).withJitterMs(10).withSeed(SEED));
        Collector echo = track(new Collector(target, true));
        List<Long> rttsMs = new ArrayList<>();
        java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[64], 64);
        client.socket().setSoTimeout(5000);
        for (int i = 0; i < 10; i++) {
            long start = System.nanoTime();
            client.send(datagram(i, 16), relay.localAddress());
            client.socket().receive(reply);
            rttsMs.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("RTTs through a 50±10 ms relay (ms): " + rttsMs);
        // Two passes of at least 40 ms each; no tight upper bound on a loaded machine.
        assertThat(rttsMs).allSatisfy(rtt -> assertThat(rtt).isBetween(80L, 2_000L));
        assertThat(echo.sequences).hasSize(10);
    }

    @Test
    void queueIsBoundedAndCloseDiscardsIt() throws Exception {
        DatagramChannel target = socket();
        DatagramChannel client = socket();
        UdpImpairmentRelay relay = relay(target, ImpairmentConfig.none().withDelayMs(30_000).withMaxQueuedDatagrams(100));
        sendSequence(client, relay.localAddress(), 500, 1200);
        await("500 received", Duration.ofSeconds(20), () -> relay.counters().received() == 500);
        ImpairmentCounters counters = relay.counters();
        assertThat(counters.queued()).isEqualTo(100);
        assertThat(counters.queuedBytes()).isEqualTo(100 * 1200);
        assertThat(counters.overflowDropped()).isEqualTo(400);
        assertThat(counters.forwarded()).isZero();

        InetSocketAddress address = relay.localAddress();
        relay.close();
        assertThat(relay.counters().queued()).isZero();
        // The port is free again and nothing is delivered after close.
        try (DatagramChannel rebound = DatagramChannel.open()) {
            rebound.bind(address);
        }
        relay.close(); // idempotent
    }

    @Test
    void foreignSendersAndEarlyTargetTrafficAreDropped() throws Exception {
        DatagramChannel target = socket();
        DatagramChannel client = socket();
        DatagramChannel stranger = socket();
        UdpImpairmentRelay relay = relay(target, ImpairmentConfig.none());

        // The target speaks first: no client yet, nowhere to go.
        target.send(datagram(99, 8), relay.localAddress());
        await("early datagram counted", Duration.ofSeconds(10), () -> relay.counters().unknownSourceDropped() == 1);
        Collector atTarget = track(new Collector(target, false));

        client.send(datagram(1, 8), relay.localAddress());
        await("client datagram forwarded", Duration.ofSeconds(10), () -> atTarget.sequences.size() == 1);
        for (int i = 0; i < 5; i++) {
            stranger.send(datagram(100 + i, 8), relay.localAddress());
        }
        await("stranger counted", Duration.ofSeconds(10), () -> relay.counters().unknownSourceDropped() == 6);
        client.send(datagram(2, 8), relay.localAddress());
        await("second client datagram", Duration.ofSeconds(10), () -> atTarget.sequences.size() == 2);
        assertThat(atTarget.sequences).containsExactly(1, 2);
        assertThat(relay.client()).contains((InetSocketAddress) client.getLocalAddress());
    }
}
