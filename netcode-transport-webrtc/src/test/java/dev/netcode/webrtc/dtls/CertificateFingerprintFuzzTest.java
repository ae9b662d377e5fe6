package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** The SDP fingerprint parser on hostile input: a clear IllegalArgumentException or a value that round-trips. */
class CertificateFingerprintFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void parseNeverFailsOtherwise(byte[] input) {
        // Bytes off the wire, decoded as a signaling layer would: never null, possibly garbage.
        String attributeValue = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        CertificateFingerprint parsed;
        try {
            parsed = CertificateFingerprint.parse(attributeValue);
        } catch (IllegalArgumentException expected) {
            return;
        }
        assertThat(CertificateFingerprint.parse(parsed.toSdpValue())).isEqualTo(parsed);
    }
}
