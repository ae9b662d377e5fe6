package dev.netcode.webrtc.dtls.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.impl.TlsImplUtils;
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
 * AES-GCM records go through {@link JdkAesGcmCipher}; other record ciphers through BouncyCastle's
 * JCA adapter.
 *
 * <p>Handshake shortcuts, each measured in {@code dev.netcode.bench.dtls.DtlsHandshakeBenchmark}:
 * <ul>
 *   <li>X25519 ephemeral keys come from {@link X25519KeyPool} (generated in the background, each
 *       used once) through {@link PooledX25519Agreement}.</li>
 *   <li>Peer certificates keep their parsed EC key in {@link PeerKeyCache}, so a returning peer's
 *       signatures verify without recomputing the key's precomputation table.</li>
 *   <li>Which record ciphers the JDK offers is probed once per JVM rather than once per handshake
 *       (the probe instantiates a {@code javax.crypto.Cipher}).</li>
 * </ul>
 */
public final class HybridTlsCrypto extends BcTlsCrypto {
    private static final int GCM_TAG_BYTES = 16;
    /** Per encryption algorithm (RFC 5246 code, small): 0 unknown, 1 usable, 2 not. Benign races. */
    private static final byte[] ENCRYPTION_SUPPORT = new byte[64];
    private final JcaTlsCrypto records;

    public HybridTlsCrypto(SecureRandom random) {
        super(random);
        this.records = (JcaTlsCrypto) new JcaTlsCryptoProvider().create(random);
    }

    @Override
    public boolean hasEncryptionAlgorithm(int encryptionAlgorithm) {
        if (encryptionAlgorithm < 0 || encryptionAlgorithm >= ENCRYPTION_SUPPORT.length) {
            return super.hasEncryptionAlgorithm(encryptionAlgorithm) && records.hasEncryptionAlgorithm(encryptionAlgorithm);
        }
        byte known = ENCRYPTION_SUPPORT[encryptionAlgorithm];
        if (known == 0) {
            boolean usable = super.hasEncryptionAlgorithm(encryptionAlgorithm)
                    && records.hasEncryptionAlgorithm(encryptionAlgorithm);
            known = usable ? (byte) 1 : (byte) 2;
            ENCRYPTION_SUPPORT[encryptionAlgorithm] = known;
        }
        return known == 1;
    }

    @Override
    public TlsECDomain createECDomain(TlsECConfig ecConfig) {
        if (ecConfig.getNamedGroup() == NamedGroup.x25519) {
            return PooledX25519Agreement.domain(this);
        }
        return super.createECDomain(ecConfig);
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        if (type == CertificateType.X509) {
            return new PeerKeyCache.CachingCertificate(this, encoding);
        }
        return super.createCertificate(type, encoding);
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters cryptoParams, int encryptionAlgorithm, int macAlgorithm)
            throws IOException {
        int keyBytes = switch (encryptionAlgorithm) {
            case EncryptionAlgorithm.AES_128_GCM -> 16;
            case EncryptionAlgorithm.AES_256_GCM -> 32;
            default -> 0;
        };
        if (keyBytes == 0) {
            recordKeys = null;
            readGcm = null;
            return records.createCipher(cryptoParams, encryptionAlgorithm, macAlgorithm);
        }
        try {
            // Our own JDK adapter: BouncyCastle's JCA one does a provider lookup per record.
            JdkAesGcmCipher decrypt = new JdkAesGcmCipher(false);
            TlsCipher cipher = new TlsAEADCipher(cryptoParams, new JdkAesGcmCipher(true), decrypt,
                    keyBytes, GCM_TAG_BYTES, TlsAEADCipher.AEAD_GCM);
            readGcm = decrypt.gcm();
            // The same derivation BouncyCastle just did (RFC 5246 §6.3), for our application-data fast path.
            byte[] keyBlock = TlsImplUtils.calculateKeyBlock(cryptoParams, 2 * keyBytes + 2 * RecordKeys.SALT_BYTES);
            recordKeys = RecordKeys.fromKeyBlock(keyBlock, keyBytes, cryptoParams.isServer());
            java.util.Arrays.fill(keyBlock, (byte) 0);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new TlsFatalAlert(AlertDescription.internal_error, e);
        }
    }

    // Application-data fast path (DtlsEndpoint): the keys BouncyCastle's record cipher was given.
    private volatile RecordKeys recordKeys;

    /**
     * The AES-GCM keys of the last record cipher created (the one the handshake switches to), or
     * null if the suite is not AES-GCM or no cipher was created yet. One crypto serves one handshake.
     */
    public RecordKeys recordKeys() {
        return recordKeys;
    }

    private volatile AesGcm readGcm;

    /**
     * The keyed decrypt {@link AesGcm} of the last record cipher created (keyed with
     * {@link RecordKeys#readKey()}), or null; the application-data fast path shares it so that a
     * connection holds one set of GHASH tables per direction, not two for reading.
     */
    public AesGcm readGcm() {
        return readGcm;
    }
}
