package dev.netcode.webrtc.dtls;

import java.security.SecureRandom;
import dev.netcode.webrtc.dtls.internal.HybridTlsCrypto;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Which BouncyCastle crypto implementation protects records and signs the handshake.
 *
 * <ul>
 *   <li>{@link #JCA}: {@code JcaTlsCrypto} over the JDK providers, so AES-GCM uses the JVM's
 *       AES-NI/CLMUL intrinsics and ECDSA/ECDH the JDK's SunEC.</li>
 *   <li>{@link #BC}: {@code BcTlsCrypto}, BouncyCastle's pure-Java lightweight API.</li>
 *   <li>{@link #HYBRID}: {@code BcTlsCrypto} for the handshake (faster ECDHE/ECDSA than the JDK's)
 *       and the JDK's ciphers for records (faster AES-GCM).</li>
 * </ul>
 *
 * The default ({@link DtlsConfig#cryptoBackend()}) is {@link #HYBRID}, the fastest in both
 * {@code dev.netcode.bench.dtls.DtlsRecordBenchmark} and {@code DtlsHandshakeBenchmark}; see the
 * package documentation for figures.
 */
public enum DtlsCryptoBackend {
    JCA {
        @Override
        public TlsCrypto create(SecureRandom random) {
            return new JcaTlsCryptoProvider().create(random);
        }
    },
    BC {
        @Override
        public TlsCrypto create(SecureRandom random) {
            return new BcTlsCrypto(random);
        }
    },
    HYBRID {
        @Override
        public TlsCrypto create(SecureRandom random) {
            return new HybridTlsCrypto(random);
        }
    };

    /** A new crypto instance; cheap, one per endpoint. */
    public abstract TlsCrypto create(SecureRandom random);
}
