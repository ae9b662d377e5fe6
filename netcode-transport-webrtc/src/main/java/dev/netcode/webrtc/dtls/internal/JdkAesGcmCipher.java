package dev.netcode.webrtc.dtls.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;

/**
 * One direction of AES-GCM for DTLS records on the JDK's cipher (AES-NI and CLMUL intrinsics),
 * plugged into BouncyCastle's record layer through {@link TlsAEADCipherImpl}.
 *
 * <p>Why not BouncyCastle's own JCA adapter: for every record it looks up an
 * {@code AlgorithmParameters} service in the provider list, DER-encodes the nonce into it, and
 * lets the cipher decode it again; that was about a tenth of the event loop's time in a bulk
 * DataChannel transfer. Here a record costs one {@link GCMParameterSpec} and one
 * {@link Cipher#init}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Not thread-safe; BouncyCastle calls it under the endpoint's record lock.</li>
 *   <li>A failed tag check surfaces as {@link IllegalStateException}, which BouncyCastle's
 *       {@code TlsAEADCipher} turns into {@code bad_record_mac}; DTLS then drops the record
 *       silently (RFC 6347 §4.1.2.7).</li>
 *   <li>The JDK refuses to encrypt twice with one key and nonce; DTLS nonces contain the epoch and
 *       sequence number, so they never repeat within a key.</li>
 * </ul>
 */
public final class JdkAesGcmCipher implements TlsAEADCipherImpl {
    private final Cipher cipher;
    private final int mode;
    private final boolean encrypt;
    private SecretKeySpec key;
    private int tagBytes;

    public JdkAesGcmCipher(boolean encrypt) throws GeneralSecurityException {
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.encrypt = encrypt;
        this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    }

    @Override
    public void setKey(byte[] keyBytes, int offset, int length) {
        key = new SecretKeySpec(keyBytes, offset, length, "AES");
    }

    @Override
    public void init(byte[] nonce, int macSizeBytes) {
        tagBytes = macSizeBytes;
        try {
            cipher.init(mode, key, new GCMParameterSpec(macSizeBytes * 8, nonce));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM init failed", e);
        }
    }

    @Override
    public int getOutputSize(int inputLength) {
        // GCM is a stream mode plus a tag: no need to ask the cipher (which re-checks its state).
        return encrypt ? inputLength + tagBytes : Math.max(0, inputLength - tagBytes);
    }

    @Override
    public int doFinal(byte[] additionalData, byte[] input, int inputOffset, int inputLength, byte[] output,
            int outputOffset) {
        try {
            if (additionalData != null && additionalData.length > 0) {
                cipher.updateAAD(additionalData);
            }
            return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM record rejected", e);
        }
    }
}
