package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.dtls.DtlsConfig;
import dev.netcode.webrtc.dtls.DtlsHandshakeExecutor;
import dev.netcode.webrtc.dtls.DtlsState;
import dev.netcode.webrtc.ice.IceConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DTLS starts before ICE is done: a full agent's handshake begins when both descriptions are
 * applied, its first flight waits in the agent until a pair is valid, a peer's ClientHello that
 * arrives before our remote description is kept, and an ICE failure aborts the waiting handshake.
 */
@Timeout(60)
class PeerConnectionEarlyDtlsTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void clientHelloArrivingBeforeTheAnswerIsAppliedIsNotLost() throws Exception {
        long seed = System.nanoTime();
        System.out.println("earlyClientHello seed=" + seed);
        Random random = new Random(seed);
        // A lost ClientHello would only come again after this retransmission timeout.
        DtlsConfig slowRetransmit = DtlsConfig.builder().initialRetransmitMs(30_000).build();
        PeerConnection offerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group)
                .dtls(slowRetransmit).build());
        PeerConnection answerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group)
                .dtls(slowRetransmit).build());
        try {
            offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            answerer.setRemoteDescription(offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS))
                    .get(5, TimeUnit.SECONDS);
            answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            // The offerer answers the answerer's checks before it has the answer: the answerer's pair
            // becomes valid and its ClientHello leaves while the answer is still "in signaling".
            PeerConnectionLoopbackTest.await(() -> answerer.setupTimeline().iceWritableNs() != 0);
            Thread.sleep(200);
            long answerAppliedNs = System.nanoTime();
            offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
            offerer.connected().get(20, TimeUnit.SECONDS);
            answerer.connected().get(20, TimeUnit.SECONDS);
            SetupTimeline a = answerer.setupTimeline();
            assertThat(a.iceWritableNs()).isLessThan(answerAppliedNs);
            assertThat(a.dtlsStartNs()).isLessThanOrEqualTo(a.iceWritableNs());
            // Far below the 30 s retransmission timeout: the early ClientHello was used.
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answerAppliedNs)).isLessThan(20_000);
            assertThat(offerer.remoteFingerprintVerified()).isTrue();
            assertThat(answerer.remoteFingerprintVerified()).isTrue();
            PeerConnectionLoopbackTest.exchangeApplicationData(offerer, answerer);
            PeerConnectionLoopbackTest.exchangeApplicationData(answerer, offerer);
        } finally {
            offerer.close();
            answerer.close();
        }
    }

    @Test
    void iceFailureAbortsAHandshakeThatStartedEarly() throws Exception {
        long seed = System.nanoTime();
        System.out.println("iceFailureAborts seed=" + seed);
        Random random = new Random(seed);
        IceConfig quickFail = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .checkRtoMs(100)
                .maxCheckRetransmits(2)
                .checkingTimeoutMs(1_000)
                .build();
        try (DtlsHandshakeExecutor executor = DtlsHandshakeExecutor.create(2, 4)) {
            PeerConnection offerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group)
                    .ice(quickFail).handshakeExecutor(executor).build());
            PeerConnection answerer = PeerConnection.create(PeerTestSupport.loopback(random).eventLoopGroup(group).build());
            try {
                offerer.setLocalDescription(offerer.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
                answerer.setRemoteDescription(offerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS))
                        .get(5, TimeUnit.SECONDS);
                answerer.setLocalDescription(answerer.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
                SessionDescriptionInit answer = answerer.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
                answerer.close(); // its socket is gone: the offerer's checks go nowhere
                PeerConnectionLoopbackTest.await(() -> answerer.connectionState() == PeerConnectionState.CLOSED);
                assertThat(executor.hasSpareThreads()).isTrue();
                offerer.setRemoteDescription(answer).get(5, TimeUnit.SECONDS);
                assertThat(offerer.setupTimeline().dtlsStartNs()).isNotZero(); // started before ICE could send
                // The waiting handshake holds one of the two threads: no room for another early one.
                PeerConnectionLoopbackTest.await(() -> !executor.hasSpareThreads() || offerer.dtlsState() == DtlsState.CLOSED);
                PeerConnectionLoopbackTest.await(() -> offerer.connectionState() == PeerConnectionState.FAILED);
                PeerConnectionLoopbackTest.await(() -> offerer.dtlsState() == DtlsState.CLOSED);
                PeerConnectionLoopbackTest.await(() -> executor.activeHandshakes() == 0);
                assertThat(offerer.setupTimeline().iceWritableNs()).isZero();
            } finally {
                offerer.close();
                answerer.close();
            }
        }
    }
}
