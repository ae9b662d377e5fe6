package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {
    // FIPS 180-2 Appendix B.1: SHA-256("abc").
    private static final String ABC_SHA256 = "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:"
            + "B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";

    @Test
    void formatsLikeBrowsers() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(CertificateFingerprint.sha256(abc).toSdpValue()).isEqualTo(ABC_SHA256);
    }

    @Test
    void parsesAnyCaseAndMatchesTheCertificate() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        CertificateFingerprint parsed = CertificateFingerprint.parse(ABC_SHA256.toLowerCase());
        assertThat(parsed.matches(abc)).isTrue();
        assertThat(parsed.matches("abd".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(parsed).isEqualTo(CertificateFingerprint.parse(ABC_SHA256));
    }

    @Test
    void parsesChromiumFixtureValue() {
        // From ../shared/fixtures/sdp/chromium-156-answer-datachannel.sdp.
        String chromium = "sha-256 2F:50:CF:66:15:9B:E6:A2:98:1A:D7:B1:88:B1:26:96:F7:2A:16:EC:"
                + "2E:42:43:DC:2D:17:66:48:5A:7E:BA:5B";
        assertThat(CertificateFingerprint.parse(chromium).toSdpValue()).isEqualTo(chromium);
    }

    @Test
    void malformedValuesGiveClearErrors() {
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256")).hasMessageContaining("<hash-func> <hex>");
        assertThatThrownBy(() -> CertificateFingerprint.parse("md5 AB:CD")).hasMessageContaining("md5");
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 AB-CD")).hasMessageContaining("':'");
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 AB:CG")).hasMessageContaining("non-hex");
        assertThatThrownBy(() -> CertificateFingerprint.parse("sha-256 ABC")).hasMessageContaining("length");
    }
}
