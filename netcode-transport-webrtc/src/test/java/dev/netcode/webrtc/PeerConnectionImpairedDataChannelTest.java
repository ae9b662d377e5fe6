package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.datachannel.DataChannelState;
import dev.netcode.webrtc.impairment.ImpairmentConfig;
import dev.netcode.webrtc.impairment.ImpairmentCounters;
import dev.netcode.webrtc.impairment.UdpImpairmentRelay;
import dev.netcode.webrtc.sctp.SctpAssociation;
import dev.netcode.webrtc.sctp.SctpStats;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue acceptance, Java↔Java: two real {@link PeerConnection}s on loopback with every datagram
 * (ICE, DTLS, SCTP) crossing a {@link UdpImpairmentRelay} at 10 % loss, 5 % duplication, 5 %
 * reordering and 50 ± 20 ms delay. 10,000 reliable ordered binary messages of mixed sizes must
 * arrive exactly once, in order, byte for byte, while the sender's queues and the receiver's
 * reassembly buffer stay under fixed caps and the heap does not grow.
 *
 * <p>The offerer is told only the relay's address as the answerer's candidate; the answerer hears
 * no candidate at all and learns the relay peer-reflexively, like a Java peer behind a NAT.
 */
@Tag("slow")
@Timeout(120)
class PeerConnectionImpairedDataChannelTest {
    private static final int MESSAGES = 10_000;
    private static final int MAX_MESSAGE_BYTES = 300;
    /** The pump keeps at most this much queued and unsent (bufferedAmount). */
    private static final int SEND_WINDOW_BYTES = 32 * 1024;

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Message {@code i}: a 4-byte index and pseudo-random bytes derived from the seed and index. */
    static byte[] message(long seed, int i) {
        Random r = new Random(seed * 31 + i);
        int size = 4 + r.nextInt(MAX_MESSAGE_BYTES - 3);
        byte[] b = new byte[size];
        r.nextBytes(b);
        ByteBuffer.wrap(b).putInt(0, i);
        return b;
    }

    /**
     * The order check both impaired tests make on every message that arrives: null if
     * {@code message} is message {@code expected} byte for byte, else what is wrong with it.
     */
    static String mismatch(long seed, int expected, ByteBuffer message) {
        byte[] got = new byte[message.remaining()];
        message.get(got);
        int index = got.length >= 4 ? ByteBuffer.wrap(got).getInt(0) : -1;
        if (index != expected) {
            return "expected message " + expected + " but got " + index
                    + (index >= 0 && index < expected ? " (duplicate or reordered)" : "") + " of " + got.length + " bytes";
        }
        if (!Arrays.equals(got, message(seed, index))) {
            return "message " + index + " corrupted";
        }
        return null;
    }

