package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * BouncyCastle's lightweight crypto for the handshake (its ECDHE and ECDSA are several times faster
 * than the JDK's) with the JDK's record ciphers (AES-GCM on AES-NI/CLMUL intrinsics), as measured by
 * {@code dev.netcode.bench.dtls}.
 *
 * <p>Mixing is sound because a record cipher only takes key bytes: BouncyCastle derives the key
 * block from the master secret of the handshake crypto and hands the bytes to the JCA cipher.
 */
public final class HybridTlsCrypto extends BcTlsCrypto {
    private final JcaTlsCrypto records;

    public HybridTlsCrypto(SecureRandom random) {
        super(random);
        this.records = (JcaTlsCrypto) new JcaTlsCryptoProvider().create(random);
    }

    @Override
    public boolean hasEncryptionAlgorithm(int encryptionAlgorithm) {
        return super.hasEncryptionAlgorithm(encryptionAlgorithm) && records.hasEncryptionAlgorithm(encryptionAlgorithm);
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        return records.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
    }
}
