package dev.netcode.webrtc.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.PeerConnection;
import dev.netcode.webrtc.PeerConnectionConfig;
import dev.netcode.webrtc.SessionDescriptionInit;
import dev.netcode.webrtc.ice.IceConfig;
import dev.netcode.webrtc.ice.IceTransportPolicy;
import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Headless Chromium with {@code iceTransportPolicy: "relay"} reaches a Java peer only through a
 * real coturn and echoes 200 DataChannel messages intact; Chromium's {@code getStats()} shows the
 * selected pair's local candidate as {@code relay} (over the TURN transport asked for), and the
 * Java peer's selected remote address is Chromium's relayed address.
 *
 * <p>Two shapes: Chromium relays over UDP to a Java peer on its loopback host candidate, and
 * Chromium relays over TCP to a Java peer that is relay-only too (relay to relay).
 *
 * <p>Chromium and chromedriver missing: fails when CI=true, skipped otherwise ({@link ChromiumTest});
 * coturn the same ({@link CoturnProcess#requireBinary()}).
 */
@ChromiumTest
@Timeout(120)
class TurnChromiumRelayTest extends CoturnFixture {
    private static final int MESSAGES = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ParameterizedTest(name = "Chromium relays over {0}, Java policy {1}")
    @CsvSource({"UDP, ALL", "TCP, RELAY"})
    void relayOnlyChromiumEchoesThroughCoturn(TurnTransport chromiumTransport, IceTransportPolicy javaPolicy,
                                              ChromiumPage page) throws Exception {
        long seed = System.nanoTime();
        System.out.println("TurnChromiumRelayTest " + chromiumTransport + "/" + javaPolicy + " seed=" + seed);
        Random random = new Random(seed);

        TurnCredentials browserCredentials = coturn.credentials("chromium");
        BrowserPeer browser = page.createEchoPeer(RtcConfiguration.defaults()
                .withIceServer(new RtcConfiguration.IceServer(List.of(coturn.uri(chromiumTransport)),
                        browserCredentials.username(), browserCredentials.password()))
                .withIceTransportPolicy("relay"));

        IceConfig.Builder ice = IceConfig.builder()
                .hostAddresses(List.of(InetAddress.getLoopbackAddress()))
                .random(new Random(random.nextLong()))
                .consentIntervalMs(2000)
                .disconnectedTimeoutMs(5000)
                .failedTimeoutMs(30_000)
                .checkingTimeoutMs(30_000)
                .transportPolicy(javaPolicy);
        if (javaPolicy == IceTransportPolicy.RELAY) {
            ice.turnServers(List.of(coturn.server(TurnTransport.UDP, "java")))
                    .turnClientConfig(TurnClientConfig.defaults().withRetransmission(100, 5, 8).withTcpTimeoutMs(5000))
                    .relayGatherTimeoutMs(5000);
        }
        PeerConnection java = PeerConnection.create(PeerConnectionConfig.builder().ice(ice.build())
                .random(new Random(random.nextLong())).eventLoopGroup(group).build());
        try {
            java.setLocalDescription(java.createOffer().get(5, TimeUnit.SECONDS)).get(5, TimeUnit.SECONDS);
            SessionDescriptionInit offer = java.localDescriptionWithAllCandidates().get(20, TimeUnit.SECONDS);
            if (javaPolicy == IceTransportPolicy.RELAY) {
                assertThat(candidateLines(offer.sdp())).isNotEmpty().allSatisfy(l -> assertThat(l).contains(" typ relay "));
            }
            browser.setRemoteDescription(RtcSessionDescription.offer(offer.sdp()));
            RtcSessionDescription answer = browser.createAnswerWithAllCandidates(WAIT);
            // Under the relay policy Chromium offers nothing but its relayed address on coturn.
            List<String> browserCandidates = candidateLines(answer.sdp());
            assertThat(browserCandidates).as("Chromium's candidates; errors %s", browser.state().candidateErrors())
                    .isNotEmpty().allSatisfy(l -> assertThat(l).contains(" typ relay "));
            java.setRemoteDescription(SessionDescriptionInit.answer(answer.sdp())).get(5, TimeUnit.SECONDS);
            RelayEcho echo = openEcho(java, "relay", random, MESSAGES, 16);

            java.connected().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            browser.awaitConnectionState(WAIT, "connected");
            echo.done.get(60, TimeUnit.SECONDS);
            assertThat(echo.received).isEqualTo(MESSAGES);

            BrowserPeer.CandidatePair pair = browser.selectedCandidatePair();
            assertThat(pair).as("Chromium's selected pair").isNotNull();
            assertThat(pair.local().type()).as("Chromium's local candidate").isEqualTo("relay");
            assertThat(relayProtocolOfSelectedLocal(browser)).isEqualTo(chromiumTransport.name().toLowerCase(Locale.ROOT));
            // The Java peer talks to Chromium's relayed transport address, a coturn relay port.
            InetSocketAddress javaRemote = java.remoteAddress();
            assertThat(javaRemote.getPort()).isEqualTo(pair.local().port()).isBetween(49152, 65535);
            if (javaPolicy == IceTransportPolicy.RELAY) {
                assertThat(pair.remote().type()).as("Java's candidate as Chromium sees it").isEqualTo("relay");
                assertThat(java.localAddress().getPort()).isEqualTo(pair.remote().port()).isBetween(49152, 65535);
            }
            System.out.println("selected pair " + pair);
        } finally {
            java.close();
            browser.close();
        }
    }

    /** {@code relayProtocol} (the transport to the TURN server) of the selected pair's local candidate. */
    private static String relayProtocolOfSelectedLocal(BrowserPeer browser) {
        List<Map<String, Object>> stats = browser.stats();
        String pairId = null;
        for (Map<String, Object> r : stats) {
            if ("transport".equals(r.get("type")) && r.get("selectedCandidatePairId") != null) {
                pairId = (String) r.get("selectedCandidatePairId");
            }
        }
        String localId = null;
        for (Map<String, Object> r : stats) {
            if (r.get("id").equals(pairId)) {
                localId = (String) r.get("localCandidateId");
            }
        }
        for (Map<String, Object> r : stats) {
            if (r.get("id").equals(localId)) {
                return (String) r.get("relayProtocol");
            }
        }
        return null;
    }

}
