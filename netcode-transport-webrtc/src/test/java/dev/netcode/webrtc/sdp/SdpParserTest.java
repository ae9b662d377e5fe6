package dev.netcode.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Malformed and oversized descriptions: typed errors naming the 1-based line. */
class SdpParserTest {
    private static final String HEADER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";
    private static final String DATA = "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
            + "c=IN IP4 0.0.0.0\r\n"
            + "a=ice-ufrag:abcd\r\n"
            + "a=ice-pwd:abcdefghijklmnopqrstuv\r\n"
            + "a=fingerprint:sha-256 AB:CD\r\n"
            + "a=setup:actpass\r\n"
            + "a=mid:0\r\n"
            + "a=sctp-port:5000\r\n";

    private static SdpParseException failure(String sdp) {
        SdpParseException e = catchThrowableOfType(() -> SessionDescription.parse(sdp), SdpParseException.class);
        assertThat(e).as("expected a parse error for:\n%s", sdp).isNotNull();
        return e;
    }

    private static void assertFailsAt(String sdp, int lineNumber, String reason) {
        SdpParseException e = failure(sdp);
        assertThat(e.lineNumber()).as(e.getMessage()).isEqualTo(lineNumber);
        assertThat(e.getMessage()).contains(reason).startsWith("line " + lineNumber + ": ");
        assertThat(e.getMessage()).contains("\"" + SdpParseException.quote(e.line()) + "\"");
    }

    @Test
    void minimalDataSessionParses() throws Exception {
        SessionDescription sd = SessionDescription.parse(HEADER + DATA);
        assertThat(sd.media()).hasSize(1);
        assertThat(sd.toSdp()).isEqualTo(HEADER + DATA);
    }

    @Test
    void structuralErrorsNameTheLine() {
        assertFailsAt("v=1\r\n", 1, "unsupported SDP version");
        assertFailsAt("o=- 1 2 IN IP4 127.0.0.1\r\n", 1, "must start with v=0");
        assertFailsAt("v=0\r\ns=-\r\n", 2, "o= must follow v=");
        assertFailsAt("v=0\r\no=- 1 2 IN IP4\r\n", 2, "o= needs");
        assertFailsAt("v=0\r\no=- x 2 IN IP4 127.0.0.1\r\n", 2, "o= needs");
        assertFailsAt("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nt=0 0\r\n", 3, "s= must follow o=");
        assertFailsAt(HEADER.replace("t=0 0\r\n", "") + DATA, 4, "t= must come before the first m=");
        assertFailsAt(HEADER + "x=unknown\r\n" + DATA, 5, "unknown line type 'x'");
        assertFailsAt(HEADER + "garbage\r\n", 5, "expected '<type>=<value>'");
        assertFailsAt(HEADER + "v=0\r\n", 5, "may appear only once");
        assertFailsAt(HEADER + DATA + "t=0 0\r\n", 13, "not allowed in a media section");
        assertFailsAt(HEADER + "t=now\r\n", 5, "t= needs");
        assertFailsAt(HEADER + DATA + "c=IN IP4\r\n", 13, "c= needs");
    }

    @Test
    void mediaLineErrorsNameTheLine() {
        assertFailsAt(HEADER + "m=application x UDP/DTLS/SCTP webrtc-datachannel\r\n", 5, "bad m= port 'x'");
        assertFailsAt(HEADER + "m=application 65536 UDP/DTLS/SCTP webrtc-datachannel\r\n", 5, "bad m= port");
        assertFailsAt(HEADER + "m=application 9/0 UDP/DTLS/SCTP webrtc-datachannel\r\n", 5, "number of ports");
        assertFailsAt(HEADER + "m=application 9 UDP/DTLS/SCTP\r\n", 5, "m= needs");
        assertFailsAt(HEADER + "m=application  9 UDP/DTLS/SCTP webrtc-datachannel\r\n", 5, "m= needs");
        assertFailsAt(HEADER + "m=application 9 UDP//SCTP webrtc-datachannel\r\n", 5, "bad m= proto");
    }

