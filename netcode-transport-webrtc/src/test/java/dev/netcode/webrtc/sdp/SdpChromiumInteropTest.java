package dev.netcode.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.testing.BrowserPeer;
import dev.netcode.webrtc.testing.ChromiumPage;
import dev.netcode.webrtc.testing.ChromiumTest;
import dev.netcode.webrtc.testing.RtcConfiguration;
import dev.netcode.webrtc.testing.RtcSessionDescription;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Headless Chromium accepts what {@link DataChannelSdp} writes: our answers to its offers (data
 * only, and with audio/video rejected) and our offers. Signaling only, no ICE/DTLS: this checks
 * the SDP, the transport layers are tested elsewhere. Runs on the shared harness
 * ({@link ChromiumTest}: fails when Chromium is missing with {@code CI=true}, skips otherwise).
 */
@ChromiumTest
@Timeout(120)
class SdpChromiumInteropTest {
    private static final String FINGERPRINT = "sha-256 2F:50:CF:66:15:9B:E6:A2:98:1A:D7:B1:88:B1:26:96:F7:2A:16:EC:"
            + "2E:42:43:DC:2D:17:66:48:5A:7E:BA:5B";
    // Port 9 (discard) on loopback: Chromium may send checks there; nothing answers.
    private static final String CANDIDATE = "1 1 udp 2130706431 127.0.0.1 9 typ host";

    private static DataSessionParameters local() {
        return DataSessionParameters.builder().sessionId(4611731400430051336L).iceUfrag("EsAw")
                .icePwd("P2uYro0UCOQ4zxjKXaWCBui1").fingerprint(FINGERPRINT).candidate(CANDIDATE)
                .endOfCandidates(true).build();
    }

    @Test
    void chromiumAcceptsOurAnswerToItsDataOffer(ChromiumPage page) throws Exception {
        BrowserPeer pc = page.createPeer(RtcConfiguration.defaults());
        pc.createDataChannel("chat");
        String offer = pc.setLocalDescription(pc.createOffer()).sdp();
        SessionDescription answer = DataChannelSdp.createAnswer(SessionDescription.parse(offer), local());
        pc.setRemoteDescription(RtcSessionDescription.answer(answer.toSdp()));
        assertThat(pc.state().signalingState()).isEqualTo("stable");
        assertThat(pc.transportFacts().sctp()).isTrue();
    }

    @Test
    void chromiumAcceptsOurAnswerRejectingAudioAndVideo(ChromiumPage page) throws Exception {
        BrowserPeer pc = page.createPeer(RtcConfiguration.defaults());
        pc.addTransceiver("audio");
        pc.addTransceiver("video");
        pc.createDataChannel("chat");
        String offer = pc.setLocalDescription(pc.createOffer()).sdp();
        assertThat(offer).contains("\r\n");
        SessionDescription parsedOffer = SessionDescription.parse(offer);
        assertThat(parsedOffer.toSdp()).isEqualTo(offer);
        assertThat(parsedOffer.media()).extracting(MediaDescription::media).containsExactly("audio", "video", "application");
        SessionDescription answer = DataChannelSdp.createAnswer(parsedOffer, local());
        pc.setRemoteDescription(RtcSessionDescription.answer(answer.toSdp()));
        // The rejected transceivers are stopped (Chromium 156 even drops them); the data section
        // carries the SCTP transport.
        assertThat(pc.state().signalingState()).isEqualTo("stable");
        BrowserPeer.TransportFacts facts = pc.transportFacts();
        assertThat(facts.sctp()).isTrue();
        assertThat(facts.activeTransceivers()).isZero();
    }

    @Test
    void chromiumAnswersOurOffers(ChromiumPage page) throws Exception {
        for (DataSessionParameters params : List.of(local(),
                DataSessionParameters.builder().sessionId(7).iceUfrag("LiteHost").icePwd("abcdefghijklmnopqrstuvwx")
                        .fingerprint(FINGERPRINT).candidate(CANDIDATE).endOfCandidates(true).iceLite(true)
                        .trickle(false).mid("data").build())) {
            SessionDescription offer = DataChannelSdp.createOffer(params);
            BrowserPeer pc = page.createPeer(RtcConfiguration.defaults());
            pc.setRemoteDescription(RtcSessionDescription.offer(offer.toSdp()));
            String answerText = pc.setLocalDescription(pc.createAnswer()).sdp();
            pc.close();
            SessionDescription answer = SessionDescription.parse(answerText);
            assertThat(answer.toSdp()).isEqualTo(answerText);
            DataSection data = answer.dataSection();
            assertThat(data.mid()).isEqualTo(params.mid());
            assertThat(data.setup()).isIn(SetupRole.ACTIVE, SetupRole.PASSIVE);
            assertThat(data.sctpPort()).isEqualTo(5000);
            assertThat(data.maxMessageSizeBytes()).isEqualTo(262144);
            assertThat(answer.groups("BUNDLE")).containsExactly(List.of(params.mid()));
        }
    }
}
