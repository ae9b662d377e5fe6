package dev.netcode.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The SDP parser on hostile input: only {@link SdpParseException} may escape, and whatever parses
 * must serialize, re-parse to an equal model and serialize to the same text. Answering what
 * parses may fail only with {@link SdpNegotiationException}, and the answer must parse again.
 * Seeds: the six browser fixtures in {@code SdpParserFuzzTestInputs/}.
 */
class SdpParserFuzzTest {
    private static final DataSessionParameters LOCAL = DataSessionParameters.builder()
            .sessionId(1).iceUfrag("fuzz").icePwd("fuzzfuzzfuzzfuzzfuzzfu")
            .fingerprint("sha-256 AB:CD").candidate("1 1 udp 1 127.0.0.1 9 typ host").build();

    @FuzzTest(maxDuration = "15s")
    void parseNeverFailsOtherwise(byte[] input) throws SdpException {
        SessionDescription parsed;
        try {
            // Half the time through the byte entry point (strict UTF-8), else as signaling would hand a String.
            if (input.length > 0 && (input[0] & 1) == 0) {
                parsed = SdpParser.DEFAULT.parse(input);
            } else {
                parsed = SessionDescription.parse(new String(input, StandardCharsets.UTF_8));
            }
        } catch (SdpParseException expected) {
            return;
        }
        String written = parsed.toSdp();
        SessionDescription reparsed = SessionDescription.parse(written);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.toSdp()).isEqualTo(written);
        try {
            SessionDescription answer = DataChannelSdp.createAnswer(parsed, LOCAL);
            assertThat(SessionDescription.parse(answer.toSdp())).isEqualTo(answer);
            assertThat(answer.media()).hasSameSizeAs(parsed.media());
        } catch (SdpNegotiationException expected) {
            // no usable data section: a typed refusal is the right outcome
        }
    }
}