    static String withoutCandidates(String sdp) {
        return Arrays.stream(sdp.split("\r\n"))
                .filter(l -> !l.startsWith("a=candidate:") && !l.startsWith("a=end-of-candidates"))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    static int loopbackUdpPort(String sdp) {
        for (String l : sdp.split("\r\n")) {
            String[] f = l.split(" ");
            if (l.startsWith("a=candidate:") && f.length > 5 && f[2].equalsIgnoreCase("udp")
                    && f[4].equals("127.0.0.1")) {
                return Integer.parseInt(f[5]);
            }
        }
        throw new AssertionError("no loopback UDP candidate in\n" + sdp);
    }

    /** The association behind a connection's data channels (diagnostics only; no public accessor yet). */
    static SctpAssociation sctpOf(PeerConnection pc) throws ReflectiveOperationException {
        Field dc = PeerConnection.class.getDeclaredField("dataChannels");
        dc.setAccessible(true);
        Object channels = dc.get(pc);
        Field sctp = channels.getClass().getDeclaredField("sctp");
        sctp.setAccessible(true);
        return (SctpAssociation) sctp.get(channels);
    }

    static SctpStats statsOn(PeerConnection pc, SctpAssociation a) throws Exception {
        return pc.eventLoop().submit(a::stats).get(5, TimeUnit.SECONDS);
    }

    static long usedHeapAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Receives and checks every message: exactly once, in order, byte for byte. */
    private static final class Checker implements DataChannelListener {
        final long seed;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile int received;

        Checker(long seed) {
            this.seed = seed;
        }

        @Override
        public void onBinaryMessage(DataChannel channel, ByteBuffer message) {
            int expected = received;
            String wrong = mismatch(seed, expected, message);
            if (wrong != null) {
                done.completeExceptionally(new AssertionError(wrong));
                return;
            }
            received = expected + 1;
            if (received == MESSAGES) {
                done.complete(null);
            }
        }

        @Override
        public void onStringMessage(DataChannel channel, String message) {
            done.completeExceptionally(new AssertionError("unexpected string message"));
        }
    }

    /** Sends the messages in order, keeping bufferedAmount under the window; runs on the channel's loop. */
    private static final class Pump implements DataChannelListener {
        final long seed;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile int next;

        Pump(long seed) {
            this.seed = seed;
        }

        void pump(DataChannel ch) {
            try {
                while (next < MESSAGES && ch.readyState() == DataChannelState.OPEN
                        && ch.bufferedAmount() < SEND_WINDOW_BYTES) {
                    ch.send(message(seed, next));
                    next++;
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }

        @Override
        public void onOpen(DataChannel channel) {
            pump(channel);
        }

        @Override
        public void onBufferedAmountLow(DataChannel channel) {
            pump(channel);
        }
    }

    @Test
    void tenThousandReliableMessagesArriveExactlyOnceInOrderThroughTheImpairmentRelay() throws Exception {
        long seed = Long.getLong("netcode.impairment.seed", 20_261_126L);
        System.out.println("PeerConnectionImpairedDataChannelTest seed=" + seed);
        Random random = new Random(seed);
        PeerConnection offerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
        PeerConnection answerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
        Checker checker = new Checker(seed);
        CompletableFuture<DataChannel> announced = new CompletableFuture<>();
        answerer.addListener(new PeerConnectionListener() {
            @Override
            public void onDataChannel(DataChannel channel) {
                channel.setListener(checker);
                announced.complete(channel);
            }
        });
        Pump pump = new Pump(seed);

        ImpairmentConfig impairment = ImpairmentConfig.none().withDropPercent(10).withDuplicatePercent(5)
                .withReorderPercent(5).withDelayMs(50).withJitterMs(20).withSeed(seed);
        UdpImpairmentRelay relay = null;
        try {
            offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            // The answerer never hears of the offerer's addresses: it can only answer the relay.
            answerer.setRemoteDescription(SessionDescriptionInit.offer(withoutCandidates(offer.sdp())))
                    .get(5, TimeUnit.SECONDS);
            answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            relay = UdpImpairmentRelay.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackUdpPort(answer.sdp())), impairment);
            String relayCandidate = "a=candidate:1 1 udp 2122260223 127.0.0.1 " + relay.localAddress().getPort()
                    + " typ host generation 0\r\n";
            offerer.setRemoteDescription(SessionDescriptionInit.answer(withoutCandidates(answer.sdp())
                    + relayCandidate)).get(5, TimeUnit.SECONDS);

            // Data channels need both descriptions (the DTLS role picks even or odd stream ids).
            DataChannel channel = offerer.eventLoop().submit(() -> {
                DataChannel ch = offerer.createDataChannel("impaired", DataChannelParameters.DEFAULT);
                ch.setBufferedAmountLowThreshold(SEND_WINDOW_BYTES / 2);
                ch.setListener(pump);
                return ch;
            }).get(5, TimeUnit.SECONDS);
            offerer.connected().get(60, TimeUnit.SECONDS);
            announced.get(60, TimeUnit.SECONDS);
            long start = System.nanoTime();
            offerer.eventLoop().execute(() -> pump.pump(channel)); // in case it opened before the listener ran

            SctpAssociation sender = sctpOf(offerer);
            SctpAssociation receiver = sctpOf(answerer);
            long heapBefore = usedHeapAfterGc();
            long maxBuffered = 0;
            long maxSendQueue = 0;
            long maxOutstanding = 0;
            long maxCwnd = 0;
            long maxReassembly = 0;
            while (!checker.done.isDone() && pump.failure.get() == null
                    && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(90)) {
                SctpStats s = statsOn(offerer, sender);
                SctpStats r = statsOn(answerer, receiver);
                maxBuffered = Math.max(maxBuffered, channel.bufferedAmount());
                maxSendQueue = Math.max(maxSendQueue, s.sendBufferedBytes());
                maxOutstanding = Math.max(maxOutstanding, s.outstandingChunks());
                maxCwnd = Math.max(maxCwnd, s.cwndBytes());
                maxReassembly = Math.max(maxReassembly, r.receiveBufferedBytes());
                Thread.sleep(50);
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            SctpStats s = statsOn(offerer, sender);
            ImpairmentCounters counters = relay.counters();
            long heapAfter = usedHeapAfterGc();
            System.out.printf("impaired Java<->Java: %d/%d messages in %d ms; retransmitted chunks %d, fast "
                            + "retransmits %d, T3 expirations %d, max cwnd %d, max bufferedAmount %d, max send queue %d, "
                            + "max outstanding chunks %d, max reassembly %d, heap %d -> %d MiB%n  sender %s%n  relay %s%n",
                    checker.received, MESSAGES, elapsedMs, s.dataChunksRetransmitted(), s.fastRetransmits(),
                    s.t3Expirations(), maxCwnd, maxBuffered, maxSendQueue, maxOutstanding, maxReassembly,
                    heapBefore >> 20, heapAfter >> 20, s, counters);

            assertThat(pump.failure.get()).as("send failed").isNull();
            checker.done.get(1, TimeUnit.SECONDS); // rethrows an order, duplicate or content failure
            assertThat(checker.received).isEqualTo(MESSAGES);
            // The impairment really happened, in both directions.
            assertThat(counters.dropped()).isPositive();
            assertThat(counters.forwardedToTarget()).isPositive();
            assertThat(counters.forwardedToClient()).isPositive();
            assertThat(s.dataChunksRetransmitted()).isPositive();
            // Bounded memory: the pump's window plus one message, a receive window's worth in flight,
            // reassembly within its buffer, and no heap growth beyond noise.
            assertThat(maxBuffered).isLessThanOrEqualTo(SEND_WINDOW_BYTES + MAX_MESSAGE_BYTES);
            assertThat(maxSendQueue).isLessThanOrEqualTo(SEND_WINDOW_BYTES + MAX_MESSAGE_BYTES);
            assertThat(maxOutstanding).isLessThan(20_000);
            assertThat(maxReassembly).isLessThanOrEqualTo(dev.netcode.webrtc.sctp.SctpConfig.defaults()
                    .receiveBufferBytes());
            assertThat(heapAfter - heapBefore).isLessThan(64L * 1024 * 1024);
        } finally {
            offerer.close();
            answerer.close();
            if (relay != null) {
                relay.close();
            }
        }
    }
}
