package dev.netcode.webrtc;

import static dev.netcode.webrtc.PeerConnectionImpairedDataChannelTest.loopbackUdpPort;
import static dev.netcode.webrtc.PeerConnectionImpairedDataChannelTest.sctpOf;
import static dev.netcode.webrtc.PeerConnectionImpairedDataChannelTest.statsOn;
import static dev.netcode.webrtc.PeerConnectionImpairedDataChannelTest.usedHeapAfterGc;
import static dev.netcode.webrtc.PeerConnectionImpairedDataChannelTest.withoutCandidates;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.datachannel.DataChannel;
import dev.netcode.webrtc.datachannel.DataChannelListener;
import dev.netcode.webrtc.datachannel.DataChannelParameters;
import dev.netcode.webrtc.impairment.ImpairmentConfig;
import dev.netcode.webrtc.impairment.ImpairmentCounters;
import dev.netcode.webrtc.impairment.UdpImpairmentRelay;
import dev.netcode.webrtc.sctp.SctpAssociation;
import dev.netcode.webrtc.sctp.SctpConfig;
import dev.netcode.webrtc.sctp.SctpStats;
import dev.netcode.webrtc.testing.BrowserDataChannel;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue acceptance, Java↔Chromium: a Java {@link PeerConnection} offers a reliable ordered
 * channel to headless Chromium, which echoes every message; every datagram crosses a
 * {@link UdpImpairmentRelay} at 10 % loss, 5 % duplication, 5 % reordering and 50 ± 20 ms delay,
 * so each message crosses the impaired path twice (Java's SCTP one way, Chromium's dcSCTP back).
 * 10,000 binary messages of mixed sizes must come back exactly once, in order, byte for byte, with
 * the Java side's queues bounded. Chromium learns the relay only as a peer-reflexive candidate.
 */
@ChromiumTest(fakeMedia = true)
@Tag("slow")
@Timeout(150)
class PeerConnectionImpairedChromiumDataChannelTest {
    private static final int MESSAGES = 10_000;
    /** Messages sent and not yet echoed: bounds what both sides buffer. */
    private static final int IN_FLIGHT_MESSAGES = 256;

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Sends the next message whenever an echo returns; checks each echo in order (runs on the loop). */
    private static final class EchoChecker implements DataChannelListener {
        final long seed;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        int next;
        volatile int echoed;

        EchoChecker(long seed) {
            this.seed = seed;
        }

