package dev.netcode.webrtc.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DtlsCertificateTest {
    private static final long SEED = 7;

    @Test
    void generatedCertificateIsSelfSignedEcdsaP256WithFingerprint() throws Exception {
        Instant now = Instant.parse("2026-01-15T10:00:00Z");
        SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
        random.setSeed(SEED);
        DtlsCertificate cert = DtlsCertificate.generate("netcode", random, Clock.fixed(now, ZoneOffset.UTC));

        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(cert.derEncoded()));
        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=netcode");
        assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
        x509.verify(x509.getPublicKey()); // self-signed
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(x509.getSerialNumber().signum()).isPositive();
        assertThat(x509.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofDays(30)));
        assertThat(x509.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(365)));
        assertThat(cert.notAfter()).isEqualTo(now.plus(Duration.ofDays(365)));

        assertThat(cert.fingerprint().algorithm()).isEqualTo("sha-256");
        assertThat(cert.fingerprint().matches(x509.getEncoded())).isTrue();
        assertThat(CertificateFingerprint.parse(cert.fingerprint().toSdpValue())).isEqualTo(cert.fingerprint());
    }

    @Test
    void twoGeneratedCertificatesDiffer() {
        assertThat(DtlsCertificate.generate().fingerprint()).isNotEqualTo(DtlsCertificate.generate().fingerprint());
    }

    @Test
    void suppliedCertificateKeepsItsFingerprintAndRejectsNonEcKeys() throws Exception {
        DtlsCertificate generated = DtlsCertificate.generate();
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(generated.derEncoded()));
        DtlsCertificate supplied = DtlsCertificate.of(x509, generated.privateKey());
        assertThat(supplied.fingerprint()).isEqualTo(generated.fingerprint());

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertThatThrownBy(() -> DtlsCertificate.of(x509, rsa.generateKeyPair().getPrivate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
    }
}
