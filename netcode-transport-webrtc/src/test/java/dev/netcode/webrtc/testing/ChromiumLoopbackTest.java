package dev.netcode.webrtc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Chromium↔Chromium: two {@code RTCPeerConnection}s in one page, signaled through Java with the
 * harness API, with the media flags and a {@code getUserMedia({audio: true})} call so Chromium
 * lists its loopback address.
 */
@ChromiumTest(fakeMedia = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(30)
class ChromiumLoopbackTest {

    private static final Duration CONNECT = Duration.ofSeconds(15);

    @Test
    @Order(1)
    void fakeMediaFlagsAloneAlreadyRevealRawHostAddresses(ChromiumPage page) {
        // Measured fact: with --use-fake-ui-for-media-stream the media permission counts as granted
        // before any getUserMedia call (this test runs first, before grantMedia), so Chromium
        // lists raw addresses (loopback included) and TCP active candidates with port 9.
        BrowserPeer peer = page.createPeer(RtcConfiguration.defaults());
        peer.createDataChannel("probe");
        RtcSessionDescription offer = peer.createOfferWithAllCandidates(Duration.ofSeconds(10));
        List<RtcIceCandidate> candidates = offer.candidates();
        assertThat(candidates).noneMatch(RtcIceCandidate::isMdns);
        assertThat(candidates).anyMatch(c -> c.address().equals("127.0.0.1") && c.protocol().equals("udp"));
        assertThat(candidates).filteredOn(c -> c.protocol().equals("tcp"))
                .allMatch(c -> c.candidate().contains(" 9 typ host tcptype active"));
    }

    /** The getUserMedia call of the brief; runs after test 1, which checks the state before it. */
    private static void grantMedia(ChromiumPage page) {
        assertThat(page.requestAudioPermission()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void trickleSignalingThroughJavaAndEchoOfStringAndBinaryMessages(ChromiumPage page) {
        grantMedia(page);
        BrowserPeer offerer = page.createPeer(RtcConfiguration.defaults());
        BrowserPeer answerer = page.createEchoPeer(RtcConfiguration.defaults());
        BrowserDataChannel channel = offerer.createDataChannel("echo");

        RtcSessionDescription offer = offerer.setLocalDescription();
        answerer.setRemoteDescription(offer);
        RtcSessionDescription answer = answerer.setLocalDescription();
        assertThat(answer.type()).isEqualTo("answer");
        offerer.setRemoteDescription(answer);
        trickleUntilConnected(offerer, answerer, CONNECT);

        channel.awaitOpen(CONNECT);
        byte[] random = new byte[64 * 1024];
        long seed = 0x5eedL;
        System.out.println("payload seed " + seed);
        new Random(seed).nextBytes(random);
        byte[] allBytes = new byte[256];
        for (int i = 0; i < allBytes.length; i++) {
            allBytes[i] = (byte) i;
        }
        channel.sendText("hello", "", "h\u00e9llo \u2713 \ud83d\ude80");
        channel.sendBinary(allBytes, random, new byte[0]);

        List<BrowserMessage> echoes = channel.awaitMessages(6, Duration.ofSeconds(10));
        assertThat(echoes).containsExactly(
                BrowserMessage.text("hello"), BrowserMessage.text(""), BrowserMessage.text("h\u00e9llo \u2713 \ud83d\ude80"),
                BrowserMessage.binary(allBytes), BrowserMessage.binary(random), BrowserMessage.binary(new byte[0]));
        assertThat(echoes.get(5).isBinary()).isTrue();

        BrowserDataChannel far = answerer.awaitRemoteChannel("echo", Duration.ofSeconds(5));
        BrowserDataChannel.ChannelState farState = far.state();
        assertThat(farState.receivedMessages()).isEqualTo(6);
        assertThat(farState.readyState()).isEqualTo("open");
        assertThat(farState.ordered()).isTrue();
        assertThat(farState.streamId()).isNotNull();
        assertThat(offerer.state().connectionState()).isEqualTo("connected");
        assertThat(offerer.stats()).anyMatch(report -> "data-channel".equals(report.get("type"))
                && "echo".equals(report.get("label")) && ((Number) report.get("messagesSent")).longValue() == 6);

        channel.close();
        channel.awaitClosed(Duration.ofSeconds(10));
        far.awaitClosed(Duration.ofSeconds(10));
    }

    @Test
    @Order(3)
    void nonTrickleOffersCarryLoopbackCandidatesAndConnect(ChromiumPage page) {
        grantMedia(page);
        BrowserPeer offerer = page.createPeer(RtcConfiguration.defaults());
        BrowserPeer answerer = page.createPeer(RtcConfiguration.defaults());
        BrowserDataChannel channel = offerer.createDataChannel("bulk", RtcDataChannelInit.reliable().withOrdered(false));

        RtcSessionDescription offer = offerer.createOfferWithAllCandidates(Duration.ofSeconds(10));
        assertThat(offer.candidates())
                .anyMatch(c -> c.address().equals("127.0.0.1") && c.type().equals("host") && c.protocol().equals("udp"));
        answerer.setRemoteDescription(offer);
        RtcSessionDescription answer = answerer.createAnswerWithAllCandidates(Duration.ofSeconds(10));
        offerer.setRemoteDescription(answer);
        offerer.awaitConnectionState(CONNECT, "connected");
        answerer.awaitConnectionState(CONNECT, "connected");

        BrowserDataChannel far = answerer.awaitRemoteChannel("bulk", CONNECT);
        far.awaitOpen(CONNECT);
        assertThat(far.state().ordered()).isFalse();
        channel.awaitOpen(CONNECT);
        far.sendText("from the answerer");
        assertThat(channel.awaitMessages(1, Duration.ofSeconds(5))).containsExactly(BrowserMessage.text("from the answerer"));
    }

    @Test
    @Order(4)
    void negotiatedAndPartialReliabilityChannelsInOnePage(ChromiumPage page) {
        grantMedia(page);
        BrowserPeer a = page.createPeer(RtcConfiguration.defaults());
        BrowserPeer b = page.createPeer(RtcConfiguration.defaults());
        BrowserDataChannel aNegotiated = a.createDataChannel("pre-agreed", RtcDataChannelInit.negotiated(7));
        BrowserDataChannel bNegotiated = b.createDataChannel("pre-agreed", RtcDataChannelInit.negotiated(7));
        BrowserDataChannel lossy = a.createDataChannel("inputs",
                RtcDataChannelInit.reliable().withOrdered(false).withMaxRetransmits(0));
        BrowserDataChannel timed = a.createDataChannel("snapshots",
                RtcDataChannelInit.reliable().withMaxPacketLifeTime(100).withProtocol("snap"));
        page.connectPair(a, b, CONNECT);

        aNegotiated.awaitOpen(CONNECT);
        bNegotiated.awaitOpen(CONNECT);
        assertThat(aNegotiated.state().streamId()).isEqualTo(7);
        assertThat(aNegotiated.state().negotiated()).isTrue();
        bNegotiated.sendBinary("ping".getBytes(StandardCharsets.UTF_8));
        assertThat(aNegotiated.awaitMessages(1, Duration.ofSeconds(5)).get(0).data())
                .isEqualTo("ping".getBytes(StandardCharsets.UTF_8));

        BrowserDataChannel farLossy = b.awaitRemoteChannel("inputs", CONNECT);
        BrowserDataChannel farTimed = b.awaitRemoteChannel("snapshots", CONNECT);
        farLossy.awaitOpen(CONNECT);
        farTimed.awaitOpen(CONNECT);
        assertThat(farLossy.state().maxRetransmits()).isZero();
        assertThat(farLossy.state().ordered()).isFalse();
        assertThat(farTimed.state().maxPacketLifeTime()).isEqualTo(100);
        assertThat(farTimed.state().protocol()).isEqualTo("snap");
        lossy.awaitOpen(CONNECT);
        timed.awaitOpen(CONNECT);
    }

    @Test
    @Order(5)
    void boundedReceiveBufferReportsOverflow(ChromiumPage page) {
        grantMedia(page);
        BrowserPeer a = page.createPeer(RtcConfiguration.defaults());
        BrowserPeer b = page.createPeer(RtcConfiguration.defaults(), false, 3);
        BrowserDataChannel channel = a.createDataChannel("flood");
        page.connectPair(a, b, CONNECT);
        channel.awaitOpen(CONNECT);
        BrowserDataChannel far = b.awaitRemoteChannel("flood", CONNECT);
        channel.sendText("1", "2", "3", "4", "5");
        assertThatThrownBy(() -> far.awaitMessages(5, Duration.ofSeconds(5)))
                .isInstanceOf(ChromiumHarnessException.class).hasMessageContaining("overflowed");
        assertThat(far.state().overflow()).isEqualTo(2);
        assertThat(far.drainMessages(10)).containsExactly(
                BrowserMessage.text("1"), BrowserMessage.text("2"), BrowserMessage.text("3"));
    }

    /** Hands each side's trickled candidates to the other until both report connected. */
    static void trickleUntilConnected(BrowserPeer a, BrowserPeer b, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Deque<String> seen = new ArrayDeque<>();
        while (System.nanoTime() < deadline) {
            for (RtcIceCandidate candidate : a.drainLocalCandidates().candidates()) {
                b.addIceCandidate(candidate);
                seen.add("a→b " + candidate.candidate());
            }
            for (RtcIceCandidate candidate : b.drainLocalCandidates().candidates()) {
                a.addIceCandidate(candidate);
                seen.add("b→a " + candidate.candidate());
            }
            if (a.connectionState().equals("connected") && b.connectionState().equals("connected")) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("not connected within " + timeout + ": " + a.state() + " / " + b.state()
                + "; candidates exchanged: " + seen);
    }
}
