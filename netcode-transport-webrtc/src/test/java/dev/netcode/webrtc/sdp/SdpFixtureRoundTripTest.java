package dev.netcode.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Chromium 156 and Firefox ESR 153 descriptions: round trips and the parameters WebRTC needs. */
class SdpFixtureRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROMIUM_OFFER, SdpFixtures.CHROMIUM_ANSWER, SdpFixtures.CHROMIUM_OFFER_AV,
            SdpFixtures.FIREFOX_OFFER, SdpFixtures.FIREFOX_ANSWER, SdpFixtures.FIREFOX_OFFER_AV})
    void roundTripsByteForByte(String name) throws Exception {
        String text = SdpFixtures.read(name);
        SessionDescription parsed = SessionDescription.parse(text);
        String written = parsed.toSdp();
        // Browsers write canonical SDP (CRLF, RFC order), so the bytes come back unchanged.
        assertThat(written).isEqualTo(text);
        assertThat(SessionDescription.parse(written)).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(SdpParser.DEFAULT.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROMIUM_OFFER_AV, SdpFixtures.FIREFOX_OFFER_AV})
    void acceptsBareLineFeedsAndWritesCrlf(String name) throws Exception {
        String crlf = SdpFixtures.read(name);
        String lf = crlf.replace("\r\n", "\n");
        SessionDescription parsed = SessionDescription.parse(lf);
        assertThat(parsed).isEqualTo(SessionDescription.parse(crlf));
        assertThat(parsed.toSdp()).isEqualTo(crlf);
        // No terminator on the last line, and a trailing blank line, are both tolerated.
        assertThat(SessionDescription.parse(lf.substring(0, lf.length() - 1))).isEqualTo(parsed);
        assertThat(SessionDescription.parse(crlf + "\r\n")).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROMIUM_OFFER_AV, SdpFixtures.FIREFOX_OFFER_AV})
    void keepsUnknownAttributesInOrder(String name) throws Exception {
        SessionDescription parsed = SdpFixtures.parse(name);
        MediaDescription video = parsed.media().get(1);
        assertThat(video.media()).isEqualTo("video");
        assertThat(video.attributeValues("rtpmap")).isNotEmpty().allMatch(v -> v.matches("\\d+ .+"));
        assertThat(video.attributes()).extracting(SdpAttribute::name).contains("rtcp-fb", "ssrc-group", "extmap");
    }

    static Stream<Arguments> expectations() {
        return Stream.of(
                Arguments.of(SdpFixtures.CHROMIUM_OFFER, 0, "0", "OaW5", "bl64UW4324kL12qHXRlgnvmx",
                        "sha-256 90:DA:04:06:19:1C:11:0E:3C:85:88:A0:94:24:BB:BB:69:9F:1D:A2:5E:62:60:06:BF:76:21:EC:BD:25:C7:3F",
                        SetupRole.ACTPASS, 262144L, 4, false),
                Arguments.of(SdpFixtures.CHROMIUM_ANSWER, 0, "0", "I6sW", "tbI2v6vepha1Hgh0K5myaZ7F",
                        "sha-256 2F:50:CF:66:15:9B:E6:A2:98:1A:D7:B1:88:B1:26:96:F7:2A:16:EC:2E:42:43:DC:2D:17:66:48:5A:7E:BA:5B",
                        SetupRole.ACTIVE, 262144L, 2, false),
                Arguments.of(SdpFixtures.CHROMIUM_OFFER_AV, 2, "2", "p6Un", "RwGJjKhDk3JMRqqYvycf1XLA",
                        "sha-256 B7:9C:BE:28:24:24:70:1A:89:FD:E1:30:79:D2:22:08:9E:91:CF:80:D3:DC:D3:25:90:0A:E6:61:5D:31:69:11",
                        SetupRole.ACTPASS, 262144L, 4, false),
                Arguments.of(SdpFixtures.FIREFOX_OFFER, 0, "0", "0c1f849e", "e49f04d5a4ca0ee827cfff82a348080f",
                        "sha-256 0F:E1:FE:E6:93:DE:A5:37:1E:95:A4:9F:7B:1B:69:A6:38:1B:0E:17:1B:E6:51:72:68:B3:C4:D8:52:7A:3E:F6",
                        SetupRole.ACTPASS, 1073741823L, 1, true),
                Arguments.of(SdpFixtures.FIREFOX_ANSWER, 0, "0", "db735f84", "e67e73e1e100dec18bb2cb1e2f97e6e3",
                        "sha-256 22:3C:14:D2:3F:59:1D:42:4E:6C:50:A7:37:87:30:26:69:E7:5E:4B:FE:D0:EE:47:98:EB:D5:BF:F6:B9:04:79",
                        SetupRole.ACTIVE, 1073741823L, 1, true),
                Arguments.of(SdpFixtures.FIREFOX_OFFER_AV, 2, "2", "ad5758d7", "a819010458893d40b934353ab34b0084",
                        "sha-256 00:F5:41:1A:90:F0:30:14:6B:8E:B9:E0:91:43:77:E4:E9:60:BD:32:E3:24:17:DE:C6:89:A1:34:64:E6:CE:5C",
                        SetupRole.ACTPASS, 1073741823L, 1, true));
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void extractsTransportParameters(String name, int index, String mid, String ufrag, String pwd, String fingerprint,
            SetupRole setup, long maxMessageSize, int candidateCount, boolean endOfCandidates) throws Exception {
        SessionDescription sd = SdpFixtures.parse(name);
        DataSection data = sd.dataSection();
        assertThat(data.mediaIndex()).isEqualTo(index);
        assertThat(data.mid()).isEqualTo(mid);
        assertThat(data.iceUfrag()).isEqualTo(ufrag);
        assertThat(data.icePwd()).isEqualTo(pwd);
        assertThat(data.fingerprints()).containsExactly(fingerprint);
        assertThat(data.setup()).isEqualTo(setup);
        assertThat(data.sctpPort()).isEqualTo(5000);
        assertThat(data.maxMessageSizeBytes()).isEqualTo(maxMessageSize);
        assertThat(data.candidates()).hasSize(candidateCount)
                .allSatisfy(c -> assertThat(c).matches("\\d+ \\d (udp|UDP|tcp) \\d+ \\S+ \\d+ typ host.*"));
        assertThat(data.endOfCandidates()).isEqualTo(endOfCandidates);
        assertThat(data.supportsTrickle()).isTrue();
        assertThat(data.iceLite()).isFalse();
        assertThat(sd.bundleGroupOf(mid)).isPresent();
        MediaDescription section = sd.media().get(index);
        assertThat(section.isDataChannel()).isTrue();
        assertThat(section.isRejected()).isFalse();
        assertThat(section.proto()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(section.formats()).containsExactly("webrtc-datachannel");
        assertThat(section.port()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.FIREFOX_OFFER, SdpFixtures.FIREFOX_ANSWER})
    void firefoxFingerprintAndIceOptionsComeFromSessionLevel(String name) throws Exception {
        SessionDescription sd = SdpFixtures.parse(name);
        MediaDescription data = sd.media().get(0);
        assertThat(data.fingerprints()).isEmpty();
        assertThat(data.attribute("ice-options")).isEmpty();
        assertThat(sd.attributeValues("fingerprint")).hasSize(1);
        assertThat(sd.resolveAttributeValues(data, "fingerprint")).isEqualTo(sd.attributeValues("fingerprint"));
        assertThat(sd.resolveAttribute(data, "ice-options")).contains(SdpAttribute.of("ice-options", "trickle"));
        assertThat(sd.origin().username()).isEqualTo("mozilla...THIS_IS_SDPARTA-99.0");
        assertThat(sd.attributeValue("msid-semantic")).contains("WMS *");
    }

    @ParameterizedTest
    @ValueSource(strings = {SdpFixtures.CHROMIUM_OFFER, SdpFixtures.CHROMIUM_ANSWER})
    void chromiumSessionAttributesKeepTheirSpelling(String name) throws Exception {
        SessionDescription sd = SdpFixtures.parse(name);
        assertThat(sd.attributes()).extracting(SdpAttribute::toLine)
                .containsExactly("a=group:BUNDLE 0", "a=extmap-allow-mixed", "a=msid-semantic: WMS");
        assertThat(sd.attribute("extmap-allow-mixed").orElseThrow().isFlag()).isTrue();
        assertThat(sd.fields()).extracting(SdpField::toLine).containsExactly("t=0 0");
        assertThat(sd.media().get(0).connection()).contains(new ConnectionData("IN", "IP4", "127.0.0.1"));
        assertThat(sd.groups("BUNDLE")).containsExactly(List.of("0"));
    }
}
