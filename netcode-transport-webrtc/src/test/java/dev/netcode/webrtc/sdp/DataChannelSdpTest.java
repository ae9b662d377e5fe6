package dev.netcode.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data-only offers and answers, including answers to browser offers that carry audio and video. */
class DataChannelSdpTest {
    private static final String FINGERPRINT = "sha-256 2F:50:CF:66:15:9B:E6:A2:98:1A:D7:B1:88:B1:26:96:F7:2A:16:EC:"
            + "2E:42:43:DC:2D:17:66:48:5A:7E:BA:5B";
    private static final String CANDIDATE = "1 1 udp 2130706431 127.0.0.1 50000 typ host";

    private static DataSessionParameters.Builder local() {
        return DataSessionParameters.builder()
                .sessionId(4611731400430051336L)
                .iceUfrag("EsAw")
                .icePwd("P2uYro0UCOQ4zxjKXaWCBui1")
                .fingerprint(FINGERPRINT)
                .candidate(CANDIDATE)
                .endOfCandidates(true);
    }

    @Test
    void offerLooksLikeABrowserDataOffer() throws Exception {
        SessionDescription offer = DataChannelSdp.createOffer(local().build());
        assertThat(offer.toSdp()).isEqualTo(String.join("\r\n",
                "v=0",
                "o=- 4611731400430051336 1 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=application 9 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=candidate:" + CANDIDATE,
                "a=end-of-candidates",
                "a=ice-ufrag:EsAw",
                "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1",
                "a=ice-options:trickle",
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:actpass",
                "a=mid:0",
                "a=sctp-port:5000",
                "a=max-message-size:262144",
                ""));
        SessionDescription reparsed = SessionDescription.parse(offer.toSdp());
        assertThat(reparsed).isEqualTo(offer);
        DataSection data = reparsed.dataSection();
        assertThat(data.iceUfrag()).isEqualTo("EsAw");
        assertThat(data.fingerprints()).containsExactly(FINGERPRINT);
        assertThat(data.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(data.candidates()).containsExactly(CANDIDATE);
        assertThat(data.endOfCandidates()).isTrue();
        assertThat(data.maxMessageSizeBytes()).isEqualTo(262144);
    }

    @Test
    void iceLiteNonTrickleOfferWithADefaultCandidate() throws Exception {
        SessionDescription offer = DataChannelSdp.createOffer(local().iceLite(true).trickle(false)
                .defaultCandidate("::1", 50000).maxMessageSizeBytes(0).sctpPort(5001).mid("data").build());
        String text = offer.toSdp();
        assertThat(text).contains("\r\na=ice-lite\r\na=group:BUNDLE data\r\n")
                .contains("m=application 50000 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP6 ::1\r\n")
                .doesNotContain("ice-options");
        DataSection data = SessionDescription.parse(text).dataSection();
        assertThat(data.iceLite()).isTrue();
        assertThat(data.supportsTrickle()).isFalse();
        assertThat(data.mid()).isEqualTo("data");
        assertThat(data.sctpPort()).isEqualTo(5001);
        assertThat(data.maxMessageSizeBytes()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROMIUM_OFFER_AV, SdpFixtures.FIREFOX_OFFER_AV})
    void answersAudioVideoOffersByRejectingTheMediaSections(String name) throws Exception {
        SessionDescription offer = SdpFixtures.parse(name);
        SessionDescription answer = DataChannelSdp.createAnswer(offer, local().build());
        String text = answer.toSdp();

        assertThat(answer.media()).hasSameSizeAs(offer.media());
        for (int i = 0; i < offer.media().size(); i++) {
            MediaDescription offered = offer.media().get(i);
            MediaDescription answered = answer.media().get(i);
            assertThat(answered.media()).isEqualTo(offered.media());
            assertThat(answered.proto()).isEqualTo(offered.proto());
            assertThat(answered.mid()).isEqualTo(offered.mid());
        }
        MediaDescription audio = answer.media().get(0);
        MediaDescription video = answer.media().get(1);
        for (MediaDescription rejected : List.of(audio, video)) {
            assertThat(rejected.port()).isZero();
            assertThat(rejected.isRejected()).isTrue();
            assertThat(rejected.formats()).isNotEmpty();
            assertThat(rejected.attributes()).extracting(SdpAttribute::name).containsExactly("mid");
            assertThat(rejected.connection()).contains(ConnectionData.UNSPECIFIED);
        }
        assertThat(text).contains("\r\nm=audio 0 UDP/TLS/RTP/SAVPF " + String.join(" ", offer.media().get(0).formats())
                + "\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\nm=video 0 ");
        assertThat(answer.groups("BUNDLE")).containsExactly(List.of("2"));

        MediaDescription data = answer.media().get(2);
        assertThat(data.isDataChannel()).isTrue();
        assertThat(data.port()).isEqualTo(9);
        DataSection resolved = SessionDescription.parse(text).dataSection();
        assertThat(resolved.mediaIndex()).isEqualTo(2);
        assertThat(resolved.mid()).isEqualTo("2");
        assertThat(resolved.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(resolved.iceUfrag()).isEqualTo("EsAw");
        assertThat(resolved.fingerprints()).containsExactly(FINGERPRINT);
        assertThat(resolved.candidates()).containsExactly(CANDIDATE);
        assertThat(resolved.sctpPort()).isEqualTo(5000);
        assertThat(SessionDescription.parse(text)).isEqualTo(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROMIUM_OFFER, SdpFixtures.FIREFOX_OFFER})
    void answersDataOnlyOffers(String name) throws Exception {
        SessionDescription answer = DataChannelSdp.createAnswer(SdpFixtures.parse(name),
                local().setup(SetupRole.PASSIVE).sessionVersion(7).build());
        assertThat(answer.media()).hasSize(1);
        assertThat(answer.origin().sessionVersion()).isEqualTo("7");
        DataSection data = answer.dataSection();
        assertThat(data.setup()).isEqualTo(SetupRole.PASSIVE);
        assertThat(data.mid()).isEqualTo("0");
        assertThat(answer.groups("BUNDLE")).containsExactly(List.of("0"));
    }

    @Test
    void answerSetupFollowsRfc8842() throws Exception {
        assertThat(DataChannelSdp.answerSetup(SetupRole.ACTPASS, SetupRole.ACTPASS)).isEqualTo(SetupRole.ACTIVE);
        assertThat(DataChannelSdp.answerSetup(SetupRole.ACTPASS, SetupRole.PASSIVE)).isEqualTo(SetupRole.PASSIVE);
        assertThat(DataChannelSdp.answerSetup(SetupRole.ACTPASS, SetupRole.ACTIVE)).isEqualTo(SetupRole.ACTIVE);
        assertThat(DataChannelSdp.answerSetup(SetupRole.ACTIVE, SetupRole.ACTIVE)).isEqualTo(SetupRole.PASSIVE);
        assertThat(DataChannelSdp.answerSetup(SetupRole.PASSIVE, SetupRole.PASSIVE)).isEqualTo(SetupRole.ACTIVE);
        assertThatThrownBy(() -> DataChannelSdp.answerSetup(SetupRole.HOLDCONN, SetupRole.ACTPASS))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("holdconn");
    }

    @Test
    void offersWithoutAUsableDataSectionAreNegotiationErrors() throws Exception {
        String audioOnly = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";
        assertThatThrownBy(() -> DataChannelSdp.createAnswer(SessionDescription.parse(audioOnly), local().build()))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("no data channel m-section");

        SessionDescription chromium = SdpFixtures.parse(SdpFixtures.CHROMIUM_OFFER);
        MediaDescription rejectedData = chromium.media().get(0).toBuilder().port(0).build();
        SessionDescription rejected = chromium.toBuilder().setMedia(0, rejectedData).build();
        assertThatThrownBy(rejected::dataSection).isInstanceOf(SdpNegotiationException.class);

        MediaDescription noFingerprint = chromium.media().get(0).toBuilder().removeAttributes("fingerprint").build();
        SessionDescription unauthenticated = chromium.toBuilder().setMedia(0, noFingerprint).build();
        assertThatThrownBy(() -> DataChannelSdp.createAnswer(unauthenticated, local().build()))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("no a=fingerprint");

        MediaDescription noUfrag = chromium.media().get(0).toBuilder().removeAttributes("ice-ufrag").build();
        assertThatThrownBy(() -> chromium.toBuilder().setMedia(0, noUfrag).build().dataSection())
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("a=ice-ufrag");
    }

    @Test
    void bundleOnlyDataSectionTakesTransportFromTheTaggedSection() throws Exception {
        // A max-bundle offer: the data section is bundle-only (port 0) and carries no ICE/DTLS
        // attributes of its own; they live in the first section of the BUNDLE group (RFC 8843).
        String offer = String.join("\r\n",
                "v=0", "o=- 1 1 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE a d",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=candidate:" + CANDIDATE,
                "a=ice-ufrag:tagg",
                "a=ice-pwd:taggedtaggedtaggedtagg",
                "a=fingerprint:" + FINGERPRINT,
                "a=setup:actpass",
                "a=mid:a",
                "m=application 0 UDP/DTLS/SCTP webrtc-datachannel",
                "c=IN IP4 0.0.0.0",
                "a=bundle-only",
                "a=mid:d",
                "a=sctp-port:5000", "");
        SessionDescription sd = SessionDescription.parse(offer);
        assertThat(sd.media().get(1).isRejected()).isFalse();
        DataSection data = sd.dataSection();
        assertThat(data.mid()).isEqualTo("d");
        assertThat(data.iceUfrag()).isEqualTo("tagg");
        assertThat(data.candidates()).containsExactly(CANDIDATE);
        assertThat(data.maxMessageSizeBytes()).isEqualTo(65536);

        SessionDescription answer = DataChannelSdp.createAnswer(sd, local().build());
        assertThat(answer.media().get(0).isRejected()).isTrue();
        assertThat(answer.media().get(1).port()).isEqualTo(9);
        assertThat(answer.groups("BUNDLE")).containsExactly(List.of("d"));
    }

    @Test
    void parametersAreValidatedWhenBuilt() {
        assertThatThrownBy(() -> local().iceUfrag("abc").build()).hasMessageContaining("ice-ufrag");
        assertThatThrownBy(() -> local().icePwd("tooshort").build()).hasMessageContaining("ice-pwd");
        assertThatThrownBy(() -> DataSessionParameters.builder().iceUfrag("EsAw").icePwd("P2uYro0UCOQ4zxjKXaWCBui1")
                .build()).hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> local().sctpPort(70000).build()).hasMessageContaining("sctpPort");
        assertThatThrownBy(() -> local().maxMessageSizeBytes(-1).build()).hasMessageContaining("maxMessageSizeBytes");
        assertThatThrownBy(() -> local().defaultCandidate("0.0.0.0", 0).build()).hasMessageContaining("defaultPort");
        assertThatThrownBy(() -> local().setup(SetupRole.HOLDCONN).build()).hasMessageContaining("holdconn");
        assertThatThrownBy(() -> local().mid("a b").build()).hasMessageContaining("a=mid");
    }
}
