package dev.netcode.webrtc.impairment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.testing.BrowserDataChannel;
import dev.netcode.webrtc.testing.BrowserMessage;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcIceCandidate;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay pattern of {@link UdpImpairmentRelay} against a real WebRTC stack: Chromium↔Chromium
 * with every datagram (ICE, DTLS, SCTP) crossing an impaired relay, the answerer learning the
 * relay only as a peer-reflexive candidate, as a Java peer learns a default Chromium.
 */
@ChromiumTest(fakeMedia = true)
@Timeout(60)
class ImpairedChromiumDataChannelTest {

    private static final long SEED = 77L;

    @Test
    void reliableOrderedChannelSurvivesLossDuplicationReorderingAndDelay(ChromiumPage page) {
        System.out.println("seed " + SEED);
        page.requestAudioPermission();
        BrowserPeer client = page.createPeer(RtcConfiguration.defaults());
        BrowserPeer target = page.createEchoPeer(RtcConfiguration.defaults());
        BrowserDataChannel channel = client.createDataChannel("impaired");

        RtcSessionDescription offer = client.createOfferWithAllCandidates(Duration.ofSeconds(10));
        // The target never hears of the client's own addresses: it can only answer the relay.
        target.setRemoteDescription(offer.withCandidateLines(List.of()));
        RtcSessionDescription answer = target.createAnswerWithAllCandidates(Duration.ofSeconds(10));
        RtcIceCandidate targetLoopback = answer.candidates().stream()
                .filter(c -> c.address().equals("127.0.0.1") && c.protocol().equals("udp"))
                .findFirst().orElseThrow(() -> new AssertionError("no loopback candidate in " + answer.sdp()));
        int targetPort = Integer.parseInt(targetLoopback.candidate().split(" ")[5]);

        ImpairmentConfig config = ImpairmentConfig.none().withDropPercent(10).withDuplicatePercent(5)
                .withReorderPercent(5).withDelayMs(50).withJitterMs(20).withSeed(SEED);
        try (UdpImpairmentRelay relay = UdpImpairmentRelay.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), config)) {
            // The client is told the target lives at the relay's address.
            String relayCandidate = "a=candidate:1 1 udp 2122260223 127.0.0.1 " + relay.localAddress().getPort()
                    + " typ host generation 0";
            client.setRemoteDescription(answer.withCandidateLines(List.of(relayCandidate)));
            client.awaitConnectionState(Duration.ofSeconds(30), "connected");
            channel.awaitOpen(Duration.ofSeconds(20));

            int count = 200;
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add("message " + i + " " + "x".repeat(i * 5));
            }
            for (int i = 0; i < count; i += 50) {
                channel.sendText(sent.subList(i, i + 50).toArray(String[]::new));
            }
            List<BrowserMessage> echoes = channel.awaitMessages(count, Duration.ofSeconds(30));
            assertThat(echoes).extracting(BrowserMessage::text).containsExactlyElementsOf(sent);

            BrowserPeer.CandidatePair pair = target.selectedCandidatePair();
            ImpairmentCounters counters = relay.counters();
            System.out.println("target's pair: " + pair);
            System.out.println(counters);
            // The target reached the client only through the relay, learned peer-reflexively.
            assertThat(pair.remote().type()).isEqualTo("prflx");
            assertThat(pair.remote().port()).isEqualTo(relay.localAddress().getPort());
            assertThat(counters.dropped()).isPositive();
            assertThat(counters.forwardedToTarget()).isPositive();
            assertThat(counters.forwardedToClient()).isPositive();
            assertThat(counters.overflowDropped()).isZero();
        }
    }
}