        void fill(DataChannel ch) {
            try {
                while (next < MESSAGES && next - echoed < IN_FLIGHT_MESSAGES) {
                    ch.send(PeerConnectionImpairedDataChannelTest.message(seed, next));
                    next++;
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onBinaryMessage(DataChannel c, ByteBuffer message) {
            int expected = echoed;
            String wrong = PeerConnectionImpairedDataChannelTest.mismatch(seed, expected, message);
            if (wrong != null) {
                done.completeExceptionally(new AssertionError("echo: " + wrong));
                return;
            }
            echoed = expected + 1;
            if (echoed == MESSAGES) {
                done.complete(null);
            } else {
                fill(c);
            }
        }

        @Override
        public void onStringMessage(DataChannel c, String message) {
            done.completeExceptionally(new AssertionError("unexpected string echo"));
        }
    }

    @Test
    void tenThousandReliableMessagesEchoedExactlyOnceInOrderThroughTheImpairmentRelay(ChromiumPage page)
            throws Exception {
        long seed = Long.getLong("netcode.impairment.seed", 20_261_127L);
        System.out.println("PeerConnectionImpairedChromiumDataChannelTest seed=" + seed);
        Random random = new Random(seed);
        page.requestAudioPermission(); // without it Chromium offers no loopback candidate
        PeerConnection java = PeerConnection.create(PeerTestSupport.loopback(random).consentIntervalMs(2000)
                .disconnectedTimeoutMs(10_000).failedTimeoutMs(30_000).eventLoopGroup(group).build());
        UdpImpairmentRelay relay = null;
        try {
            java.setLocalDescription(java.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            // Chromium never hears of the Java side's address: it can only answer the relay.
            browser.setRemoteDescription(RtcSessionDescription.offer(withoutCandidates(offer.sdp())));
            RtcSessionDescription answer = browser.createAnswerWithAllCandidates(Duration.ofSeconds(10));
            relay = UdpImpairmentRelay.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), loopbackUdpPort(answer.sdp())),
                    ImpairmentConfig.none().withDropPercent(10).withDuplicatePercent(5).withReorderPercent(5)
                            .withDelayMs(50).withJitterMs(20).withSeed(seed));
            String relayCandidate = "a=candidate:1 1 udp 2122260223 127.0.0.1 " + relay.localAddress().getPort()
                    + " typ host generation 0\r\n";
            java.setRemoteDescription(SessionDescriptionInit.answer(withoutCandidates(answer.sdp()) + relayCandidate))
                    .get(5, TimeUnit.SECONDS);

            EchoChecker checker = new EchoChecker(seed);
            CompletableFuture<Void> opened = new CompletableFuture<>();
            DataChannel[] channel = new DataChannel[1];
            java.eventLoop().submit(() -> {
                DataChannel ch = java.createDataChannel("impaired", DataChannelParameters.DEFAULT);
                channel[0] = ch;
                ch.setListener(new DataChannelListener() {
                    @Override
                    public void onOpen(DataChannel c) {
                        opened.complete(null);
                    }

                    @Override
                    public void onBinaryMessage(DataChannel c, ByteBuffer message) {
                        checker.onBinaryMessage(c, message);
                    }

                    @Override
                    public void onStringMessage(DataChannel c, String message) {
                        checker.onStringMessage(c, message);
                    }
                });
            }).get(5, TimeUnit.SECONDS);
            BrowserDataChannel remote = browser.awaitRemoteChannel("impaired", Duration.ofSeconds(60));
            remote.echo();
            opened.get(60, TimeUnit.SECONDS);

            SctpAssociation sctp = sctpOf(java);
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            java.eventLoop().submit(() -> checker.fill(channel[0])).get(5, TimeUnit.SECONDS);
            long maxBuffered = 0;
            long maxOutstanding = 0;
            long maxReassembly = 0;
            long maxCwnd = 0;
            while (!checker.done.isDone() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(110)) {
                SctpStats s = statsOn(java, sctp);
                maxBuffered = Math.max(maxBuffered, s.sendBufferedBytes());
                maxOutstanding = Math.max(maxOutstanding, s.outstandingChunks());
                maxReassembly = Math.max(maxReassembly, s.receiveBufferedBytes());
                maxCwnd = Math.max(maxCwnd, s.cwndBytes());
                Thread.sleep(50);
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            SctpStats s = statsOn(java, sctp);
            ImpairmentCounters counters = relay.counters();
            long heapAfter = usedHeapAfterGc();
            System.out.printf("impaired Java<->Chromium echo: %d/%d messages in %d ms; Java sender: retransmitted "
                            + "chunks %d, fast retransmits %d, T3 expirations %d, max cwnd %d, max send queue %d, "
                            + "max outstanding %d, max reassembly %d, heap %d -> %d MiB%n  %s%n  relay %s%n",
                    checker.echoed, MESSAGES, elapsedMs, s.dataChunksRetransmitted(), s.fastRetransmits(),
                    s.t3Expirations(), maxCwnd, maxBuffered, maxOutstanding, maxReassembly, heapBefore >> 20,
                    heapAfter >> 20, s, counters);

            checker.done.get(1, TimeUnit.SECONDS); // rethrows an order, duplicate or content failure
            assertThat(checker.echoed).isEqualTo(MESSAGES);
            assertThat(counters.dropped()).isPositive();
            assertThat(counters.forwardedToTarget()).isPositive();
            assertThat(counters.forwardedToClient()).isPositive();
            // At most IN_FLIGHT_MESSAGES messages of at most 300 bytes are ever queued on the Java side.
            assertThat(maxBuffered).isLessThanOrEqualTo(IN_FLIGHT_MESSAGES * 300L);
            assertThat(maxOutstanding).isLessThanOrEqualTo(2L * IN_FLIGHT_MESSAGES);
            assertThat(maxReassembly).isLessThanOrEqualTo(SctpConfig.defaults().receiveBufferBytes());
            assertThat(heapAfter - heapBefore).isLessThan(64L * 1024 * 1024);
        } finally {
            java.close();
            if (relay != null) {
                relay.close();
            }
        }
    }
}
