package dev.netcode.webrtc.stun.internal;

import java.security.GeneralSecurityException;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread HMAC and CRC-32 instances for MESSAGE-INTEGRITY and FINGERPRINT. {@link Mac} is not
 * thread-safe and {@code Mac.getInstance} costs a provider lookup, so each thread (in practice each
 * event loop) keeps one of each.
 */
public final class StunCrypto {
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));
    private static final ThreadLocal<CRC32> CRC = ThreadLocal.withInitial(CRC32::new);

    private StunCrypto() {
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        }
    }

    /** A keyed HMAC-SHA1 for this thread; the caller feeds it and calls {@code doFinal}. */
    public static Mac hmacSha1(byte[] key) {
        return init(HMAC_SHA1.get(), key, "HmacSHA1");
    }

    /** A keyed HMAC-SHA256 for this thread. */
    public static Mac hmacSha256(byte[] key) {
        return init(HMAC_SHA256.get(), key, "HmacSHA256");
    }

    private static Mac init(Mac mac, byte[] key, String algorithm) {
        if (key.length == 0) {
            // SecretKeySpec rejects empty keys; HMAC pads the key anyway, so one zero byte is equivalent.
            key = new byte[1];
        }
        try {
            mac.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot key " + algorithm, e);
        }
        return mac;
    }

    /** A reset CRC-32 for this thread. */
    public static CRC32 crc32() {
        CRC32 crc = CRC.get();
        crc.reset();
        return crc;
    }
}
