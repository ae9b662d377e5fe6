package dev.netcode.webrtc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Facts about Chromium's own SDP that our Java peer must handle, measured on the default browser
 * (no media flags, no media permission): what a game client's browser really sends.
 *
 * <p>Measured with Debian Chromium 156 on a machine with loopback plus one IPv4 and one IPv6
 * address: the data-only offer carries only {@code <uuid>.local} mDNS UDP host candidates (one
 * per address family; none on a loopback-only machine), no TCP candidates, {@code m=} port 9 and
 * {@code c=IN IP4 0.0.0.0}, so a peer that cannot resolve mDNS has nothing to dial and must learn
 * Chromium as peer-reflexive from its checks.
 */
@ChromiumTest
@Timeout(30)
class ChromiumDefaultOfferFactsTest {

    private static final Duration GATHERING = Duration.ofSeconds(10);

    @Test
    void dataOnlyOfferHidesHostAddressesBehindMdns(ChromiumPage page) {
        BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
        browser.createDataChannel("chat");
        RtcSessionDescription offer = browser.createOfferWithAllCandidates(GATHERING);
        System.out.println("Chromium default data-only offer:\n" + offer.sdp());

        List<RtcIceCandidate> candidates = offer.candidates();
        // Every candidate Chromium offers is an mDNS host name: nothing a Java peer can dial.
        assertThat(candidates).allSatisfy(candidate -> {
            assertThat(candidate.isMdns()).as("mDNS name in %s", candidate).isTrue();
            assertThat(candidate.type()).isEqualTo("host");
            assertThat(candidate.protocol()).isEqualTo("udp");
        });
        assertThat(candidates).noneMatch(candidate -> candidate.address().equals("127.0.0.1"));
        // With no raw address to advertise, the default connection address is the placeholder.
        assertThat(offer.lines()).contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0");
        assertThat(offer.linesStartingWith("a=end-of-candidates")).isEmpty();
    }

    @Test
    void dataOnlyOfferAttributes(ChromiumPage page) {
        BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
        browser.createDataChannel("chat");
        RtcSessionDescription offer = browser.createOfferWithAllCandidates(GATHERING);

        assertThat(offer.type()).isEqualTo("offer");
        assertThat(offer.sdp()).contains("\r\n").endsWith("\r\n");
        assertThat(offer.lines()).contains(
                "a=group:BUNDLE 0",
                "a=mid:0",
                "a=setup:actpass",
                "a=ice-options:trickle",
                "a=sctp-port:5000",
                "a=max-message-size:262144");
        assertThat(offer.linesStartingWith("m=")).hasSize(1);
        assertThat(offer.linesStartingWith("a=fingerprint:sha-256 ")).hasSize(1);
        assertThat(offer.linesStartingWith("a=ice-ufrag:")).singleElement()
                .satisfies(line -> assertThat(line.substring("a=ice-ufrag:".length())).hasSize(4));
        assertThat(offer.linesStartingWith("a=ice-pwd:")).singleElement()
                .satisfies(line -> assertThat(line.substring("a=ice-pwd:".length())).hasSize(24));
        // Lines a data-only parser must tolerate without understanding them.
        assertThat(offer.lines()).contains("a=extmap-allow-mixed", "a=msid-semantic: WMS");
    }

    @Test
    void answerToADataOnlyOfferIsActive(ChromiumPage page) {
        BrowserPeer offerer = page.createPeer(RtcConfiguration.defaults());
        offerer.createDataChannel("chat");
        RtcSessionDescription offer = offerer.createOfferWithAllCandidates(GATHERING);
        BrowserPeer answerer = page.createPeer(RtcConfiguration.defaults());
        answerer.setRemoteDescription(offer);
        RtcSessionDescription answer = answerer.createAnswerWithAllCandidates(GATHERING);

        // Chromium as answerer takes the DTLS client role and keeps the same SCTP parameters.
        assertThat(answer.type()).isEqualTo("answer");
        assertThat(answer.lines()).contains("a=setup:active", "a=sctp-port:5000", "a=max-message-size:262144",
                "a=ice-options:trickle", "a=mid:0");
        assertThat(answer.candidates()).allMatch(RtcIceCandidate::isMdns);
    }

    @Test
    void trickledCandidatesMatchTheOfferAndGatheringCompletes(ChromiumPage page) {
        BrowserPeer browser = page.createPeer(RtcConfiguration.defaults());
        browser.createDataChannel("chat");
        RtcSessionDescription offer = browser.setLocalDescription();
        // The description handed out at setLocalDescription time has no candidates yet: trickle.
        assertThat(offer.candidates()).isEmpty();
        RtcSessionDescription complete = browser.awaitGatheringComplete(GATHERING);
        BrowserPeer.CandidateBatch trickled = browser.drainLocalCandidates();
        assertThat(trickled.gatheringComplete()).isTrue();
        String ufrag = complete.linesStartingWith("a=ice-ufrag:").get(0).substring("a=ice-ufrag:".length());
        // Trickled candidates carry a "ufrag <ufrag>" extension that the SDP copies do not:
        // a parser must accept unknown extension pairs after the mandatory fields.
        assertThat(trickled.candidates()).allSatisfy(candidate -> {
            assertThat(candidate.candidate()).contains(" ufrag " + ufrag + " ");
            assertThat(candidate.sdpMid()).isEqualTo("0");
            assertThat(candidate.sdpMLineIndex()).isZero();
            assertThat(candidate.usernameFragment()).isEqualTo(ufrag);
        });
        assertThat(trickled.candidates()).extracting(candidate -> candidate.candidate().replace(" ufrag " + ufrag, ""))
                .containsExactlyInAnyOrderElementsOf(complete.candidates().stream().map(RtcIceCandidate::candidate).toList());
        assertThat(browser.drainLocalCandidates().candidates()).isEmpty();
    }

    @Test
    void twoDefaultChromiumPeersConnectThroughTheirMdnsNames(ChromiumPage page) {
        // Chromium resolves its own kind's .local names (multicast DNS on the local link), so two
        // browsers connect without a media permission; a Java peer cannot rely on that.
        BrowserPeer a = page.createPeer(RtcConfiguration.defaults());
        BrowserPeer b = page.createPeer(RtcConfiguration.defaults());
        BrowserDataChannel channel = a.createDataChannel("chat");
        page.connectPair(a, b, Duration.ofSeconds(20));
        channel.awaitOpen(Duration.ofSeconds(10));
        BrowserPeer.CandidatePair pair = a.selectedCandidatePair();
        System.out.println("default Chromium<->Chromium pair: " + pair);
        assertThat(pair).isNotNull();
        assertThat(pair.local().type()).isEqualTo("host");
    }
}
