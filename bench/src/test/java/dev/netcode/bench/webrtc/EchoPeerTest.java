package dev.netcode.bench.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.PeerConnectionConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** echo-peer serve and dial in one JVM over loopback, plus the server's answers to bad requests. */
@Timeout(90)
class EchoPeerTest {
    private static PeerConnectionConfig loopback() {
        return PeerConnectionConfig.builder().hostAddresses(List.of(InetAddress.getLoopbackAddress())).build();
    }

    @Test
    void dialConnectsToServeTwiceAndPrintsTheSummary() throws Exception {
        try (EchoPeerServer server = EchoPeerServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                EchoPeerTest::loopback, 65536, 16)) {
            URI url = URI.create("http://127.0.0.1:" + server.address().getPort() + "/offer");
            for (int i = 0; i < 2; i++) { // it keeps serving further offers
                EchoPeerDialer.Result result = EchoPeerDialer.dial(url, loopback(), Duration.ofSeconds(30));
                System.out.println(result.toJson());
                assertThat(result.ok()).as(result.error()).isTrue();
                assertThat(result.iceMs()).isGreaterThanOrEqualTo(0);
                assertThat(result.dtlsMs()).isGreaterThanOrEqualTo(result.iceMs());
                assertThat(result.setupMs()).isGreaterThanOrEqualTo(result.dtlsMs());
                Map<String, String> json = SignalingJson.parseFlatObject(result.toJson());
                assertThat(json).containsEntry("ok", "true").containsKeys("ice_ms", "dtls_ms", "setup_ms");
            }
        }
    }

    @Test
    void dialReportsAClearFailureWhenNobodyAnswers() throws Exception {
        EchoPeerDialer.Result result;
        try (EchoPeerServer server = EchoPeerServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                EchoPeerTest::loopback, 65536, 16)) {
            // A wrong path: the server answers 404.
            URI url = URI.create("http://127.0.0.1:" + server.address().getPort() + "/nothing");
            result = EchoPeerDialer.dial(url, loopback(), Duration.ofSeconds(10));
        }
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("HTTP 404");
        assertThat(result.toJson()).startsWith("{\"ok\":false,");
    }

    @Test
    void badRequestsGetTypedHttpErrors() throws Exception {
        try (EchoPeerServer server = EchoPeerServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                EchoPeerTest::loopback, 4096, 16)) {
            URI url = URI.create("http://127.0.0.1:" + server.address().getPort() + "/offer");
            HttpClient http = HttpClient.newHttpClient();
            assertThat(post(http, url, "{not json").statusCode()).isEqualTo(400);
            assertThat(post(http, url, "{\"type\":\"answer\",\"sdp\":\"v=0\"}").statusCode()).isEqualTo(400);
            HttpResponse<String> badSdp = post(http, url, "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\nbogus\\r\\n\"}");
            assertThat(badSdp.statusCode()).isEqualTo(400);
            assertThat(badSdp.body()).contains("error");
            assertThat(post(http, url, "{\"type\":\"offer\",\"sdp\":\"" + "x".repeat(5000) + "\"}").statusCode()).isEqualTo(413);
            assertThat(http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(405);
            assertThat(server.peerCount()).isZero();
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