    @Test
    void attributeErrorsNameTheLine() {
        assertFailsAt(HEADER + DATA.replace("a=sctp-port:5000", "a=sctp-port:70000"), 12, "a=sctp-port");
        assertFailsAt(HEADER + DATA.replace("a=setup:actpass", "a=setup:sideways"), 10, "a=setup must be");
        assertFailsAt(HEADER + DATA.replace("a=ice-ufrag:abcd", "a=ice-ufrag:abc"), 7, "a=ice-ufrag needs 4..256");
        assertFailsAt(HEADER + DATA.replace("a=ice-pwd:abcdefghijklmnopqrstuv", "a=ice-pwd:short"), 8, "a=ice-pwd");
        assertFailsAt(HEADER + DATA.replace("a=fingerprint:sha-256 AB:CD", "a=fingerprint:sha-256"), 9, "a=fingerprint");
        assertFailsAt(HEADER + DATA.replace("a=fingerprint:sha-256 AB:CD", "a=fingerprint:sha-256 XY"), 9, "hex");
        assertFailsAt(HEADER + DATA + "a=max-message-size:-1\r\n", 13, "a=max-message-size");
        assertFailsAt(HEADER + DATA + "a=mid:1\r\n", 13, "a=mid appears twice");
        assertFailsAt(HEADER + DATA + "a=ice-ufrag:efgh\r\n", 13, "a=ice-ufrag appears twice");
        assertFailsAt(HEADER + DATA + DATA, 19, "a=mid:0 is already used");
        assertFailsAt(HEADER + "a=group:BUNDLE  0\r\n", 5, "a=group");
        assertFailsAt(HEADER + "a=bad name\r\n", 5, "attribute name must be a token");
        assertFailsAt(HEADER + "a=\r\n", 5, "attribute name must be a token");
        assertFailsAt(HEADER + DATA + "a=candidate\r\n", 13, "a=candidate needs a value");
    }

    @Test
    void controlCharactersInsideALineAreErrors() {
        assertFailsAt(HEADER + "a=foo\rbar\r\n", 5, "CR inside a line at column 6");
        assertFailsAt(HEADER + "a=foo\0\r\n", 5, "NUL inside a line");
        SdpParseException e = failure(HEADER + "a=foo\0\r\n");
        assertThat(e.getMessage()).contains("a=foo\\x00").doesNotContain("\0");
    }

