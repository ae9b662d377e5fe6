package dev.netcode.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.dtls.DtlsState;
import dev.netcode.webrtc.ice.IceCandidateType;
import dev.netcode.webrtc.ice.IceUdpMux;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcIceCandidate;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Headless Chromium with its default mDNS host candidates (no media flags) and a Java
 * {@link PeerConnection} reach {@code connectionState == "connected"} (ICE and DTLS) with either
 * side offering. On a loopback-only network Chromium offers only a {@code .local} name, so the
 * Java side connects through the peer-reflexive candidate learned from Chromium's checks against
 * its 127.0.0.1 host candidate. Message exchange is covered by
 * {@link PeerConnectionDataChannelChromiumTest}.
 */
@ChromiumTest
@Tag("slow")
@Timeout(90)
class PeerConnectionChromiumTest {
    private static final Duration CONNECT = Duration.ofSeconds(30);

    private static EventLoopGroup group;

    @BeforeAll
    static void startLoops() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static PeerConnectionConfig.Builder config(String name) {
        long seed = System.nanoTime();
        System.out.println(name + " seed=" + seed);
        // Chromium refreshes consent every few seconds: keep the library's default consent timers.
        return PeerTestSupport.loopback(new Random(seed)).consentIntervalMs(2000).disconnectedTimeoutMs(5000)
                .failedTimeoutMs(30_000).eventLoopGroup(group);
    }

    @Test
    void chromiumOffersJavaAnswers(ChromiumPage page) throws Exception {
        PeerConnection java = PeerConnection.create(config("chromiumOffers").build());
        try {
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            browser.createDataChannel("probe"); // an application m-section needs a channel
            RtcSessionDescription offer = browser.createOfferWithAllCandidates(Duration.ofSeconds(10));
            assertThat(offer.candidates()).allMatch(c -> !c.protocol().equals("udp") || c.isMdns());

            java.setRemoteDescription(SessionDescriptionInit.offer(offer.sdp())).get(5, TimeUnit.SECONDS);
            java.setLocalDescription(java.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            browser.setRemoteDescription(RtcSessionDescription.answer(answer.sdp()));

            assertConnected(browser, java);
        } finally {
            java.close();
        }
    }

    @Test
    void javaOffersChromiumAnswers(ChromiumPage page) throws Exception {
        PeerConnection java = PeerConnection.create(config("javaOffers").build());
        try {
            java.setLocalDescription(java.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            browser.setRemoteDescription(RtcSessionDescription.offer(offer.sdp()));
            RtcSessionDescription answer = browser.createAnswerWithAllCandidates(Duration.ofSeconds(10));
            java.setRemoteDescription(SessionDescriptionInit.answer(answer.sdp())).get(5, TimeUnit.SECONDS);

            assertConnected(browser, java);
        } finally {
            java.close();
        }
    }

    @Test
    void chromiumTricklesToJavaLiteHostOnOnePort(ChromiumPage page) throws Exception {
        IceUdpMux mux = IceUdpMux.bind(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        PeerConnection java = PeerConnection.create(config("liteHost").udpMux(mux).build());
        try {
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            browser.createDataChannel("probe");
            RtcSessionDescription offer = browser.setLocalDescription(browser.createOffer());
            java.setRemoteDescription(SessionDescriptionInit.offer(offer.sdp())).get(5, TimeUnit.SECONDS);
            java.setLocalDescription(java.createAnswer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit answer = java.localDescriptionWithAllCandidates().get(10, TimeUnit.SECONDS);
            assertThat(answer.sdp()).contains("a=ice-lite", " " + mux.localAddress().getPort() + " typ host");
            browser.setRemoteDescription(RtcSessionDescription.answer(answer.sdp()));
            // Trickle Chromium's candidates (mDNS names, ignored) until its gathering completes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean complete = false;
            while (!complete && System.nanoTime() < deadline) {
                BrowserPeer.CandidateBatch batch = browser.drainLocalCandidates();
                for (RtcIceCandidate c : batch.candidates()) {
                    java.addIceCandidate(IceCandidateInit.of(c.candidate(), c.sdpMid())).get(5, TimeUnit.SECONDS);
                }
                complete = batch.gatheringComplete();
                Thread.sleep(50);
            }
            java.addIceCandidate(IceCandidateInit.endOfCandidates("0")).get(5, TimeUnit.SECONDS);

            assertConnected(browser, java);
        } finally {
            java.close();
            mux.close();
        }
    }

    private static void assertConnected(BrowserPeer browser, PeerConnection java) throws Exception {
        String browserState;
        try {
            browserState = browser.awaitConnectionState(CONNECT, "connected", "failed");
        } catch (RuntimeException e) {
            throw new AssertionError("browser never connected; Java: " + java.connectionState() + ", ICE "
                    + java.iceConnectionState() + ", DTLS " + java.dtlsState() + " " + java.dtlsRole()
                    + ", cause " + java.failureCause(), e);
        }
        assertThat(browserState).isEqualTo("connected");
        java.connected().get(CONNECT.toSeconds(), TimeUnit.SECONDS);
        assertThat(java.connectionState()).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(java.dtlsState()).isEqualTo(DtlsState.CONNECTED);
        assertThat(java.remoteFingerprintVerified()).isTrue();
        // Chromium hid its address behind mDNS: we learned it from its checks.
        assertThat(java.selectedRemoteCandidate().type()).isEqualTo(IceCandidateType.PEER_REFLEXIVE);
        System.out.println("Java selected " + java.selectedRemoteCandidate() + "; ICE " + java.iceConnectedMs()
                + " ms, DTLS " + java.dtlsConnectedMs() + " ms after creation");
    }
}
