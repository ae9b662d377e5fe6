package dev.netcode.webrtc.dtls.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * One direction of AES-GCM for DTLS records, plugged into BouncyCastle's record layer through
 * {@link TlsAEADCipherImpl}. Decryption always runs on {@link AesGcm} (the JDK's AES block
 * intrinsic, our CTR and GHASH; allocation-free). Encryption runs on {@link AesGcm} for records of
 * at most {@value #SMALL_RECORD_BYTES} bytes of plaintext (SACKs, game messages) and on the JDK's
 * {@code AES/GCM/NoPadding} above that.
 *
 * <p>Why not BouncyCastle's own JCA adapter: for every record it looks up an
 * {@code AlgorithmParameters} service in the provider list, DER-encodes the nonce into it, and
 * lets the cipher decode it again; that was about a tenth of the event loop's time in a bulk
 * DataChannel transfer. Why the split for encryption: the JDK's cipher needs a {@code Cipher.init}
 * per record, which allocates about 950 bytes, but its CLMUL GHASH is faster than ours from about
 * 128 bytes on (about 4 times at 1,200 bytes; see {@code AesGcmBenchmark}). Small records are the
 * many (a game's steady state); large ones carry the bulk bytes, where the JDK's speed matters and
 * its allocation is small per byte.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe; BouncyCastle calls it under the endpoint's record lock.</li>
 *   <li>A failed tag check surfaces as {@link IllegalStateException}, which BouncyCastle's
 *       {@code TlsAEADCipher} turns into {@code bad_record_mac}; DTLS then drops the record
 *       silently (RFC 6347 §4.1.2.7).</li>
 *   <li>Nonces must never repeat within a key; DTLS nonces contain the epoch and sequence number.
 *       The JDK's own repeated-nonce check only sees the large records, so it is no safety net.</li>
 * </ul>
 */
public final class JdkAesGcmCipher implements TlsAEADCipherImpl {
    /** Largest plaintext encrypted by {@link AesGcm}; measured crossover of CPU cost versus allocation. */
    static final int SMALL_RECORD_BYTES = 256;

    private final boolean encrypt;
    private final Cipher jdk;
    private SecretKeySpec key;
    private AesGcm gcm;
    private byte[] nonce;
    private int tagBytes;

    public JdkAesGcmCipher(boolean encrypt) throws GeneralSecurityException {
        this.encrypt = encrypt;
        this.jdk = encrypt ? Cipher.getInstance("AES/GCM/NoPadding") : null;
    }

    @Override
    public void setKey(byte[] keyBytes, int offset, int length) {
        if (encrypt) {
            key = new SecretKeySpec(keyBytes, offset, length, "AES");
        }
        gcm = new AesGcm(keyBytes, offset, length);
    }

    /**
     * The keyed {@link AesGcm} after {@link #setKey}, or null before. The decrypting instance is
     * shared with {@link ApplicationDataReader} (same read key): one set of GHASH tables per
     * connection instead of two. Both use it under the endpoint's session lock.
     */
    AesGcm gcm() {
        return gcm;
    }

    @Override
    public void init(byte[] nonce, int macSizeBytes) {
        if (macSizeBytes != AesGcm.TAG_BYTES || nonce.length != AesGcm.NONCE_BYTES) {
            throw new IllegalStateException("AES-GCM needs a 16-byte tag and a 12-byte nonce");
        }
        this.tagBytes = macSizeBytes;
        // BouncyCastle fills a fresh nonce array per record and does not touch it before doFinal.
        this.nonce = nonce;
    }

    @Override
    public int getOutputSize(int inputLength) {
        return encrypt ? inputLength + tagBytes : Math.max(0, inputLength - tagBytes);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
            int outputOffset) {
        byte[] aad = additionalData == null ? input : additionalData;
        int aadLength = additionalData == null ? 0 : additionalData.length;
        if (encrypt) {
            if (inputLength <= SMALL_RECORD_BYTES) {
                return gcm.seal(nonce, 0, aad, 0, aadLength, input, inputOffset, inputLength, output, outputOffset);
            }
            try {
                jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(tagBytes * 8, nonce));
                if (aadLength > 0) {
                    jdk.updateAAD(aad, 0, aadLength);
                }
                return jdk.doFinal(input, inputOffset, inputLength, output, outputOffset);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM encryption failed", e);
            }
        }
        if (!gcm.open(nonce, 0, aad, 0, aadLength, input, inputOffset, inputLength, output, outputOffset)) {
            throw new IllegalStateException("AES-GCM record rejected");
        }
        return inputLength - AesGcm.TAG_BYTES;
    }
}