    @Test
    void wholeDescriptionErrorsUseLineZero() {
        SdpParseException empty = failure("");
        assertThat(empty.lineNumber()).isZero();
        assertThat(empty.getMessage()).contains("empty session description");
        assertThat(failure("\r\n\r\n").getMessage()).contains("no v= line");
        assertThat(failure("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n").getMessage()).contains("ends before s=");
        assertThat(failure("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n").getMessage()).contains("no t= line");
        byte[] notUtf8 = (HEADER + "a=x:\u00e9\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SdpParser.DEFAULT.parse(notUtf8)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void limitsAreEnforcedWithClearErrors() {
        SdpLimits tiny = SdpLimits.DEFAULT.withMaxSizeBytes(100);
        assertThatThrownBy(() -> new SdpParser(tiny).parse(HEADER + DATA)).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("exceeds the limit of 100 bytes");
        // Multi-byte characters count as UTF-8 bytes, not chars.
        String accents = HEADER + "a=x:" + "\u00e9".repeat(40) + "\r\n";
        assertThatThrownBy(() -> new SdpParser(SdpLimits.DEFAULT.withMaxSizeBytes(accents.length() + 1)).parse(accents))
                .hasMessageContaining("exceeds the limit");

        assertThatThrownBy(() -> new SdpParser(SdpLimits.DEFAULT.withMaxLines(6)).parse(HEADER + DATA))
                .isInstanceOf(SdpParseException.class).hasMessageStartingWith("line 7: more than 6 lines");
        assertThatThrownBy(() -> new SdpParser(SdpLimits.DEFAULT.withMaxLineLengthBytes(40)).parse(HEADER + DATA))
                .hasMessageStartingWith("line 5: line longer than 40 bytes");
        assertThatThrownBy(() -> new SdpParser(SdpLimits.DEFAULT.withMaxMediaSections(1))
                .parse(HEADER + DATA + DATA.replace("a=mid:0", "a=mid:1")))
                .hasMessageStartingWith("line 13: more than 1 m-sections");
        assertThatThrownBy(() -> new SdpParser(SdpLimits.DEFAULT.withMaxAttributesPerSection(3)).parse(HEADER + DATA))
                .hasMessageStartingWith("line 10: more than 3 attributes in one media section");
        String twoCandidates = HEADER + DATA + "a=candidate:1 1 udp 1 1.2.3.4 5 typ host\r\n"
                + "a=candidate:2 1 udp 1 1.2.3.4 6 typ host\r\n";
        assertThatThrownBy(() -> new SdpParser(SdpLimits.DEFAULT.withMaxCandidates(1)).parse(twoCandidates))
                .hasMessageStartingWith("line 14: more than 1 candidates");
        assertThatThrownBy(() -> SdpLimits.DEFAULT.withMaxLines(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultLimitsStopAHugeDescriptionBeforeReadingIt() {
        String huge = HEADER + "a=x:" + "y".repeat(70_000) + "\r\n";
        SdpParseException e = failure(huge);
        assertThat(e.lineNumber()).isZero();
        assertThat(e.getMessage()).contains("65536");
        String longLine = HEADER + "a=x:" + "y".repeat(5000) + "\r\n";
        SdpParseException l = failure(longLine);
        assertThat(l.lineNumber()).isEqualTo(5);
        assertThat(l.getMessage()).contains("line longer than 4096 bytes").contains("...(5004 chars)");
        assertThat(l.line()).hasSize(5004);
    }

    @Test
    void outOfOrderFieldsAreStoredInRfcOrder() throws Exception {
        String shuffled = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nb=AS:30\r\nc=IN IP4 0.0.0.0\r\na=x\r\n";
        SessionDescription sd = SessionDescription.parse(shuffled);
        assertThat(sd.toSdp()).isEqualTo("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nb=AS:30\r\nt=0 0\r\na=x\r\n");
        assertThat(SessionDescription.parse(sd.toSdp())).isEqualTo(sd);
        assertThat(sd.connection()).contains(ConnectionData.UNSPECIFIED);
    }

    @Test
    void attributeSpellingIsPreserved() throws Exception {
        SessionDescription sd = SessionDescription.parse(HEADER + "a=flag\r\na=empty:\r\na=spaced: v \r\n");
        assertThat(sd.attributes()).containsExactly(SdpAttribute.flag("flag"), SdpAttribute.of("empty", ""),
                SdpAttribute.of("spaced", " v "));
        assertThat(sd.toSdp()).endsWith("a=flag\r\na=empty:\r\na=spaced: v \r\n");
    }

    @Test
    void trickledCandidateAttributeParsesWithOrWithoutPrefix() throws Exception {
        String value = "1 1 udp 2130706431 127.0.0.1 50000 typ host";
        assertThat(SdpAttribute.parse("candidate:" + value)).isEqualTo(SdpAttribute.of("candidate", value));
        assertThat(SdpAttribute.parse("a=candidate:" + value + "\r\n")).isEqualTo(SdpAttribute.of("candidate", value));
        assertThat(SdpAttribute.parse("a=end-of-candidates").isFlag()).isTrue();
        assertThatThrownBy(() -> SdpAttribute.parse("a=candidate:")).isInstanceOf(SdpParseException.class)
                .hasMessageStartingWith("line 1: a=candidate needs a value");
    }

    @Test
    void modelRejectsWhatTheParserRejects() {
        assertThatThrownBy(() -> SdpAttribute.of("sctp-port", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpAttribute.of("bad name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpAttribute.of("x", "a\r\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.dataChannel(9).flag("end-of-candidates").flag("end-of-candidates")
                .build()).hasMessageContaining("twice");
        assertThatThrownBy(() -> MediaDescription.dataChannel(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> MediaDescription.dataChannel(9).formats(java.util.List.of()).build())
                .hasMessageContaining("fmt");
        assertThatThrownBy(() -> MediaDescription.dataChannel(9).field(new SdpField('t', "0 0")).build())
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> SessionDescription.builder(Origin.jsep(1, 1)).removeFields('t').build())
                .hasMessageContaining("t= line");
        assertThatThrownBy(() -> new Origin("-", "x", "1", "IN", "IP4", "1.2.3.4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chromiumDefaultMdnsCandidatesAndIpv6AreKeptRaw() throws Exception {
        // Chromium's default (no media permission) hides host addresses behind mDNS names.
        String mdns = "3637462958 1 udp 2113937151 0f3e21a8-8c2b-4b8e-9b0e-7c1a5e3f4d21.local 54321 typ host "
                + "generation 0 network-cost 999";
        String sdp = HEADER + DATA.replace("c=IN IP4 0.0.0.0", "c=IN IP6 ::1") + "a=candidate:" + mdns + "\r\n"
                + "m=audio 9/2 RTP/AVP 0\r\na=mid:1\r\n";
        SessionDescription sd = SessionDescription.parse(sdp);
        assertThat(sd.dataSection().candidates()).containsExactly(mdns);
        assertThat(sd.media().get(0).connection()).contains(new ConnectionData("IN", "IP6", "::1"));
        assertThat(sd.media().get(1).numberOfPorts()).hasValue(2);
        assertThat(sd.media().get(1).isDataChannel()).isFalse();
        assertThat(sd.toSdp()).isEqualTo(sdp);
    }
}
