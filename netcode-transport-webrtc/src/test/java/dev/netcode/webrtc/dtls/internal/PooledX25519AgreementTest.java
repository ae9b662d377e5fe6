package dev.netcode.webrtc.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 7748 §6.1 X25519 agreement with pooled ephemeral keys, against BouncyCastle's own. */
@Timeout(60)
class PooledX25519AgreementTest {

    @Test
    void agreesWithBouncyCastlesX25519AndNeverReusesAKey() throws Exception {
        HybridTlsCrypto ours = new HybridTlsCrypto(new SecureRandom());
        BcTlsCrypto reference = new BcTlsCrypto(new SecureRandom());
        Set<String> publicKeys = new HashSet<>();
        for (int i = 0; i < 40; i++) { // more than the pool holds: pooled and inline keys both
            TlsAgreement a = ours.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
            assertThat(a).isInstanceOf(PooledX25519Agreement.class);
            TlsAgreement b = reference.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
            byte[] aPublic = a.generateEphemeral();
            byte[] bPublic = b.generateEphemeral();
            assertThat(publicKeys.add(Hex.toHexString(aPublic))).as("key reused at %d", i).isTrue();
            a.receivePeerValue(bPublic);
            b.receivePeerValue(aPublic);
            byte[] sa = a.calculateSecret().extract();
            byte[] sb = b.calculateSecret().extract();
            assertThat(sa).hasSize(32).isEqualTo(sb);
        }
    }

    @Test
    void smallOrderAndMalformedPeerValuesAreRefused() throws Exception {
        HybridTlsCrypto ours = new HybridTlsCrypto(new SecureRandom());
        TlsAgreement a = ours.createECDomain(new TlsECConfig(NamedGroup.x25519)).createECDH();
        a.generateEphemeral();
        assertThatThrownBy(() -> a.receivePeerValue(new byte[31])).isInstanceOf(TlsFatalAlert.class);
        assertThatThrownBy(() -> a.receivePeerValue(null)).isInstanceOf(TlsFatalAlert.class);
        a.receivePeerValue(new byte[32]); // the all-zero point has small order: the secret would be zero
        assertThatThrownBy(a::calculateSecret).isInstanceOf(TlsFatalAlert.class);
    }

    @Test
    void otherGroupsKeepBouncyCastlesImplementation() {
        HybridTlsCrypto ours = new HybridTlsCrypto(new SecureRandom());
        assertThat(ours.createECDomain(new TlsECConfig(NamedGroup.secp256r1)).createECDH())
                .isNotInstanceOf(PooledX25519Agreement.class);
    }

    @Test
    void poolRefillsInTheBackground() throws Exception {
        PrecomputedPool<Integer> pool = new PrecomputedPool<>(4, r -> r.nextInt());
        pool.requestRefill();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pool.available() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(pool.available()).isEqualTo(4);
        pool.take(new SecureRandom());
        assertThat(pool.available()).isLessThanOrEqualTo(4);
    }
}
