package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netcode.webrtc.dtls.DtlsCertificate;
import java.security.SecureRandom;
import java.time.Clock;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Peer certificates with the same key share one parsed key; different keys never do. */
@Timeout(60)
class PeerKeyCacheTest {

    @Test
    void sameKeySharesTheParsedKeyAndTheCacheStaysBounded() throws Exception {
        HybridTlsCrypto crypto = new HybridTlsCrypto(new SecureRandom());
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate("other", new SecureRandom(), Clock.systemUTC());
        var a1 = (PeerKeyCache.CachingCertificate) crypto.createCertificate(a.derEncoded());
        var a2 = (PeerKeyCache.CachingCertificate) crypto.createCertificate(a.derEncoded());
        var b1 = (PeerKeyCache.CachingCertificate) crypto.createCertificate(b.derEncoded());
        assertThat(a1.getPubKeyEC()).isSameAs(a2.getPubKeyEC());
        assertThat(b1.getPubKeyEC()).isNotSameAs(a1.getPubKeyEC());
        assertThat(b1.getPubKeyEC().getQ()).isNotEqualTo(a1.getPubKeyEC().getQ());
        TlsCertificate c = crypto.createCertificate(a.derEncoded());
        assertThat(c.supportsSignatureAlgorithm(SignatureAlgorithm.ecdsa)).isTrue();
        assertThat(PeerKeyCache.size()).isBetween(2, PeerKeyCache.CAPACITY);
    }
}
