package dev.netcode.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The candidate parser on hostile strings: a typed error or a candidate that round-trips. */
class IceCandidateFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void parseNeverFailsOtherwise(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        IceCandidate c;
        try {
            c = IceCandidate.parse(value);
        } catch (IceCandidateParseException expected) {
            return;
        }
        c.socketAddress();
        c.isMdns();
        try {
            assertThat(IceCandidate.parse(c.toSdpValue())).isEqualTo(c);
        } catch (IceCandidateParseException e) {
            throw new AssertionError("formatted candidate does not parse: " + c.toSdpValue(), e);
        }
    }
}
