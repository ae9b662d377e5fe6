package dev.netcode.bench.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Chromium as the dialer of {@code echo-peer serve}: its offer (mDNS host candidates, all of them
 * inside) is posted to {@code /offer} exactly as the webrtc-echoes suite does, the answer applied,
 * and the browser's {@code connectionState} reaches "connected" (ICE and DTLS).
 */
@ChromiumTest
@Tag("slow")
@Timeout(90)
class EchoPeerChromiumTest {
    @Test
    void chromiumDialsServe(ChromiumPage page) throws Exception {
        PeerConnectionConfig config = PeerConnectionConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress())).build();
        try (EchoPeerServer server = EchoPeerServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> config, 65536, 16)) {
            BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
            browser.createDataChannel("echo");
            RtcSessionDescription offer = browser.createOfferWithAllCandidates(Duration.ofSeconds(10));

            URI url = URI.create("http://127.0.0.1:" + server.address().getPort() + "/offer");
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(SignalingJson.description("offer", offer.sdp()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Map<String, String> answer = SignalingJson.parseFlatObject(response.body());
            assertThat(answer).containsEntry("type", "answer");
            assertThat(answer.get("sdp")).contains("a=candidate:", "a=end-of-candidates");

            browser.setRemoteDescription(RtcSessionDescription.answer(answer.get("sdp")));
            assertThat(browser.awaitConnectionState(Duration.ofSeconds(30), "connected", "failed")).isEqualTo("connected");
            assertThat(server.peerCount()).isEqualTo(1);
        }
    }
}
